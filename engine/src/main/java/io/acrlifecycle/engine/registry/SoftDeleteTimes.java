package io.acrlifecycle.engine.registry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * ACR sends no expiry for soft-deleted items. Like az CLI ({@code _add_day_delta}), we add the registry's CURRENT
 * retentionDays to {@code deletedAt}, keeping the time of day: the auto-purge also measures from the original delete
 * time with the current days, so lowering the days moves every expiry forward.
 */
public final class SoftDeleteTimes {
    private SoftDeleteTimes() {
    }

    /** deletedAt + days, or null when either is unknown. */
    public static Instant expiresAt(Instant deletedAt, Integer retentionDays) {
        return deletedAt == null || retentionDays == null ? null : deletedAt.plus(retentionDays, ChronoUnit.DAYS);
    }
}
