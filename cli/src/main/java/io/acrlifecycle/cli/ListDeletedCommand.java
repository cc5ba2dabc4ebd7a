package io.acrlifecycle.cli;

import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.ImageRef;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.report.RegistrySections;
import io.acrlifecycle.engine.report.Sizes;
import io.acrlifecycle.engine.softdelete.SoftDeletedItems;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code list-deleted}: soft-deleted manifests with their former tags and when they expire. */
@Command(name = "list-deleted", mixinStandardHelpOptions = true,
        description = "List soft-deleted manifests (former tags, deleted at, expires at, size) of one repository "
                + "or of the whole registry.")
public class ListDeletedCommand extends RegistryCommand {

    @Option(names = {"--repository", "-n"}, paramLabel = "REPO", description = "Only this repository.")
    String repository;

    @Override
    protected CommandResult execute() {
        if (repository != null) {
            try {
                ImageRef.checkRepository("--repository", repository);
            } catch (IllegalArgumentException e) {
                throw CliException.usage(e.getMessage());
            }
        }
        try (AcrRegistry registry = openRegistry()) {
            SoftDeletedItems items = new SoftDeletedItems(registry);
            SoftDeletedItems.Listing listing = repository == null ? items.registryWide() : items.repository(repository);
            StringBuilder text = new StringBuilder();
            text.append(String.format("%-24s %-22s %-24s %-21s %-21s %s%n", "REPOSITORY", "DIGEST", "FORMER TAGS",
                    "DELETED AT", "EXPIRES AT", "SIZE"));
            for (DeletedManifest m : listing.manifests()) {
                text.append(String.format("%-24s %-22s %-24s %-21s %-21s %s%n", m.repository(),
                        m.digest().substring(0, Math.min(19, m.digest().length())) + "…",
                        String.join(",", m.formerTags()), m.deletedAt() == null ? "" : m.deletedAt().toString(),
                        m.expiresAt() == null ? "unknown" : m.expiresAt().toString(),
                        m.size() < 0 ? "unknown" : Sizes.human(m.size())));
            }
            text.append(listing.manifests().size()).append(" soft-deleted manifest(s), ")
                    .append(Sizes.human(listing.totalKnownBytes())).append(" known size\n");
            return CommandResult.of(commandName(), "done", ExitCodes.DONE, registry.loginServer(), listing,
                    text.toString(), List.of(RegistrySections.deleted("Soft-deleted images", listing)));
        }
    }
}
