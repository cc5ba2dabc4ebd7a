package io.acrlifecycle.cli;

import io.acrlifecycle.engine.model.RegistryPolicies;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.report.RegistrySections;
import io.acrlifecycle.engine.softdelete.SoftDeleteEnsure;
import io.acrlifecycle.engine.softdelete.SoftDeleteRequest;
import io.acrlifecycle.engine.softdelete.SoftDeleteResult;
import io.acrlifecycle.engine.softdelete.SoftDeleteRuleException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code soft-delete show|ensure}: the registry's soft-delete policy, as {@code az acr config soft-delete}. */
@Command(name = "soft-delete", mixinStandardHelpOptions = true,
        description = "Show or ensure the registry's soft-delete policy (needs --resource-id and an AAD credential).",
        subcommands = {SoftDeleteCommand.Show.class, SoftDeleteCommand.Ensure.class})
public class SoftDeleteCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "soft-delete: missing subcommand; accepted: show, ensure");
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the soft-delete and untagged-retention policies and what is incompatible.")
    static class Show extends RegistryCommand {
        @Override
        protected CommandResult execute() {
            try (AcrRegistry registry = openRegistry()) {
                RegistryPolicies p = registry.policies();
                String text = "soft delete:        " + (p.softDeleteEnabled() ? "enabled" : "disabled") + " ("
                        + p.softDeleteRetentionDays() + " days)\n"
                        + "untagged retention: " + (p.retentionEnabled() ? "enabled" : "disabled") + " ("
                        + p.retentionDays() + " days)\n"
                        + "sku: " + p.sku() + ", geo-replicated: " + p.geoReplicated() + ", zone redundant: "
                        + p.zoneRedundant() + "\n"
                        + (p.softDeleteEnabled() ? "" : "warning: soft delete is off, every delete is permanent\n");
                return CommandResult.of(commandName(), "done", ExitCodes.DONE, registry.loginServer(), p, text,
                        List.of(RegistrySections.policies("Soft delete policy", p)));
            }
        }
    }

    @Command(name = "ensure", mixinStandardHelpOptions = true,
            description = {"Make the soft-delete policy match what you declare; changes nothing when it already does.",
                "ACR's rules are checked first: soft delete cannot be on together with untagged retention, nor on "
                        + "geo-replicated or zone-redundant registries."})
    static class Ensure extends RegistryCommand {
        @Option(names = "--status", paramLabel = "STATUS", defaultValue = "enabled",
                description = "enabled or disabled (default: ${DEFAULT-VALUE}).")
        String status;

        @Option(names = "--days", paramLabel = "N",
                description = "Days a soft-deleted item is kept, 1..90 (default: leave as it is).")
        Integer days;

        @Option(names = "--untagged-retention", paramLabel = "STATUS",
                description = "Also set the untagged-manifest retention policy: enabled or disabled.")
        String untaggedRetention;

        @Option(names = "--untagged-retention-days", paramLabel = "N",
                description = "Days for the untagged-manifest retention policy, 0..365.")
        Integer untaggedRetentionDays;

        @Option(names = "--dry-run", description = "Show what would change; change nothing.")
        boolean dryRun;

        @Override
        protected CommandResult execute() {
            SoftDeleteRequest request = request();
            try (AcrRegistry registry = openRegistry()) {
                SoftDeleteResult r;
                try {
                    r = new SoftDeleteEnsure(registry, log()).ensure(request);
                } catch (SoftDeleteRuleException e) {
                    throw new CliException(ExitCodes.REFUSED, e.getMessage());
                }
                StringBuilder text = new StringBuilder(r.message()).append('\n');
                r.warnings().forEach(w -> text.append("warning: ").append(w).append('\n'));
                return CommandResult.of(commandName(), r.dryRun() ? "dry-run" : r.changed() ? "changed" : "unchanged",
                        ExitCodes.DONE, registry.loginServer(), r, text.toString(),
                        List.of(RegistrySections.softDelete("Ensure soft delete", r)));
            }
        }

        private SoftDeleteRequest request() {
            try {
                SoftDeleteRequest r = new SoftDeleteRequest(SoftDeleteRequest.Status.parse("--status", status), days,
                        null, dryRun);
                if (untaggedRetention != null) {
                    r = r.withUntaggedRetention(SoftDeleteRequest.Status.parse("--untagged-retention",
                            untaggedRetention), untaggedRetentionDays);
                } else if (untaggedRetentionDays != null) {
                    throw CliException.usage("--untagged-retention-days: needs --untagged-retention enabled|disabled");
                }
                return r;
            } catch (IllegalArgumentException e) {
                throw CliException.usage(e.getMessage().replaceFirst("^retentionDays:", "--days:")
                        .replaceFirst("^untaggedRetention.days:", "--untagged-retention-days:"));
            }
        }
    }
}
