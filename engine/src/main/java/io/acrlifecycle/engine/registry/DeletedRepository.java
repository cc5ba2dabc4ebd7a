package io.acrlifecycle.engine.registry;

import java.time.Instant;

/** A soft-deleted repository from {@code /acr/v1/_deleted/_catalog}; {@code expiresAt} null when unknown. */
public record DeletedRepository(String name, Instant createdAt, Instant deletedAt, Instant expiresAt) {
}
