package io.acrlifecycle.engine.purge.exec;

import java.time.Duration;

/**
 * How a plan is carried out.
 *
 * @param concurrency          parallel deletes, 1..32 (acr purge's range; 32 is ACR's recommended maximum)
 * @param throttlePause        how long the gate holds every request back after a throttled answer (429/503) that
 *                             named no Retry-After; the retries themselves are the registry layer's
 * @param requireSoftDelete    refuse a real purge when the registry's soft delete is off ...
 * @param allowPermanentDelete ... unless this is set
 * @param maxDeletes           refuse (delete nothing) when the plan sends more deletes than this; null = no limit
 * @param recheck              how each item is re-checked just before its request (see {@link Recheck})
 */
public record ExecutorOptions(int concurrency, Duration throttlePause,
        boolean requireSoftDelete, boolean allowPermanentDelete, Integer maxDeletes, Recheck recheck) {

    /**
     * How the executor re-checks items just before sending them (a changed item is skipped either way).
     * {@code LISTING}: re-list the repository once per phase, read alongside the deletes; {@code PER_ITEM}: one GET
     * per item; {@code AUTO}: listing when the phase has at least {@code concurrency x pages} items, where pages is
     * the listing's size at plan time divided by the page size (else the full listing would cost more requests,
     * or more time, than the GETs it replaces).
     */
    public enum Recheck {
        AUTO, LISTING, PER_ITEM
    }

    public static final int MAX_CONCURRENCY = 32;

    public ExecutorOptions {
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency: " + concurrency + " is out of range; accepted: 1.."
                    + MAX_CONCURRENCY + " (0 in a request means the number of CPUs)");
        }
        if (throttlePause == null || throttlePause.isNegative()) {
            throw new IllegalArgumentException("throttlePause: must be zero or positive, e.g. PT0.5S");
        }
        if (maxDeletes != null && maxDeletes < 0) {
            throw new IllegalArgumentException("maxDeletes: " + maxDeletes + " is negative; accepted: an integer >= 0");
        }
        recheck = recheck == null ? Recheck.AUTO : recheck;
    }

    /** acr purge's default: the number of CPUs, at most 32. */
    public static int defaultConcurrency() {
        return Math.max(1, Math.min(MAX_CONCURRENCY, Runtime.getRuntime().availableProcessors()));
    }

    public static ExecutorOptions defaults() {
        return new ExecutorOptions(defaultConcurrency(), Duration.ofMillis(500), true,
                false, null, Recheck.AUTO);
    }

    public ExecutorOptions withConcurrency(int c) {
        return new ExecutorOptions(c, throttlePause, requireSoftDelete, allowPermanentDelete,
                maxDeletes, recheck);
    }

    public ExecutorOptions withSafety(boolean requireSoftDelete, boolean allowPermanentDelete, Integer maxDeletes) {
        return new ExecutorOptions(concurrency, throttlePause, requireSoftDelete,
                allowPermanentDelete, maxDeletes, recheck);
    }

    public ExecutorOptions withThrottlePause(Duration throttlePause) {
        return new ExecutorOptions(concurrency, throttlePause, requireSoftDelete,
                allowPermanentDelete, maxDeletes, recheck);
    }

    public ExecutorOptions withRecheck(Recheck recheck) {
        return new ExecutorOptions(concurrency, throttlePause, requireSoftDelete,
                allowPermanentDelete, maxDeletes, recheck);
    }
}
