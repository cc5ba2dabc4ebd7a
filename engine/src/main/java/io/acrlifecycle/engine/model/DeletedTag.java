package io.acrlifecycle.engine.model;

import java.time.Instant;

/** A soft-deleted tag record; one tag name may appear several times with different digests. */
public record DeletedTag(String repository, String tag, String digest, Instant createdAt, Instant deletedAt) {
}
