package io.acrlifecycle.emulator.store;

import java.time.Instant;
import java.util.Comparator;

/** Anything in the soft-deleted set, ordered by deletion time for auto-purge. */
public interface SoftDeleted {
    Comparator<SoftDeleted> BY_DELETION = Comparator.comparing(SoftDeleted::deletedAt).thenComparingLong(SoftDeleted::seq);

    String repo();

    Instant deletedAt();

    long seq();
}
