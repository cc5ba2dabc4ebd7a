package io.acrlifecycle.engine.restore;

import java.util.List;

/**
 * The result of one manifest. {@code liveDigest} is set for CONFLICT (the manifest the live tag points to);
 * {@code restoredTags} lists the tags it got back (in a dry run: would get back); {@code warnings} are things to
 * clean up although the outcome stands (e.g. a temporary tag that could not be removed); they are in
 * {@code message} too.
 */
public record RestoreItemResult(String repository, String digest, List<String> tags, RestoreOutcome outcome,
        String liveDigest, List<String> restoredTags, String message, List<String> warnings) {

    public RestoreItemResult {
        tags = tags == null ? List.of() : List.copyOf(tags);
        restoredTags = restoredTags == null ? List.of() : List.copyOf(restoredTags);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Without warnings. */
    public RestoreItemResult(String repository, String digest, List<String> tags, RestoreOutcome outcome,
            String liveDigest, List<String> restoredTags, String message) {
        this(repository, digest, tags, outcome, liveDigest, restoredTags, message, List.of());
    }
}
