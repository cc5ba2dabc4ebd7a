package io.acrlifecycle.engine.purge.exec;

import io.acrlifecycle.engine.log.EngineLog;
import java.util.concurrent.atomic.AtomicReference;

/** The run's stop flag: set once, by the first failure (its reason goes into the report); nothing new starts after. */
final class RunStop {
    private final AtomicReference<String> reason = new AtomicReference<>();
    private final EngineLog log;

    RunStop(EngineLog log) {
        this.log = log;
    }

    void stop(String why) {
        if (reason.compareAndSet(null, why)) {
            log.warn("stopping the purge: " + why);
        }
    }

    boolean isStopped() {
        return reason.get() != null;
    }

    /** Why the run stopped, or null. */
    String reason() {
        return reason.get();
    }
}
