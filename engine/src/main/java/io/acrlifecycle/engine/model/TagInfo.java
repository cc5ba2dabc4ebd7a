package io.acrlifecycle.engine.model;

import java.time.Instant;
import java.util.Objects;

/** One tag as listed by {@code GET /acr/v1/{repo}/_tags}. */
public record TagInfo(String repository, String name, String digest, Instant createdTime, Instant lastUpdateTime,
        Locks locks) {

    public TagInfo {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(digest, "digest");
        locks = locks == null ? Locks.NONE : locks;
    }
}
