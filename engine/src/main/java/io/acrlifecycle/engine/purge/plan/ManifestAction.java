package io.acrlifecycle.engine.purge.plan;

import java.time.Instant;
import java.util.List;

/**
 * Delete {@code repository@digest} ({@code DELETE /v2/{repo}/manifests/{digest}}). {@code tags} are the tags it had
 * when planned, all untagged earlier in the same run: the delete is sent only after each of them is gone.
 * {@code subjectDigest}/{@code childDigests} are the relations known from its body (for undo ordering).
 */
public record ManifestAction(String repository, String digest, List<String> tags, String mediaType, long size,
        Instant lastUpdateTime, String rule, String reason, boolean unlock, String subjectDigest,
        List<String> childDigests) {

    public ManifestAction {
        tags = tags == null ? List.of() : List.copyOf(tags);
        childDigests = childDigests == null ? List.of() : List.copyOf(childDigests);
    }

    public String id() {
        return "manifest:" + repository + "@" + digest;
    }
}
