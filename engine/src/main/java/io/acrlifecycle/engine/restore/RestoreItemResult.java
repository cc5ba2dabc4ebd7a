package io.acrlifecycle.engine.restore;

import java.util.List;

/**
 * The result of one manifest. {@code liveDigest} is set for CONFLICT (the manifest the live tag points to);
 * {@code restoredTags} lists the tags it got back.
 */
public record RestoreItemResult(String repository, String digest, List<String> tags, RestoreOutcome outcome,
        String liveDigest, List<String> restoredTags, String message) {

    public RestoreItemResult {
        tags = tags == null ? List.of() : List.copyOf(tags);
        restoredTags = restoredTags == null ? List.of() : List.copyOf(restoredTags);
    }
}
