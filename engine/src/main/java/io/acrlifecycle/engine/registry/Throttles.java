package io.acrlifecycle.engine.registry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The {@link ThrottleListener}s of one registry (its retry policy calls them). Thread-safe. */
final class Throttles {
    private final List<ThrottleListener> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener until the returned handle is closed. */
    AutoCloseable add(ThrottleListener l) {
        listeners.add(l);
        return () -> listeners.remove(l);
    }

    void throttled(String method, String path, int status, long sentAtNanos, Duration retryAfter) {
        for (ThrottleListener l : listeners) {
            l.throttled(method, path, status, sentAtNanos, retryAfter);
        }
    }

    void beforeRetry(String method, String path) throws InterruptedException {
        for (ThrottleListener l : listeners) {
            l.beforeRetry(method, path);
        }
    }
}
