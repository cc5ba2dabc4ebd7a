package io.acrlifecycle.emulator.store;

import java.time.Instant;

/** A soft-deleted manifest; its tags at deletion went to the repository's deleted tags. */
public record DeletedManifestRec(String repo, ManifestRec manifest, Instant deletedAt, long seq) implements SoftDeleted {
}
