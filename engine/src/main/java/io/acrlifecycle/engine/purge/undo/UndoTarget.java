package io.acrlifecycle.engine.purge.undo;

import java.time.Instant;
import java.util.List;

/**
 * One manifest a purge journal says was deleted or untagged, with the tags to give back and its relations.
 * Mirrors {@code io.acrlifecycle.engine.restore.RestoreTarget} (branch reg) field for field.
 */
public record UndoTarget(String repository, String digest, List<String> tags, String subjectDigest,
        List<String> childDigests, Instant deletedAt, boolean manifestDeleted) {

    public UndoTarget {
        tags = tags == null ? List.of() : List.copyOf(tags);
        childDigests = childDigests == null ? List.of() : List.copyOf(childDigests);
    }
}
