package io.acrlifecycle.engine.guard;

/** A check's or a decision's outcome, ordered from harmless to blocking. */
public enum Verdict {
    PASS, WARN, BLOCK;

    /** The more severe of the two. */
    public Verdict worst(final Verdict other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
