package io.acrlifecycle.cli;

import io.acrlifecycle.engine.log.EngineLog;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Progress of a restore-based run (undo) taken from the engine's log: the restore service logs one
 * {@code restore <repo>@<digest> ...: OUTCOME} line per manifest it handled, which is the only per-item hook it offers.
 * On a terminal those lines are replaced by the redrawn bar; otherwise they are printed as they come (plain lines)
 * together with the bar's 10 % lines.
 */
final class ProgressLog {
    private ProgressLog() {
    }

    static EngineLog restores(EngineLog log, Progress bar, int total, boolean interactive) {
        AtomicInteger done = new AtomicInteger();
        return new EngineLog() {
            @Override
            public void info(String line) {
                boolean item = line.startsWith("restore ");
                if (!item || !interactive) {
                    log.info(line);
                }
                if (item) {
                    bar.update(done.incrementAndGet(), total);
                }
            }

            @Override
            public void warn(String line) {
                log.warn(line);
            }
        };
    }
}
