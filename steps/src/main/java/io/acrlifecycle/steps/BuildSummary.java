package io.acrlifecycle.steps;

import io.acrlifecycle.engine.guard.Verdict;
import io.acrlifecycle.engine.report.Sizes;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The flattened outcome of one engine call, small enough to keep with a CI build (the Jenkins plugin stores it in
 * the build's action and draws trends from it). A plain final class rather than a record: Jenkins persists actions
 * with XStream, which cannot set record fields. Lists hold at most {@link #MAX_ROWS} rows; the rest are counted.
 */
public final class BuildSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Rows kept for the detail table; a purge of thousands of tags keeps its full record in the journal. */
    public static final int MAX_ROWS = 500;

    /** What the call did. */
    public enum Kind { SOFT_DELETE, PURGE, PURGE_UNDO, RESTORE, GUARD }

    private final Kind kind;
    private final String registry;
    private final boolean dryRun;
    private final long tagsUntagged;
    private final long manifestsDeleted;
    private final long bytesReclaimed;
    private final long spared;
    private final long locked;
    private final long errors;
    private final long restored;
    private final Verdict verdict;
    private final ArrayList<String> messages;
    private final ArrayList<Row> rows;
    private final long rowsOmitted;
    private final String failure;

    private BuildSummary(Builder b) {
        this.kind = Objects.requireNonNull(b.kind, "kind");
        this.registry = b.registry;
        this.dryRun = b.dryRun;
        this.tagsUntagged = b.tagsUntagged;
        this.manifestsDeleted = b.manifestsDeleted;
        this.bytesReclaimed = b.bytesReclaimed;
        this.spared = b.spared;
        this.locked = b.locked;
        this.errors = b.errors;
        this.restored = b.restored;
        this.verdict = b.verdict;
        this.messages = new ArrayList<>(b.messages);
        this.rows = new ArrayList<>(b.rows);
        this.rowsOmitted = b.rowsOmitted;
        this.failure = b.failure;
    }

    public static Builder builder(Kind kind, String registry) {
        return new Builder(kind, registry);
    }

    public Kind kind() {
        return kind;
    }

    public String registry() {
        return registry;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** Tags removed from manifests that stayed. */
    public long tagsUntagged() {
        return tagsUntagged;
    }

    public long manifestsDeleted() {
        return manifestsDeleted;
    }

    /** Bytes freed by deleted manifests (soft delete keeps them billable until they expire). */
    public long bytesReclaimed() {
        return bytesReclaimed;
    }

    /** Candidates kept by keep, protection rules, exclusions or the delete cap. */
    public long spared() {
        return spared;
    }

    /** Candidates skipped because a lock forbids deleting them. */
    public long locked() {
        return locked;
    }

    public long errors() {
        return errors;
    }

    public long restored() {
        return restored;
    }

    /** The deploy guard's verdict, or null for other kinds. */
    public Verdict verdict() {
        return verdict;
    }

    /** Deletions of any kind: what the trend chart calls "deletions". Zero for a dry run. */
    public long deletions() {
        return dryRun ? 0 : tagsUntagged + manifestsDeleted;
    }

    /** 1 when this is a guard that blocked, else 0: the trend adds these up. */
    public long guardBlocks() {
        return verdict == Verdict.BLOCK ? 1 : 0;
    }

    /** Guard reasons, errors and notes, in the order the engine gave them. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Rows beyond {@link #MAX_ROWS} that were counted but not kept. */
    public long rowsOmitted() {
        return rowsOmitted;
    }

    /**
     * Why the call did not complete (refused before deleting, stopped by errors, an incomplete restore), or null.
     * A CI step records the summary and then fails with this message.
     */
    public String failure() {
        return failure;
    }

    /** One line for a build page or a log: what happened, in the kind's own words. */
    public String headline() {
        String prefix = (dryRun ? "dry run: " : "");
        return switch (kind) {
            case GUARD -> "guard " + (verdict == null ? "ran" : verdict.name().toLowerCase(Locale.ROOT))
                    + (messages.isEmpty() ? "" : ": " + String.join("; ", messages));
            case RESTORE -> prefix + restored + " restored, " + errors + " errors";
            case SOFT_DELETE -> prefix
                    + (messages.isEmpty() ? "soft delete policy checked" : String.join("; ", messages));
            case PURGE_UNDO -> "undo: " + restored + " restored, " + errors + " errors";
            case PURGE -> prefix + tagsUntagged + " tags untagged, " + manifestsDeleted + " manifests deleted, "
                    + Sizes.human(bytesReclaimed) + " reclaimed, " + spared + " spared, " + locked + " locked, "
                    + errors + " errors";
        };
    }

    /**
     * The summary as plain JDK values (String, Long, Boolean, List, Map), the shape a sandboxed Pipeline script
     * may read ({@code result.manifestsDeleted}). Rows are left out: the build page shows them.
     */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", kind.name());
        map.put("registry", registry);
        map.put("dryRun", dryRun);
        map.put("tagsUntagged", tagsUntagged);
        map.put("manifestsDeleted", manifestsDeleted);
        map.put("bytesReclaimed", bytesReclaimed);
        map.put("spared", spared);
        map.put("locked", locked);
        map.put("errors", errors);
        map.put("restored", restored);
        map.put("verdict", verdict == null ? null : verdict.name());
        map.put("messages", new ArrayList<>(messages));
        map.put("failure", failure);
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BuildSummary s && kind == s.kind && Objects.equals(registry, s.registry)
                && dryRun == s.dryRun && tagsUntagged == s.tagsUntagged && manifestsDeleted == s.manifestsDeleted
                && bytesReclaimed == s.bytesReclaimed && spared == s.spared && locked == s.locked
                && errors == s.errors && restored == s.restored && verdict == s.verdict
                && messages.equals(s.messages) && rows.equals(s.rows) && rowsOmitted == s.rowsOmitted
                && Objects.equals(failure, s.failure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, registry, tagsUntagged, manifestsDeleted, bytesReclaimed, verdict, restored);
    }

    @Override
    public String toString() {
        return kind + "{registry=" + registry + (dryRun ? ", dryRun" : "") + ", tagsUntagged=" + tagsUntagged
                + ", manifestsDeleted=" + manifestsDeleted + ", bytesReclaimed=" + bytesReclaimed + ", spared="
                + spared + ", locked=" + locked + ", errors=" + errors + ", restored=" + restored
                + (verdict == null ? "" : ", verdict=" + verdict) + (failure == null ? "" : ", failure=" + failure)
                + "}";
    }

    /**
     * One line of the detail table: what happened ({@code untag}, {@code delete}, {@code spare}, {@code locked},
     * {@code error}, {@code restore}, {@code check}) to which image, and why.
     */
    public static final class Row implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String action;
        private final String repository;
        private final String tag;
        private final String digest;
        private final String detail;

        public Row(String action, String repository, String tag, String digest, String detail) {
            this.action = Objects.requireNonNull(action, "action");
            this.repository = repository;
            this.tag = tag;
            this.digest = digest;
            this.detail = detail;
        }

        public String action() {
            return action;
        }

        public String repository() {
            return repository;
        }

        public String tag() {
            return tag;
        }

        public String digest() {
            return digest;
        }

        public String detail() {
            return detail;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && action.equals(r.action) && Objects.equals(repository, r.repository)
                    && Objects.equals(tag, r.tag) && Objects.equals(digest, r.digest)
                    && Objects.equals(detail, r.detail);
        }

        @Override
        public int hashCode() {
            return Objects.hash(action, repository, tag, digest, detail);
        }

        @Override
        public String toString() {
            return action + " " + repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest)
                    + (detail == null ? "" : " (" + detail + ")");
        }
    }

    /** Collects totals and rows; counts never go below zero. */
    public static final class Builder {
        private final Kind kind;
        private final String registry;
        private boolean dryRun;
        private long tagsUntagged;
        private long manifestsDeleted;
        private long bytesReclaimed;
        private long spared;
        private long locked;
        private long errors;
        private long restored;
        private Verdict verdict;
        private final List<String> messages = new ArrayList<>();
        private final List<Row> rows = new ArrayList<>();
        private long rowsOmitted;
        private String failure;

        private Builder(Kind kind, String registry) {
            this.kind = kind;
            this.registry = registry;
        }

        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        public Builder tagsUntagged(long n) {
            this.tagsUntagged = count("tagsUntagged", n);
            return this;
        }

        public Builder manifestsDeleted(long n) {
            this.manifestsDeleted = count("manifestsDeleted", n);
            return this;
        }

        public Builder bytesReclaimed(long n) {
            this.bytesReclaimed = count("bytesReclaimed", n);
            return this;
        }

        public Builder spared(long n) {
            this.spared = count("spared", n);
            return this;
        }

        public Builder locked(long n) {
            this.locked = count("locked", n);
            return this;
        }

        public Builder errors(long n) {
            this.errors = count("errors", n);
            return this;
        }

        public Builder restored(long n) {
            this.restored = count("restored", n);
            return this;
        }

        public Builder verdict(Verdict value) {
            this.verdict = value;
            return this;
        }

        public Builder message(String line) {
            if (line != null && !line.isBlank() && messages.size() < MAX_ROWS) {
                messages.add(line);
            }
            return this;
        }

        public Builder row(String action, String repository, String tag, String digest, String detail) {
            if (rows.size() < MAX_ROWS) {
                rows.add(new Row(action, repository, tag, digest, detail));
            } else {
                rowsOmitted++;
            }
            return this;
        }

        public Builder failure(String why) {
            this.failure = why;
            return this;
        }

        public BuildSummary build() {
            return new BuildSummary(this);
        }

        private static long count(String field, long n) {
            if (n < 0) {
                throw new IllegalArgumentException(field + ": " + n + " is negative; counts start at 0");
            }
            return n;
        }
    }
}
