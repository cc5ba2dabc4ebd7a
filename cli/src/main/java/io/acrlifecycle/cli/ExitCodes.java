package io.acrlifecycle.cli;

/**
 * The process exit codes, documented in docs/cli.md. Scripts branch on them, so they never change meaning.
 */
public final class ExitCodes {
    /** The command did what was asked (a dry run, a passing or warning guard, a finished purge). */
    public static final int DONE = 0;
    /** The command failed: a registry error, an item that could not be deleted or restored, an I/O error. */
    public static final int FAILED = 1;
    /** Bad flags or bad input (a bad regex, an unknown option, a missing value); nothing was changed. */
    public static final int USAGE = 2;
    /** The deploy guard blocked the deploy (mode block). */
    public static final int GUARD_BLOCKED = 3;
    /** A safety net refused a purge before deleting anything: the plan exceeds --max-deletes, or soft delete is
     *  off and --allow-permanent-delete was not given. */
    public static final int REFUSED = 4;

    private ExitCodes() {
    }
}
