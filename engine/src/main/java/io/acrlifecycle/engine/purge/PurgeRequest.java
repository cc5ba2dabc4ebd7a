package io.acrlifecycle.engine.purge;

import io.acrlifecycle.engine.purge.exec.ExecutorOptions;
import io.acrlifecycle.engine.purge.rules.PurgeRules;
import io.acrlifecycle.engine.purge.rules.RulesException;
import io.acrlifecycle.engine.purge.journal.JournalException;
import io.acrlifecycle.engine.purge.journal.JournalReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every purge option, as the CLI and the Jenkins plugin collect them. Selection comes from a rules file
 * ({@code rulesFile}) or from acr purge style flags ({@code filters}, {@code ago}, {@code keep}, {@code untagged},
 * {@code untaggedOnly}), not both; {@code exclude}/{@code protect*} add to either. {@link #validate()} checks
 * everything and returns the rules, before any request is sent.
 *
 * @param concurrency 0 = number of CPUs (acr purge's default), else 1..32
 * @param maxDeletes  null = no limit
 * @param journal     journal file; required unless {@code dryRun}: without it a real purge could be neither
 *                    resumed without repeats nor undone, so {@link #validate()} refuses it
 */
public record PurgeRequest(Path rulesFile, List<String> filters, String ago, Integer keep, boolean untagged,
        boolean untaggedOnly, boolean includeLocked, boolean dryRun, List<String> exclude, List<String> protectTags,
        List<String> protectImages, Path protectImagesFile, int concurrency, boolean requireSoftDelete,
        boolean allowPermanentDelete, Integer maxDeletes, Path journal) {

    public PurgeRequest {
        filters = filters == null ? List.of() : List.copyOf(filters);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        protectTags = protectTags == null ? List.of() : List.copyOf(protectTags);
        protectImages = protectImages == null ? List.of() : List.copyOf(protectImages);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Validates every option and returns the rules to plan with; throws {@link RulesException} listing all problems. */
    public PurgeRules validate() {
        List<String> problems = new ArrayList<>();
        if (concurrency < 0 || concurrency > ExecutorOptions.MAX_CONCURRENCY) {
            problems.add("concurrency: " + concurrency + " is out of range; accepted: 0 (number of CPUs) or 1.."
                    + ExecutorOptions.MAX_CONCURRENCY);
        }
        if (!dryRun && journal == null) {
            problems.add("journal: a real purge needs a journal file (it makes the run resumable and undoable with"
                    + " 'acr-lifecycle undo --journal FILE'); accepted: a file path (created if missing, appended to"
                    + " otherwise), or dryRun to only plan");
        }
        if (!dryRun && journal != null) {
            journalProblem(journal).ifPresent(problems::add);
        }
        if (maxDeletes != null && maxDeletes < 0) {
            problems.add("maxDeletes: " + maxDeletes + " is negative; accepted: an integer >= 0");
        }
        boolean flags = !filters.isEmpty() || ago != null || keep != null || untagged || untaggedOnly;
        PurgeRules rules = null;
        if (rulesFile != null && flags) {
            problems.add("rulesFile: give either a rules file or filter/ago/keep/untagged/untaggedOnly, not both");
        } else if (rulesFile == null && !flags) {
            problems.add("filter: nothing selected; give a rules file or at least one filter (or untaggedOnly)");
        } else {
            try {
                rules = rulesFile != null ? PurgeRules.load(rulesFile)
                        : PurgeRules.fromAcrPurgeArgs(filters, ago, keep == null ? 0 : keep, untagged, untaggedOnly,
                                includeLocked);
                if (includeLocked) {
                    rules = rules.withIncludeLocked(true);
                }
                rules = rules.withExtras(exclude, protectTags, protectImages, protectImagesFile);
            } catch (RulesException e) {
                String src = rulesFile == null ? "" : rulesFile.getFileName() + ": ";
                e.problems().forEach(p -> problems.add(src + p));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new RulesException("purge request", problems);
        }
        return rules;
    }

    /**
     * A journal that cannot be written or is not a journal is refused here, before any request: a directory, a device
     * (/dev/full), a parent that is a file, or an existing non-empty file that is not a purge journal.
     */
    private static java.util.Optional<String> journalProblem(Path journal) {
        try {
            if (Files.exists(journal) && !(Files.isRegularFile(journal) && Files.size(journal) == 0)) {
                JournalReader.forEach(journal, r -> { });
                if (!Files.isWritable(journal)) {
                    return java.util.Optional.of("journal: '" + journal + "' is not writable; accepted: a journal "
                            + "file this user can append to");
                }
            }
            for (Path p = journal.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
                if (Files.exists(p)) {
                    if (!Files.isDirectory(p) || !Files.isWritable(p) && !Files.exists(journal)) {
                        return java.util.Optional.of("journal: '" + journal + "' cannot be created: " + p
                                + (Files.isDirectory(p) ? " is not writable" : " is not a directory")
                                + "; accepted: a file path in a writable directory");
                    }
                    break;
                }
            }
            return java.util.Optional.empty();
        } catch (JournalException e) {
            return java.util.Optional.of(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return java.util.Optional.of("journal: '" + journal + "' cannot be read: " + e.getMessage());
        }
    }

    public ExecutorOptions executorOptions() {
        return ExecutorOptions.defaults()
                .withConcurrency(concurrency == 0 ? ExecutorOptions.defaultConcurrency() : concurrency)
                .withSafety(requireSoftDelete, allowPermanentDelete, maxDeletes);
    }

    /** Fluent construction; defaults: requireSoftDelete on, concurrency 0 (CPUs), no journal (set one for a real run). */
    public static final class Builder {
        private Path rulesFile;
        private List<String> filters = new ArrayList<>();
        private String ago;
        private Integer keep;
        private boolean untagged;
        private boolean untaggedOnly;
        private boolean includeLocked;
        private boolean dryRun;
        private List<String> exclude = new ArrayList<>();
        private List<String> protectTags = new ArrayList<>();
        private List<String> protectImages = new ArrayList<>();
        private Path protectImagesFile;
        private int concurrency;
        private boolean requireSoftDelete = true;
        private boolean allowPermanentDelete;
        private Integer maxDeletes;
        private Path journal;

        public Builder rulesFile(Path v) { rulesFile = v; return this; }
        public Builder filter(String v) { filters.add(v); return this; }
        public Builder filters(List<String> v) { filters = new ArrayList<>(v); return this; }
        public Builder ago(String v) { ago = v; return this; }
        public Builder ago(Duration v) { ago = v.toSeconds() + "s"; return this; }
        public Builder keep(Integer v) { keep = v; return this; }
        public Builder untagged(boolean v) { untagged = v; return this; }
        public Builder untaggedOnly(boolean v) { untaggedOnly = v; return this; }
        public Builder includeLocked(boolean v) { includeLocked = v; return this; }
        public Builder dryRun(boolean v) { dryRun = v; return this; }
        public Builder exclude(String v) { exclude.add(v); return this; }
        public Builder protectTag(String v) { protectTags.add(v); return this; }
        public Builder protectImage(String v) { protectImages.add(v); return this; }
        public Builder protectImagesFile(Path v) { protectImagesFile = v; return this; }
        public Builder concurrency(int v) { concurrency = v; return this; }
        public Builder requireSoftDelete(boolean v) { requireSoftDelete = v; return this; }
        public Builder allowPermanentDelete(boolean v) { allowPermanentDelete = v; return this; }
        public Builder maxDeletes(Integer v) { maxDeletes = v; return this; }
        public Builder journal(Path v) { journal = v; return this; }

        public PurgeRequest build() {
            return new PurgeRequest(rulesFile, filters, ago, keep, untagged, untaggedOnly, includeLocked, dryRun,
                    exclude, protectTags, protectImages, protectImagesFile, concurrency, requireSoftDelete,
                    allowPermanentDelete, maxDeletes, journal);
        }
    }
}
