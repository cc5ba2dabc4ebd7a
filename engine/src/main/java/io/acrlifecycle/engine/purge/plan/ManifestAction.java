package io.acrlifecycle.engine.purge.plan;

import java.time.Instant;
import java.util.List;

/**
 * Delete {@code repository@digest} ({@code DELETE /v2/{repo}/manifests/{digest}}). {@code tags} are the tags it had
 * when planned, all removed in the same run. {@code subjectDigest}/{@code childDigests} are the relations known
 * from its body (for undo ordering). {@code cascade} is its referrer graph: what the registry deletes with it.
 */
public record ManifestAction(String repository, String digest, List<String> tags, String mediaType, long size,
        Instant lastUpdateTime, String rule, String reason, boolean unlock, String subjectDigest,
        List<String> childDigests, List<CascadeAction> cascade) {

    public ManifestAction {
        tags = tags == null ? List.of() : List.copyOf(tags);
        childDigests = childDigests == null ? List.of() : List.copyOf(childDigests);
        cascade = cascade == null ? List.of() : List.copyOf(cascade);
    }

    /** Without referrers. */
    public ManifestAction(String repository, String digest, List<String> tags, String mediaType, long size,
            Instant lastUpdateTime, String rule, String reason, boolean unlock, String subjectDigest,
            List<String> childDigests) {
        this(repository, digest, tags, mediaType, size, lastUpdateTime, rule, reason, unlock, subjectDigest,
                childDigests, List.of());
    }

    public ManifestAction withCascade(List<CascadeAction> referrers) {
        return new ManifestAction(repository, digest, tags, mediaType, size, lastUpdateTime, rule, reason, unlock,
                subjectDigest, childDigests, referrers);
    }

    /** Bytes of the manifest and of every referrer that goes with it. */
    public long bytesWithCascade() {
        long b = Math.max(0, size);
        for (CascadeAction c : cascade) {
            b += Math.max(0, c.size());
        }
        return b;
    }

    public String id() {
        return "manifest:" + repository + "@" + digest;
    }
}
