package io.acrlifecycle.engine.purge;

/**
 * What happened to one planned action. {@code kind} is {@code tag} or {@code manifest}; {@code bytes} is the
 * manifest size for deletes (0 for tags).
 */
public record ItemResult(String kind, String repository, String tag, String digest, java.util.List<String> tags,
        long bytes, String rule, Outcome outcome, String detail) {

    /** Stable names; they appear in report JSON. */
    public enum Outcome {
        /** The registry deleted it (202/200). */
        DELETED,
        /** 404 on delete: already gone, counts as done (acr purge). */
        ALREADY_GONE,
        /** A journal from an earlier run records it as done: not sent again. */
        ALREADY_DONE,
        /** 405: locked on the registry (includeLocked off, or the unlock did not take). */
        LOCKED,
        /** Not sent: a tag this manifest had was not untagged, so deleting it would take that tag along. */
        SKIPPED,
        /** The registry kept failing (after retries): the run stops here. */
        FAILED,
        /** Not sent because the run stopped (an error elsewhere) or was refused. */
        NOT_ATTEMPTED
    }

    /** The result of an untag. */
    public static ItemResult of(io.acrlifecycle.engine.purge.plan.TagAction t, Outcome o, String detail) {
        return new ItemResult("tag", t.repository(), t.tag(), t.digest(), null, 0, t.rule(), o, detail);
    }

    /** The result of a manifest delete. */
    public static ItemResult of(io.acrlifecycle.engine.purge.plan.ManifestAction m, Outcome o, String detail) {
        return new ItemResult("manifest", m.repository(), null, m.digest(), m.tags(), m.size(), m.rule(), o, detail);
    }

    public ItemResult withDetail(String d) {
        return new ItemResult(kind, repository, tag, digest, tags, bytes, rule, outcome, d);
    }

    public boolean isDone() {
        return outcome == Outcome.DELETED || outcome == Outcome.ALREADY_GONE || outcome == Outcome.ALREADY_DONE;
    }
}
