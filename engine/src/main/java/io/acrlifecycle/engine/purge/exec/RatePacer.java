package io.acrlifecycle.engine.purge.exec;

import io.acrlifecycle.engine.registry.ThrottleListener;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Spaces write requests at the rate the registry sustains, learned from its throttled answers (429/503).
 *
 * <p>ACR grants each tier a budget of write operations per minute and answers 429 past it. Such a budget behaves
 * like a bucket refilled at a steady rate: whenever a 429 comes back the bucket is empty, so the requests served
 * between two throttle events are exactly what the registry refilled in that time. That count over the elapsed
 * time is the sustainable rate; it is taken back to the latest earlier event that leaves at least
 * {@link #MIN_SAMPLE} requests in between (a few requests make a coarse measure when the budget is small). Until
 * the first 429 nothing is paced. The first event alone measures nothing useful (a fresh budget spent at once
 * makes it too high, a budget someone else had spent too low), so until the second the pace doubles every second.
 *
 * <p>Each throttle event pauses every send until its {@code Retry-After} (or {@code fallbackPause}) has passed, then
 * sends resume spaced at the measured rate, rising slowly: the registry refilled the bucket during the pause, and
 * the pace rises just enough to spend those saved-up requests over about {@link #PROBE_SAMPLE} requests. Then the
 * bucket is empty again and the next 429 measures it anew (and a budget that grew is found). Nothing is lost by
 * the pause as long as the bucket holds what it refills meanwhile, and about one request in PROBE_SAMPLE is
 * answered 429. Throttled answers to requests sent before the latest event are the same event
 * (they were already in flight) and change nothing. Time comes from {@code nanoTime} (a fake clock in tests).
 * Thread-safe.
 */
final class RatePacer {
    /** About how many requests the pace takes to spend what the registry refilled during a pause. */
    static final int PROBE_SAMPLE = 400;
    private static final double MAX_PROBE_PER_SECOND = 0.5;
    /** Served requests a measure should span at least (when the remembered events reach back that far). */
    static final int MIN_SAMPLE = 32;
    private static final int HISTORY = 16;
    private static final double MIN_RATE = 0.1;

    private final LongSupplier nanoTime;
    private final Duration fallbackPause;
    private double measured; // requests per second at the last event; 0 = nothing learned yet (unpaced)
    private long nextSlot;
    private boolean paused; // nanoTime() may be negative or wrap: flags, and differences only
    private long pausedUntil;
    private double pauseSeconds;
    private boolean started;
    private long startedAt;
    private boolean seenEvent;
    private long eventAt;
    private long served;
    // the latest events: when, and how many requests had been served by then (a ring)
    private final long[] eventTimes = new long[HISTORY];
    private final long[] eventServed = new long[HISTORY];
    private long throttled;
    private int events;

    RatePacer(Duration fallbackPause, LongSupplier nanoTime) {
        this.fallbackPause = fallbackPause == null ? Duration.ofMillis(500) : fallbackPause;
        this.nanoTime = nanoTime;
    }

    RatePacer(Duration fallbackPause) {
        this(fallbackPause, System::nanoTime);
    }

    /**
     * Takes the send slot if it is due: 0 = send now; else the nanoseconds to wait before asking again. Nothing is
     * booked ahead, so a throttle event that comes while callers wait holds all of them back (slots booked before
     * it would otherwise add to the ones after it).
     */
    synchronized long tryAcquire() {
        long now = nanoTime.getAsLong();
        if (!started) {
            started = true;
            startedAt = now;
        }
        if (paused && pausedUntil - now > 0) {
            return pausedUntil - now;
        }
        double r = rate(now);
        if (r <= 0) {
            return 0;
        }
        if (nextSlot - now > 0) {
            return nextSlot - now;
        }
        nextSlot = now + (long) (1e9 / r);
        return 0;
    }

    /** Waits for the send slot ({@link #tryAcquire}) on the real clock. */
    void acquire() throws InterruptedException {
        for (long wait = tryAcquire(); wait > 0; wait = tryAcquire()) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** A request was answered without throttling (whatever its status). */
    synchronized void served() {
        served++;
    }

    /**
     * A request sent at {@code sentAt} ({@code nanoTime}) was answered 429/503, asking to wait {@code retryAfter}
     * (null: it did not say).
     */
    synchronized void throttled(long sentAt, Duration retryAfter) {
        long now = nanoTime.getAsLong();
        throttled++;
        if (seenEvent && sentAt - eventAt < 0) {
            return; // in flight when the last event was seen: part of it
        }
        long since = started ? startedAt : now;
        long n = served;
        for (int back = 1; back <= Math.min(events, HISTORY); back++) {
            int k = Math.floorMod(events - back, HISTORY);
            since = eventTimes[k];
            n = served - eventServed[k];
            if (n >= MIN_SAMPLE) {
                break;
            }
        }
        double seconds = Math.max(1e-3, (now - since) / 1e9);
        if (n > 0) {
            measured = Math.max(MIN_RATE, n / seconds);
        } else {
            // nothing got through since the last event: the pause was too short for even one request
            measured = Math.max(MIN_RATE, measured > 0 ? measured / 2 : 1 / seconds);
        }
        eventTimes[events % HISTORY] = now;
        eventServed[events % HISTORY] = served;
        events++;
        seenEvent = true;
        eventAt = now;
        Duration pause = retryAfter != null ? retryAfter : fallbackPause;
        pauseSeconds = Math.max(0, pause.toNanos() / 1e9);
        long until = now + Math.max(0, pause.toNanos());
        if (!paused || until - pausedUntil > 0) {
            pausedUntil = until;
        }
        paused = true;
        nextSlot = pausedUntil;
    }

    /** The pace now, requests per second; 0 before the first throttle event (unpaced). */
    synchronized double rate() {
        return rate(nanoTime.getAsLong());
    }

    private double rate(long now) {
        if (measured <= 0) {
            return 0;
        }
        long from = paused && pausedUntil - eventAt > 0 ? pausedUntil : eventAt;
        double probing = Math.max(0, (now - from) / 1e9);
        if (events < 2) {
            // one event gives no measure yet (a fresh budget inflates it, a budget someone else spent deflates it):
            // double the pace every second until the second event, which finds the bucket empty again
            return measured * Math.pow(2, Math.min(probing, 30));
        }
        // the pace rises linearly, r(t) = m (1 + k t): the extra requests, m k t^2 / 2, reach the m * pause saved
        // up during the pause when t = PROBE_SAMPLE / m, so k = 2 pause m^2 / PROBE_SAMPLE^2
        double k = Math.min(MAX_PROBE_PER_SECOND, 2 * Math.max(pauseSeconds, 0.1) * measured * measured
                / ((double) PROBE_SAMPLE * PROBE_SAMPLE));
        return measured * (1 + k * probing);
    }

    /**
     * What the registry layer tells this pacer: throttled data-plane writes (PUT, PATCH, POST, DELETE on
     * {@code /v2/} and {@code /acr/v1/}) are throttle events, and their retries wait for a send slot like new
     * requests. Reads have their own, larger, budget and are not paced.
     */
    ThrottleListener writeListener() {
        return new ThrottleListener() {
            @Override
            public void throttled(String method, String path, int status, long sentAtNanos, Duration retryAfter) {
                if (isWrite(method, path)) {
                    RatePacer.this.throttled(sentAtNanos, retryAfter);
                }
            }

            @Override
            public void beforeRetry(String method, String path) throws InterruptedException {
                if (isWrite(method, path)) {
                    acquire();
                }
            }
        };
    }

    static boolean isWrite(String method, String path) {
        if (path == null || !(path.startsWith("/v2/") || path.startsWith("/acr/v1/"))) {
            return false;
        }
        String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
        return m.equals("PUT") || m.equals("PATCH") || m.equals("POST") || m.equals("DELETE");
    }

    /** The rate measured at the last throttle event (0: none yet). */
    synchronized double measured() {
        return measured;
    }

    /** Throttled answers seen, and how many throttle events they made. */
    synchronized long throttledAnswers() {
        return throttled;
    }

    synchronized int events() {
        return events;
    }
}
