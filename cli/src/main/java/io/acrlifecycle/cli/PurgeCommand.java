package io.acrlifecycle.cli;

import io.acrlifecycle.engine.purge.result.ItemResult;
import io.acrlifecycle.engine.purge.result.PurgeProgress;
import io.acrlifecycle.engine.purge.result.PurgeReport;
import io.acrlifecycle.engine.purge.PurgeRequest;
import io.acrlifecycle.engine.purge.PurgeService;
import io.acrlifecycle.engine.purge.plan.PurgePlan;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.report.PurgeSections;
import io.acrlifecycle.engine.report.Sizes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code purge}: acr purge's flags and semantics plus exclusions, protection, rules files and a safety net.
 * <b>A dry run unless {@code --execute} (or {@code --yes}) is given</b>: the same command line that runs unattended
 * in an ACR task deletes nothing when pasted into a shell to see what it does.
 */
@Command(name = "purge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Delete tags and manifests the way acr purge does, with exclusions, protected tags and images, "
                + "a rules file, a safety net and a journal for undo.",
            "",
            "DRY RUN BY DEFAULT: without --execute (alias --yes) it prints the plan and deletes nothing. Purge is the "
                    + "one command that destroys data, and acr purge command lines are copied from ACR tasks into "
                    + "shells to see what they do; an explicit --execute makes deleting a decision, not a default.",
            ""},
        footer = {"", "Examples:",
            "  acr-lifecycle purge -r myregistry --filter 'app:^build-' --ago 30d --keep 10 --untagged",
            "  acr-lifecycle purge -r myregistry --filter 'app:.*' --ago 7d --protect-images-file running.txt "
                    + "--journal purge.jsonl --execute",
            "  acr-lifecycle purge -r myregistry --rules rules.yaml --max-deletes 500 --execute"})
public class PurgeCommand extends RegistryCommand {

    @Option(names = {"--filter", "-f"}, paramLabel = "REPO_REGEX:TAG_REGEX",
            description = "Repository and tag regex, e.g. 'app:^v1\\..*' (repeatable). The repository part is "
                    + "anchored, the tag part is not (as acr purge).")
    List<String> filters = new ArrayList<>();

    @Option(names = "--ago", paramLabel = "DURATION",
            description = "Only items last updated before now minus this: 30d, 1d12h, 90m, 0d.")
    String ago;

    @Option(names = "--keep", paramLabel = "N", description = "Keep the N newest eligible tags per repository.")
    Integer keep;

    @Option(names = "--untagged", description = "Also delete untagged manifests (after the tag pass).")
    boolean untagged;

    @Option(names = "--untagged-only", description = "Only delete untagged manifests; --filter then selects "
            + "repositories only.")
    boolean untaggedOnly;

    @Option(names = "--include-locked", description = "Unlock and delete locked tags and manifests too.")
    boolean includeLocked;

    @Option(names = "--exclude", paramLabel = "REPO_REGEX:TAG_REGEX",
            description = "Never touch what matches (repeatable).")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--protect-tag", paramLabel = "TAG_REGEX",
            description = "Never untag tags matching this (anchored; repeatable), e.g. '^v?\\d+\\.\\d+\\.\\d+$'.")
    List<String> protectTags = new ArrayList<>();

    @Option(names = "--protect-image", paramLabel = "IMAGE",
            description = "Never delete this image, by tag or digest (repo:tag, repo@sha256:..., repeatable).")
    List<String> protectImages = new ArrayList<>();

    @Option(names = "--protect-images-file", paramLabel = "FILE",
            description = "Image references, whitespace separated, e.g. the output of "
                    + "kubectl get pods -A -o jsonpath='{..image}'.")
    Path protectImagesFile;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Rules file (YAML or JSON, docs/rules.md) instead of --filter/--ago/--keep/--untagged.")
    Path rules;

    @Option(names = "--max-deletes", paramLabel = "N",
            description = "Refuse (exit 4, nothing deleted) when the plan has more than N deletes.")
    Integer maxDeletes;

    @Option(names = "--allow-permanent-delete",
            description = "Run even when the registry's soft delete is off (deletes are then permanent).")
    boolean allowPermanentDelete;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "0",
            description = "Parallel deletes, 1..32 (default: number of CPUs, as acr purge).")
    int concurrency;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "Journal of every delete, for undo and to resume (default with --execute: "
                    + "acrlc-out/purge-journal-<UTC time>.jsonl).")
    Path journal;

    @Option(names = "--dry-run", description = "Print the plan, delete nothing (the default).")
    boolean dryRun;

    @Option(names = {"--execute", "--yes"}, description = "Really delete.")
    boolean execute;

    @Option(names = "--as-of", paramLabel = "TIME",
            description = "Dry run only: plan as if now were TIME (ISO-8601, e.g. 2026-12-01T01:00:00Z): what will "
                    + "a purge at that time delete?")
    String asOf;

    @Option(names = "--show-spared", description = "Text output: also list every spared item with its reason.")
    boolean showSpared;

    @Override
    protected CommandResult execute() throws Exception {
        if (dryRun && execute) {
            throw CliException.usage("--dry-run and --execute: give one of them (a dry run is the default)");
        }
        boolean real = execute;
        Instant planAt = AsOf.parse(asOf);
        if (planAt != null && real) {
            throw CliException.usage("--as-of: only for a dry run (it plans as if now were " + asOf + ", and a real"
                    + " purge deletes now); remove --execute, or --as-of");
        }
        Path journalFile = journal;
        if (real && journalFile == null) {
            String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now(ZoneOffset.UTC));
            journalFile = Path.of("acrlc-out", "purge-journal-" + stamp + ".jsonl");
        }
        if (real && journalFile.toAbsolutePath().getParent() != null) {
            try {
                Files.createDirectories(journalFile.toAbsolutePath().getParent());
            } catch (java.io.IOException e) {
                throw CliException.usage("--journal: cannot create the directory of '" + journalFile + "' ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + "); accepted: a file in a writable "
                        + "directory");
            }
        }
        PurgeRequest.Builder full = PurgeRequest.builder().rulesFile(rules).filters(filters).ago(ago).keep(keep)
                .untagged(untagged).untaggedOnly(untaggedOnly).includeLocked(includeLocked).dryRun(!real)
                .protectImagesFile(protectImagesFile).concurrency(concurrency)
                .allowPermanentDelete(allowPermanentDelete).maxDeletes(maxDeletes)
                .journal(real ? journalFile : null);
        exclude.forEach(full::exclude);
        protectTags.forEach(full::protectTag);
        protectImages.forEach(full::protectImage);
        PurgeRequest request = full.build();
        try {
            request.validate(); // bad regex, ago, keep...: exit 2 before the registry is even opened
        } catch (IllegalArgumentException e) {
            throw CliException.usage(flagNames(e.getMessage()));
        }
        try (AcrRegistry registry = openRegistry()) {
            // fixed, not offset: the plan's now must be exactly TIME, or the cutoff edges shift by milliseconds
            Clock clock = planAt == null ? Clock.systemUTC() : Clock.fixed(planAt, ZoneOffset.UTC);
            PurgeReport report = flagWords(PurgeService.run(registry, request, progress(), log(), clock));
            return result(registry.loginServer(), report);
        }
    }

    /**
     * The engine's request validation names its fields (it also serves rules files and the Jenkins step); on the
     * command line the user typed flags. Problems inside a rules file keep the file's own names (they are prefixed
     * with the file name, so they do not match here).
     */
    static String flagNames(String message) {
        String start = "(^|purge request: |\\n  - )";
        return message
                .replaceAll(start + "concurrency:", "$1--concurrency:")
                .replaceAll(start + "maxDeletes:", "$1--max-deletes:")
                .replaceAll(start + "rulesFile: give either a rules file or filter/ago/keep/untagged/untaggedOnly, "
                        + "not both", "$1--rules: give either --rules FILE or --filter/--ago/--keep/--untagged/"
                        + "--untagged-only, not both")
                .replaceAll(start + "filter: nothing selected; give a rules file or at least one filter \\(or "
                        + "untaggedOnly\\)", "$1--filter: nothing selected; give --rules FILE or at least one "
                        + "--filter (or --untagged-only)")
                .replaceAll(start + "exclude\\[", "$1--exclude[")
                .replaceAll(start + "protect\\.tags\\[", "$1--protect-tag[")
                .replaceAll(start + "protect\\.images\\[", "$1--protect-image[")
                .replaceAll(start + "protect\\.imagesFile:", "$1--protect-images-file:")
                .replaceAll(start + "rulesFile: '", "$1--rules: '")
                .replaceAll(start + "journal: ", "$1--journal: ");
    }

    private PurgeProgress progress() {
        Progress bar = progress("purge");
        AtomicInteger done = new AtomicInteger();
        int[] total = {0};
        return new PurgeProgress() {
            @Override
            public void planned(PurgePlan plan) {
                total[0] = plan.deletes();
            }

            @Override
            public void onDeleted(ItemResult result) {
                bar.update(done.incrementAndGet(), total[0]);
            }

            @Override
            public void onSkipped(ItemResult result) {
                bar.update(done.incrementAndGet(), total[0]);
            }

            @Override
            public void onError(ItemResult result) {
                bar.update(done.incrementAndGet(), total[0]);
            }

            @Override
            public void done(PurgeReport report) {
                bar.finish();
            }
        };
    }

    /**
     * The engine's refusals name its parameters (allowPermanentDelete, maxDeletes: the Jenkins step's names); on the
     * command line they are flags.
     */
    static PurgeReport flagWords(PurgeReport r) {
        if (r.message() == null) {
            return r;
        }
        String m = StderrLog.flagWords(r.message());
        return new PurgeReport(r.registry(), r.rules(), r.status(), m, r.dryRun(), r.startedAt(), r.finishedAt(),
                r.planned(), r.totals(), r.journal(), r.note(), r.repositories(), r.plan());
    }

    private CommandResult result(String registry, PurgeReport report) {
        int code = switch (report.status()) {
            case DRY_RUN -> ExitCodes.DONE;
            case COMPLETED -> report.totals().errors() > 0 ? ExitCodes.FAILED : ExitCodes.DONE;
            case REFUSED -> ExitCodes.REFUSED;
            case FAILED -> ExitCodes.FAILED;
        };
        String status = report.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return CommandResult.of(commandName(), status, code, registry, report, text(report),
                List.of(PurgeSections.of(report.dryRun() ? "Purge (dry run)" : "Purge", report)));
    }

    String text(PurgeReport report) {
        StringBuilder out = new StringBuilder();
        if (report.plan() != null) {
            out.append(report.plan().render(showSpared));
        }
        PurgeReport.Totals t = report.totals();
        switch (report.status()) {
            case DRY_RUN -> out.append("DRY RUN: nothing was deleted. Add --execute to delete.\n");
            case REFUSED -> out.append("REFUSED, nothing was deleted: ").append(report.message()).append('\n');
            default -> {
                for (io.acrlifecycle.engine.purge.result.RepositoryReport repo : report.repositories()) {
                    long bytes = repo.deleted().stream().mapToLong(i -> Math.max(0, i.bytes())).sum();
                    out.append(String.format("%s: %d tag(s) untagged, %d manifest(s) deleted (%s), %d spared, "
                            + "%d skipped, %d error(s)%n", repo.repository(), repo.untagged().size(),
                            repo.deleted().size(), Sizes.human(bytes), repo.spared().size(), repo.skipped().size(),
                            repo.errors().size()));
                }
                out.append("Number of deleted tags: ").append(t.tagsUntagged()).append('\n');
                out.append("Number of deleted manifests: ").append(t.manifestsDeleted()).append('\n');
                if (t.referrersDeleted() > 0) {
                    out.append("  of which referrers deleted with their subject: ").append(t.referrersDeleted())
                            .append('\n');
                }
                out.append("Bytes reclaimed: ").append(Sizes.human(t.bytesReclaimed()))
                        .append(" (soft-deleted bytes count until retention expires)\n");
                out.append("Skipped as locked: ").append(t.skippedLocked()).append(", errors: ").append(t.errors())
                        .append(", not attempted: ").append(t.notAttempted()).append('\n');
                if (report.message() != null) {
                    out.append(report.status()).append(": ").append(report.message()).append('\n');
                }
                if (report.journal() != null) {
                    out.append("Journal: ").append(report.journal()).append("  (undo: acr-lifecycle undo --journal ")
                            .append(report.journal()).append(" ...)\n");
                }
            }
        }
        return out.toString();
    }
}
