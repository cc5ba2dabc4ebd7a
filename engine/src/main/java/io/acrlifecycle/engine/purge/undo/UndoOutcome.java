package io.acrlifecycle.engine.purge.undo;

/** Same names as the restore service's {@code RestoreOutcome}. */
public enum UndoOutcome {
    RESTORED, ALREADY_LIVE, EXPIRED, CONFLICT, NOT_FOUND, FAILED
}
