package io.acrlifecycle.engine.usage;

import io.acrlifecycle.engine.model.RegistryUsage;
import java.util.List;

/**
 * Registry storage ({@code listUsages} "Size": used and included limit, bytes; -1 when ARM did not report it) and
 * what soft-deleted items hold: counts and estimated bytes (the sum of the sizes ACR lists; items whose size is
 * unknown are counted in {@code softDeletedUnknownSize}). Soft-deleted items are billed as storage.
 */
public record UsageReport(String registry, long storageUsedBytes, long storageLimitBytes,
        int softDeletedRepositories, int softDeletedManifests, int softDeletedTags, long softDeletedEstimatedBytes,
        int softDeletedUnknownSize, List<RegistryUsage> usages) {

    public UsageReport {
        usages = List.copyOf(usages);
    }

    /** Used / limit in percent, or -1 when unknown. */
    public double storageUsedPercent() {
        return storageLimitBytes <= 0 || storageUsedBytes < 0 ? -1 : 100.0 * storageUsedBytes / storageLimitBytes;
    }
}
