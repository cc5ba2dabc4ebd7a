package io.acrlifecycle.emulator.store;

import java.time.Instant;

/** A soft-deleted tag record: untag, overwrite by push, or a tag of a deleted manifest. */
public record DeletedTagRec(String repo, String tag, String digest, Instant createdAt, Instant deletedAt, long seq)
        implements SoftDeleted {
}
