package io.acrlifecycle.emulator;

import io.acrlifecycle.emulator.base.AcrErrors;
import io.acrlifecycle.emulator.base.AcrException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Enforces {@link QuotaSettings} on the data plane ({@code /v2/}, {@code /acr/v1/}; not the token service, ARM or the
 * control endpoint). GET and HEAD are read operations; PUT, PATCH, POST and DELETE write operations. Each kind has a
 * token bucket holding one window's budget, refilled continuously at budget ÷ window: a fresh bucket serves exactly
 * {@code budget} requests at once, and the next one is answered 429 {@code TOOMANYREQUESTS} with {@code Retry-After}
 * = the whole seconds until the bucket holds a request again (at least 1). A throttled request consumes nothing.
 * Time is the emulator clock, so a test moves it instead of sleeping. The budget follows the registry's SKU at every
 * request. Thread-safe.
 */
public final class Quotas {
    /** What a request costs. */
    public enum Op { READ, WRITE }

    /** Requests served and refused (429) since the quota was last set or reset. */
    public record Counts(long reads, long writes, long throttledReads, long throttledWrites) {
    }

    private final Supplier<String> sku;
    private final Supplier<Instant> clock;
    private QuotaSettings settings = QuotaSettings.OFF;
    private final Bucket readBucket = new Bucket();
    private final Bucket writeBucket = new Bucket();
    private long reads;
    private long writes;
    private long throttledReads;
    private long throttledWrites;

    Quotas(Supplier<String> sku, Supplier<Instant> clock) {
        this.sku = sku;
        this.clock = clock;
    }

    /** Applies new settings; buckets start full and counters at zero. */
    public synchronized void set(QuotaSettings s) {
        settings = s == null ? QuotaSettings.OFF : s;
        readBucket.empty = true;
        writeBucket.empty = true;
        readBucket.last = null;
        writeBucket.last = null;
        reads = writes = throttledReads = throttledWrites = 0;
    }

    /**
     * Empties both buckets now, as if other clients had just spent the whole budget: what follows runs at the
     * refill rate from the start (the bench measures sustained rates this way, without the first full budget).
     */
    public synchronized void drain() {
        Instant now = clock.get();
        for (Bucket b : new Bucket[] {readBucket, writeBucket}) {
            b.empty = false;
            b.tokens = 0;
            b.last = now;
        }
    }

    /** Off, counters at zero. */
    public void reset() {
        set(QuotaSettings.OFF);
    }

    public synchronized QuotaSettings settings() {
        return settings;
    }

    public synchronized Counts counts() {
        return new Counts(reads, writes, throttledReads, throttledWrites);
    }

    /** The read and write budgets per window in effect now (the SKU's when the settings name none). */
    public synchronized int readBudget() {
        return settings.readBudget(sku.get());
    }

    public synchronized int writeBudget() {
        return settings.writeBudget(sku.get());
    }

    /** What this request costs, or null when the quota does not count it. */
    public static Op classify(String method, String path) {
        if (!path.startsWith("/v2/") && !path.equals("/v2") && !path.startsWith("/acr/v1/")) {
            return null;
        }
        return switch (method.toUpperCase(java.util.Locale.ROOT)) {
            case "GET", "HEAD" -> Op.READ;
            case "PUT", "PATCH", "POST", "DELETE" -> Op.WRITE;
            default -> null;
        };
    }

    /** Admits the request, or throws the 429 ACR answers past its quota. */
    void check(String method, String path) {
        Duration wait = admit(method, path);
        if (wait != null) {
            AcrException e = AcrErrors.tooManyRequests();
            if (settings().retryAfter()) {
                e.header("Retry-After", Long.toString(wait.toSeconds()));
            }
            throw e;
        }
    }

    /** Null when admitted (and counted); else the wait until the budget allows one more request. */
    public synchronized Duration admit(String method, String path) {
        Op op = settings.enabled() ? classify(method, path) : null;
        if (op == null) {
            return null;
        }
        boolean write = op == Op.WRITE;
        int budget = write ? settings.writeBudget(sku.get()) : settings.readBudget(sku.get());
        Duration wait = (write ? writeBucket : readBucket).take(budget, settings.window(), clock.get());
        if (wait == null) {
            if (write) {
                writes++;
            } else {
                reads++;
            }
        } else if (write) {
            throttledWrites++;
        } else {
            throttledReads++;
        }
        return wait;
    }

    /** Tokens refill continuously; a full bucket holds one window's budget. */
    private static final class Bucket {
        boolean empty = true; // true until first used: then it starts full
        double tokens;
        Instant last;

        Duration take(int budget, Duration window, Instant now) {
            double perNano = budget / (double) window.toNanos();
            if (empty || last == null) {
                tokens = budget;
                empty = false;
            } else {
                long elapsed = Duration.between(last, now).toNanos();
                if (elapsed > 0) {
                    tokens = Math.min(budget, tokens + elapsed * perNano);
                }
            }
            // a clock moved backwards refills nothing and restarts from now
            last = now;
            tokens = Math.min(tokens, budget);
            if (tokens >= 1) {
                tokens -= 1;
                return null;
            }
            double nanos = (1 - tokens) / perNano;
            long seconds = Math.max(1, (long) Math.ceil(nanos / 1e9));
            return Duration.ofSeconds(seconds);
        }
    }
}
