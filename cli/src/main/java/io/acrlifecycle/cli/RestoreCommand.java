package io.acrlifecycle.cli;

import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.report.RegistrySections;
import io.acrlifecycle.engine.restore.RestoreItemResult;
import io.acrlifecycle.engine.restore.RestoreReport;
import io.acrlifecycle.engine.restore.RestoreRequest;
import io.acrlifecycle.engine.restore.RestoreService;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code restore}: brings back one soft-deleted manifest with one tag, as {@code az acr manifest restore}. */
@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Restore a soft-deleted image: by tag (the most recently deleted manifest that held it) or by "
                + "digest (optionally with a tag). Index children and a signature's subject are restored first."},
        footer = {"", "Examples:",
            "  acr-lifecycle restore -r myregistry --repository shop/api --tag 2.3.1",
            "  acr-lifecycle restore -r myregistry --repository shop/api --digest sha256:... --tag 2.3.1 --force"})
public class RestoreCommand extends RegistryCommand {

    @Option(names = {"--repository", "-n"}, paramLabel = "REPO", required = true,
            description = "Repository of the image, e.g. shop/api.")
    String repository;

    @Option(names = {"--digest", "-d"}, paramLabel = "DIGEST", description = "sha256:<64 hex> of the manifest.")
    String digest;

    @Option(names = {"--tag", "-t"}, paramLabel = "TAG", description = "Tag to restore (with --digest: the tag "
            + "to give it).")
    String tag;

    @Option(names = "--force", description = "Move a live tag of the same name onto the restored manifest (the "
            + "replaced one is soft-deleted).")
    boolean force;

    @Option(names = "--dry-run", description = "Say what would be restored; change nothing.")
    boolean dryRun;

    @Override
    protected CommandResult execute() {
        if (digest == null && tag == null) {
            throw CliException.usage("--digest or --tag: give at least one; accepted: --tag TAG, "
                    + "--digest sha256:<64 hex>, or both");
        }
        RestoreRequest request;
        try {
            request = (digest != null ? RestoreRequest.digest(repository, digest, tag)
                    : RestoreRequest.tag(repository, tag)).withForce(force).withDryRun(dryRun);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage().replaceFirst("^targets\\[0]\\.repository:", "--repository:")
                    .replaceFirst("^tags\\[0]\\.repository:", "--repository:")
                    .replaceFirst("^targets\\[0]\\.digest:", "--digest:")
                    .replaceFirst("^targets\\[0]\\.tags:", "--tag:").replaceFirst("^tags\\[0]\\.tag:", "--tag:"));
        }
        try (AcrRegistry registry = openRegistry()) {
            if (!quiet) {
                io().err().println("restore: " + repository + (digest != null ? "@" + digest : "")
                        + (tag != null ? " tag " + tag : "") + (dryRun ? " (dry run)" : "") + " ...");
            }
            RestoreReport report = new RestoreService(registry, log()).restore(request);
            if (!quiet) {
                io().err().println("restore: done, " + report.items().size() + " manifest(s) handled");
            }
            StringBuilder text = new StringBuilder();
            for (RestoreItemResult i : report.items()) {
                text.append(i.outcome()).append(": ").append(i.repository());
                // by tag, nothing found: there is no digest to name, the tag is what was asked
                text.append(i.digest() != null ? "@" + i.digest() : ":" + String.join(",", i.tags()));
                if (!i.restoredTags().isEmpty()) {
                    text.append(" tags ").append(String.join(", ", i.restoredTags()));
                }
                if (i.message() != null) {
                    text.append(" (").append(i.message()).append(')');
                }
                text.append('\n');
            }
            String status = dryRun ? "dry-run" : report.complete() ? "done" : "failed";
            return CommandResult.of(commandName(), status, report.complete() ? ExitCodes.DONE : ExitCodes.FAILED,
                    registry.loginServer(), report, text.toString(),
                    List.of(RegistrySections.restore(dryRun ? "Restore (dry run)" : "Restore", report)));
        }
    }
}
