package io.acrlifecycle.engine.purge.journal;

/**
 * What became of a journaled intent; written as its name in the {@code outcome} field (docs/purge.md "Journal").
 * Only {@link #DELETED} and {@link #NOT_FOUND} mean the item is gone, so a rerun skips it; every other outcome
 * closes the intent without claiming the registry acted.
 */
public enum JournalOutcome {
    /** The registry deleted it. */
    DELETED,
    /** Gone already: 404 on the delete, or re-checked as gone (tag moved or removed) by this or a later run. */
    NOT_FOUND,
    /** 405: locked on the registry. */
    LOCKED,
    /** Not sent: changed since the plan, or a tag it had was not removed. */
    SKIPPED,
    /** The delete (or the re-read before it) failed; the run stopped. */
    FAILED,
    /** Journaled but never sent: the run stopped or was interrupted before this request. */
    NOT_SENT,
    /** Left open by an earlier run, still present, and no longer in this run's plan: not sent again. */
    ABANDONED;

    /** After this outcome the item is gone; a rerun skips it. */
    public boolean isDone() {
        return this == DELETED || this == NOT_FOUND;
    }
}
