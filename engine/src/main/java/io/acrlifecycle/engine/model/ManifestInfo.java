package io.acrlifecycle.engine.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One manifest as listed by {@code GET /acr/v1/{repo}/_manifests}. {@code mediaType} may be null when the
 * registry did not say (acr purge never deletes such a manifest); {@code tags} is empty for untagged manifests.
 */
public record ManifestInfo(String repository, String digest, String mediaType, long imageSize, Instant createdTime,
        Instant lastUpdateTime, List<String> tags, Locks locks) {

    public ManifestInfo {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        tags = tags == null ? List.of() : List.copyOf(tags);
        locks = locks == null ? Locks.NONE : locks;
    }

    public boolean isTagged() {
        return !tags.isEmpty();
    }

    /** An OCI index or a Docker manifest list: its children are separate manifests. */
    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }
}
