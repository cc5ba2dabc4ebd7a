package io.acrlifecycle.engine.purge.plan;

import java.time.Instant;
import java.util.List;

/**
 * A referrer (signature, SBOM, attestation, ...) that the registry deletes together with a planned manifest: no
 * request of its own, but journaled before its root's DELETE, counted and undone like one. {@code subjectDigest}
 * is its direct subject (the root, or another referrer of it: a signature of an SBOM); {@code tags} are the tags it
 * had when planned, all removed earlier in the same run. Undo restores it after its subject.
 */
public record CascadeAction(String repository, String digest, String subjectDigest, String mediaType, long size,
        Instant lastUpdateTime, List<String> tags, String reason) {

    public CascadeAction {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public String id() {
        return "manifest:" + repository + "@" + digest;
    }
}
