package io.acrlifecycle.engine.model;

import java.time.Instant;
import java.util.List;

/**
 * A soft-deleted manifest, from {@code /acr/v1/_deleted/{repo}/_manifests}, with the tags it held (joined from
 * {@code _deleted/{repo}/_tags}) and {@code expiresAt} = deletedAt + the registry's current retentionDays
 * (null when unknown). {@code size} is -1 when unknown.
 */
public record DeletedManifest(String repository, String digest, List<String> formerTags, Instant createdAt,
        Instant deletedAt, Instant expiresAt, long size) {

    public DeletedManifest {
        formerTags = formerTags == null ? List.of() : List.copyOf(formerTags);
    }
}
