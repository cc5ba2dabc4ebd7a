package io.acrlifecycle.engine.model;

import java.time.Instant;
import java.util.List;

/**
 * A soft-deleted manifest, from {@code /acr/v1/_deleted/{repo}/_manifests}, with the tags it held (joined from
 * {@code _deleted/{repo}/_tags}) and {@code expiresAt} = deletedAt + the registry's current retentionDays
 * (null when unknown). {@code size} is -1 when unknown. {@code mediaType} is null when the listing does not say
 * (point-in-time recovery uses it to bring an index back after its children).
 */
public record DeletedManifest(String repository, String digest, List<String> formerTags, Instant createdAt,
        Instant deletedAt, Instant expiresAt, long size, String mediaType) {

    public DeletedManifest {
        formerTags = formerTags == null ? List.of() : List.copyOf(formerTags);
    }

    /** Without a media type. */
    public DeletedManifest(String repository, String digest, List<String> formerTags, Instant createdAt,
            Instant deletedAt, Instant expiresAt, long size) {
        this(repository, digest, formerTags, createdAt, deletedAt, expiresAt, size, null);
    }

    /** True when the listing names an index or manifest list (its children must be live before it comes back). */
    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }
}
