package io.acrlifecycle.engine.model;

import java.util.List;

/**
 * What the engine needs from a manifest body ({@code GET /v2/{repo}/manifests/{digest}}):
 * the children of an index and the subject of a referrer. {@code subjectDigest} is null when there is none.
 */
public record ManifestContent(String digest, String mediaType, String subjectDigest, List<String> childDigests,
        long size) {

    public ManifestContent {
        childDigests = childDigests == null ? List.of() : List.copyOf(childDigests);
    }

    public boolean hasSubject() {
        return subjectDigest != null;
    }
}
