package io.acrlifecycle.engine.registry;

import java.time.Duration;

/**
 * Hears every throttled answer (429, 503) the registry layer's retry policy sees, including the ones it then retries
 * on its own, and may hold each retry back: what a caller pacing its requests to the registry's quota needs (the
 * purge executor's {@code RatePacer}). Called on the thread that sent the request; implementations must be
 * thread-safe and must not call the registry.
 */
public interface ThrottleListener {

    /**
     * A {@code method} request to {@code path} (no query), sent at {@code sentAtNanos} ({@link System#nanoTime()}),
     * was answered {@code status}; the server asked to wait {@code retryAfter} (null: it did not say).
     */
    void throttled(String method, String path, int status, long sentAtNanos, Duration retryAfter);

    /** The retry policy has waited and is about to send {@code method path} again: block until that may go. */
    default void beforeRetry(String method, String path) throws InterruptedException {
    }
}
