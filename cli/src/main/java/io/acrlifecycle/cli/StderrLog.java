package io.acrlifecycle.cli;

import io.acrlifecycle.engine.log.EngineLog;
import java.io.PrintWriter;

/** The engine's log on stderr, so stdout carries only the result (text or JSON). {@code --quiet} keeps warnings. */
final class StderrLog implements EngineLog {
    private final PrintWriter err;
    private final boolean quiet;

    StderrLog(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void info(String line) {
        if (!quiet) {
            synchronized (err) {
                err.println(flagWords(line));
            }
        }
    }

    @Override
    public void warn(String line) {
        synchronized (err) {
            err.println("warning: " + flagWords(line));
        }
    }

    /** The engine names its parameters (the Jenkins step's names); on the command line they are flags. */
    static String flagWords(String line) {
        return line == null ? null : line.replace("allowPermanentDelete", "--allow-permanent-delete")
                .replace("maxDeletes", "--max-deletes");
    }
}
