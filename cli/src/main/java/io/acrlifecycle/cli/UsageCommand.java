package io.acrlifecycle.cli;

import io.acrlifecycle.engine.model.RegistryUsage;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.report.RegistrySections;
import io.acrlifecycle.engine.report.Sizes;
import io.acrlifecycle.engine.usage.UsageReport;
import io.acrlifecycle.engine.usage.UsageService;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code usage}: storage used (ARM listUsages, as az acr show-usage) and what soft-deleted items hold. */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = "Storage used and included (az acr show-usage) and the soft-deleted images that still count.")
public class UsageCommand extends RegistryCommand {

    @Override
    protected CommandResult execute() {
        try (AcrRegistry registry = openRegistry()) {
            UsageReport u = new UsageService(registry).usage();
            return CommandResult.of(commandName(), "done", ExitCodes.DONE, registry.loginServer(), u, text(u),
                    List.of(RegistrySections.usage("Usage", u)));
        }
    }

    public static String text(UsageReport u) {
        StringBuilder out = new StringBuilder();
        out.append("storage used: ").append(u.storageUsedBytes() < 0 ? "unknown" : Sizes.human(u.storageUsedBytes()));
        if (u.storageUsedPercent() >= 0) {
            out.append(String.format(java.util.Locale.ROOT, " of %s included (%.1f%%)",
                    Sizes.human(u.storageLimitBytes()), u.storageUsedPercent()));
        }
        out.append('\n');
        out.append("soft-deleted: ").append(u.softDeletedManifests()).append(" manifest(s), ")
                .append(Sizes.human(u.softDeletedEstimatedBytes()))
                .append(" (still counted and billed until retention expires)\n");
        for (RegistryUsage r : u.usages()) {
            if (!"Size".equalsIgnoreCase(r.name())) {
                out.append(r.name()).append(": ").append(r.currentValue()).append(" of ").append(r.limit())
                        .append('\n');
            }
        }
        return out.toString();
    }
}
