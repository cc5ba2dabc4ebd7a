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
                err.println(line);
            }
        }
    }

    @Override
    public void warn(String line) {
        synchronized (err) {
            err.println("warning: " + line);
        }
    }
}
