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
    private long pausedUntil;
    private int throttles;

    AdaptiveLimiter(int max) {
        this.max = Math.max(1, max);
        this.limit = this.max;
    }

    synchronized void acquire() throws InterruptedException {
        while (true) {
            long wait = pausedUntil - System.nanoTime();
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
            long until = System.nanoTime() + Math.max(0, pause.toNanos());
            pausedUntil = Math.max(pausedUntil, until);
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
