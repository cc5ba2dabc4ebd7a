package io.acrlifecycle.cli;

import java.io.PrintWriter;

/**
 * Progress of a long operation on stderr: one line redrawn in place on a terminal (a bar), plain lines at each 10%
 * step otherwise, so CI logs stay short. Thread-safe: engines report from worker threads.
 */
public final class Progress {
    private static final int BAR = 30;
    private final PrintWriter err;
    private final boolean interactive;
    private final String label;
    private int lastDecile = -1;
    private boolean drawn;

    public Progress(Io io, String label) {
        this.err = io.err();
        this.interactive = io.interactive();
        this.label = label;
    }

    public synchronized void update(long done, long total) {
        if (total <= 0) {
            return;
        }
        int percent = (int) Math.min(100, done * 100 / total);
        if (interactive) {
            int filled = percent * BAR / 100;
            err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] " + done + "/" + total);
            err.flush();
            drawn = true;
        } else if (percent / 10 > lastDecile) {
            lastDecile = percent / 10;
            err.println(label + ": " + done + "/" + total + " (" + percent + "%)");
        }
    }

    /** Ends the redrawn line so the next output starts on a fresh one. */
    public synchronized void finish() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }
}
