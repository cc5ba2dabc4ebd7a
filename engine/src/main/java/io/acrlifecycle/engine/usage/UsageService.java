package io.acrlifecycle.engine.usage;

import io.acrlifecycle.engine.model.RegistryUsage;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.softdelete.SoftDeletedItems;
import java.util.List;
import java.util.Objects;

/** Storage used and limit over ARM, plus the count and estimated bytes of soft-deleted items. */
public final class UsageService {
    private final Registry registry;

    public UsageService(Registry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public UsageReport usage() {
        List<RegistryUsage> usages = registry.usages();
        RegistryUsage size = usages.stream().filter(u -> "Size".equalsIgnoreCase(u.name())).findFirst().orElse(null);
        SoftDeletedItems.Listing deleted = new SoftDeletedItems(registry).registryWide();
        return new UsageReport(registry.loginServer(), size == null ? -1 : size.currentValue(),
                size == null ? -1 : size.limit(), deleted.repositories().size(), deleted.manifests().size(),
                deleted.tags().size(), deleted.totalKnownBytes(), (int) deleted.unknownSizeCount(), usages);
    }
}
