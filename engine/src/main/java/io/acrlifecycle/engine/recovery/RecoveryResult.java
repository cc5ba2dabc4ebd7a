package io.acrlifecycle.engine.recovery;

import io.acrlifecycle.engine.restore.RestoreOutcome;
import java.util.List;

/**
 * What happened to one planned manifest. {@code manifestRestored} says the manifest itself came back from soft
 * delete (its {@code size} then counts as bytes recovered); each tag has its own outcome, so one tag's CONFLICT
 * does not hold back the manifest or its other tags.
 */
public record RecoveryResult(String repository, String digest, RestoreOutcome outcome, boolean manifestRestored,
        long size, List<TagResult> tags, String message) {

    public RecoveryResult {
        tags = List.copyOf(tags);
    }

    /** One tag: RESTORED, WOULD_RESTORE, CONFLICT (with the digest it points at now), EXPIRED, NOT_FOUND, FAILED. */
    public record TagResult(String tag, RestoreOutcome outcome, String liveDigest, String message) {
    }

    public long tagsRestored() {
        return tags.stream().filter(t -> t.outcome() == RestoreOutcome.RESTORED).count();
    }

    public long conflicts() {
        return tags.stream().filter(t -> t.outcome() == RestoreOutcome.CONFLICT).count();
    }
}
