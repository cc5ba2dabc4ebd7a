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

/**
 * {@code restore}: brings back one soft-deleted manifest with one tag, as {@code az acr manifest restore}; or, with
 * {@code --since}, everything deleted since a moment ({@link RestoreSince}).
 */
@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Restore a soft-deleted image: by tag (the most recently deleted manifest that held it) or by "
                + "digest (optionally with a tag). Index children and a signature's subject are restored first.",
            "With --since TIME: put repositories back the way they were at TIME: every manifest deleted since then, "
                + "with every tag it had, whoever deleted it. A dry run unless --execute."},
        footer = {"", "Examples:",
            "  acr-lifecycle restore -r myregistry --repository shop/api --tag 2.3.1",
            "  acr-lifecycle restore -r myregistry --repository shop/api --digest sha256:... --tag 2.3.1 --force",
            "  acr-lifecycle restore -r myregistry --since 2026-12-03T09:40:00Z --filter 'shop/.*'",
            "  acr-lifecycle restore -r myregistry --since 2026-12-03T09:40:00Z -n shop/api --execute"})
public class RestoreCommand extends RegistryCommand {

    @Option(names = {"--repository", "-n"}, paramLabel = "REPO",
            description = "Repository of the image, e.g. shop/api (with --since: optional, only this repository).")
    String repository;

    @Option(names = "--since", paramLabel = "TIME", description = "Restore everything deleted at or after TIME: "
            + "an ISO-8601 instant (2026-12-03T09:40:00Z), a date-time with offset, or a duration before now (2h).")
    String since;

    @Option(names = "--filter", paramLabel = "REPO_REGEX", description = "With --since: only repositories whose "
            + "whole name matches, e.g. 'shop/.*'.")
    String filter;

    @Option(names = {"--execute", "--yes"}, description = "With --since: really restore (a dry run is the default).")
    boolean execute;

    @Option(names = "--journal", paramLabel = "FILE", description = "With --since --execute: journal of restore "
            + "intents; a rerun with the same file continues a killed run (default: "
            + "acrlc-out/restore-journal-<UTC time>.jsonl).")
    java.nio.file.Path journal;

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
        if (since != null) {
            return restoreSince();
        }
        if (filter != null || execute || journal != null) {
            throw CliException.usage("--filter, --execute and --journal go with --since TIME; accepted: restore "
                    + "--since TIME [-n REPO | --filter REGEX] [--execute], or restore -n REPO --tag/--digest");
        }
        if (repository == null) {
            throw CliException.usage("Missing required option: '--repository=REPO' (or --since TIME to restore "
                    + "everything deleted since then)");
        }
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
                text.append(i.outcome()).append(": ").append(i.repository())
                        .append('@').append(i.digest());
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

    private CommandResult restoreSince() {
        if (digest != null || tag != null) {
            throw CliException.usage("--since and --digest/--tag: give one; accepted: --since TIME (everything "
                    + "deleted since then) or --tag/--digest (one image)");
        }
        if (dryRun && execute) {
            throw CliException.usage("--dry-run and --execute: give one of them (a dry run is the default)");
        }
        var request = RestoreSince.request(since, repository, filter, force, execute, journal,
                java.time.Clock.systemUTC());
        try (AcrRegistry registry = openRegistry()) {
            return RestoreSince.run(registry, request, this);
        }
    }
}
