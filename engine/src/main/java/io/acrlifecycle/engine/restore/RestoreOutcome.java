package io.acrlifecycle.engine.restore;

/**
 * The one outcome of a restore item. In a dry run RESTORED means "would be restored".
 * FAILED covers answers that fit none of the others (e.g. ACR refused a referrer whose subject is missing); the
 * item's message says why.
 */
public enum RestoreOutcome {
    RESTORED, ALREADY_LIVE, EXPIRED, CONFLICT, NOT_FOUND, FAILED
}
