package io.acrlifecycle.engine.restore;

/**
 * The one outcome of a restore item. A dry run reports WOULD_RESTORE where a real run would restore, and the other
 * outcomes (ALREADY_LIVE, CONFLICT, NOT_FOUND, EXPIRED) as a real run would; it never reports RESTORED.
 * FAILED covers answers that fit none of the others (e.g. ACR refused a referrer whose subject is missing); the
 * item's message says why. WOULD_RESTORE is last so that the earlier names keep their ordinals.
 */
public enum RestoreOutcome {
    RESTORED, ALREADY_LIVE, EXPIRED, CONFLICT, NOT_FOUND, FAILED, WOULD_RESTORE
}
