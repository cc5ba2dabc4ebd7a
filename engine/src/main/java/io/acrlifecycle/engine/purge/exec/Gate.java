package io.acrlifecycle.engine.purge.exec;

import io.acrlifecycle.engine.registry.RegistryException;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Sends one registry call through an {@link AdaptiveLimiter}: takes a slot, makes the call once, and tells the limiter
 * how it went. A throttled answer (429/503) pauses the whole gate for the wait the registry asked for
 * ({@link RegistryException#retryAfter()}), else for {@code throttlePause}. The gate does not retry: the registry
 * layer's retry policy already has, so an exception here is final for this call.
 */
final class Gate {
    private final AdaptiveLimiter limiter;
    private final Duration throttlePause;
    private final RatePacer pacer;

    Gate(AdaptiveLimiter limiter, Duration throttlePause) {
        this(limiter, throttlePause, null);
    }

    /**
     * With a {@link RatePacer}: each call also waits for its send slot (after taking a concurrency slot) and counts
     * as served when answered; the pacer hears the throttled answers from the registry layer itself.
     */
    Gate(AdaptiveLimiter limiter, Duration throttlePause, RatePacer pacer) {
        this.limiter = limiter;
        this.throttlePause = throttlePause;
        this.pacer = pacer;
    }

    /** Runs {@code c} (null: nothing to do, returns null); any failure comes back as a {@link RegistryException}. */
    <T> T call(Callable<T> c) throws InterruptedException {
        return call(c, () -> true);
    }

    /**
     * As {@link #call(Callable)}, but once the gate lets the call through (which may take a pause or a paced slot),
     * sends it only if {@code stillWanted}; else returns null without sending (the run stopped meanwhile: nothing
     * new starts).
     */
    <T> T call(Callable<T> c, java.util.function.BooleanSupplier stillWanted) throws InterruptedException {
        if (c == null) {
            return null;
        }
        limiter.acquire();
        try {
            if (pacer != null) {
                pacer.acquire();
            }
            if (!stillWanted.getAsBoolean()) {
                limiter.release(false, Duration.ZERO);
                return null;
            }
            T v = c.call();
            if (pacer != null) {
                pacer.served();
            }
            limiter.release(false, Duration.ZERO);
            return v;
        } catch (RegistryException e) {
            boolean throttled = e.status() == 429 || e.status() == 503;
            if (pacer != null && !throttled && e.status() != 0) {
                pacer.served(); // answered (a refusal, not the quota): the registry counted it all the same
            }
            limiter.release(throttled, e.retryAfter() != null ? e.retryAfter() : throttlePause);
            throw e;
        } catch (InterruptedException e) {
            limiter.release(false, Duration.ZERO);
            throw e;
        } catch (Exception e) {
            limiter.release(false, Duration.ZERO);
            throw new RegistryException("unexpected failure: " + e, 0, null, e);
        }
    }

    int throttles() {
        return limiter.throttles();
    }
}
