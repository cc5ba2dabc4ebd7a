package io.acrlifecycle.engine.purge.exec;

import java.time.Duration;

/**
 * AIMD gate in front of every delete: at most {@code limit} calls in flight. A throttled answer (429/503) halves
 * the limit and pauses the whole pool until Retry-After (or the backoff) has passed; every {@code limit} successes
 * raise it by one again, up to the configured concurrency. This is what slows the pool down as a whole, on top of
 * the per-request retries of the registry layer.
 */
final class AdaptiveLimiter {
    private final int max;
    private int limit;
    private int inFlight;
    private int successes;
    private final java.util.function.LongSupplier nanoTime;
    // nanoTime() has an arbitrary origin and may be negative: "not paused" is a flag, not pausedUntil == 0
    private boolean paused;
    private long pausedUntil;
    private int throttles;

    AdaptiveLimiter(int max) {
        this(max, System::nanoTime);
    }

    AdaptiveLimiter(int max, java.util.function.LongSupplier nanoTime) {
        this.max = Math.max(1, max);
        this.limit = this.max;
        this.nanoTime = nanoTime;
    }

    synchronized void acquire() throws InterruptedException {
        while (true) {
            long wait = paused ? pausedUntil - nanoTime.getAsLong() : 0;
            if (wait > 0) {
                long ms = Math.max(1, wait / 1_000_000);
                wait(ms);
                continue;
            }
            if (inFlight < limit) {
                inFlight++;
                return;
            }
            wait(1000);
        }
    }

    synchronized void release(boolean throttled, Duration pause) {
        inFlight--;
        if (throttled) {
            throttles++;
            limit = Math.max(1, limit / 2);
            successes = 0;
            long until = nanoTime.getAsLong() + Math.max(0, pause.toNanos());
            // compare by difference: nanoTime values may wrap
            if (!paused || until - pausedUntil > 0) {
                pausedUntil = until;
            }
            paused = true;
        } else if (++successes >= limit) {
            successes = 0;
            if (limit < max) {
                limit++;
            }
        }
        notifyAll();
    }

    synchronized int limit() {
        return limit;
    }

    synchronized int throttles() {
        return throttles;
    }
}
