package io.acrlifecycle.engine.guard;

import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.TagInfo;
import java.util.Optional;

/**
 * What the image reference resolves to now: the tag (if the reference has one) and the manifest the decision is
 * about ({@code digest}: the expected digest, else the tag's current digest; null for a push without a digest).
 */
public record Target(String repository, String tag, String digest, Optional<TagInfo> currentTag,
        Optional<ManifestInfo> manifest) {

    /** {@code app:1.2.3}, {@code app@sha256:...} or {@code app:1.2.3@sha256:...} as a person reads it. */
    public String display() {
        return repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    public String currentDigest() {
        return currentTag.map(TagInfo::digest).orElse(null);
    }
}
