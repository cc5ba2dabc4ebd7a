package io.acrlifecycle.engine.registry;

import java.time.Duration;

/**
 * How hard the one retry policy tries: {@code maxRetries} extra attempts after the first, exponential backoff
 * from {@code baseDelay} (doubling per attempt, with jitter), never waiting longer than {@code maxDelay} at once
 * (a server's {@code Retry-After} is clamped to it too, so a misbehaving server cannot park a build).
 */
public record RetrySettings(int maxRetries, Duration baseDelay, Duration maxDelay) {

    /** Like azure-core's ExponentialBackoff defaults (3 retries, 800 ms, 8 s), but a little more patient. */
    public static final RetrySettings DEFAULTS = new RetrySettings(4, Duration.ofMillis(800), Duration.ofSeconds(30));

    public RetrySettings {
        if (maxRetries < 0 || maxRetries > 20) {
            throw new IllegalArgumentException("maxRetries: " + maxRetries + " is out of range; accepted: 0..20");
        }
        if (baseDelay == null || baseDelay.isNegative()) {
            throw new IllegalArgumentException("baseDelay: must be zero or positive, e.g. PT0.8S");
        }
        if (maxDelay == null || maxDelay.compareTo(baseDelay) < 0 || maxDelay.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("maxDelay: " + maxDelay + " must be >= baseDelay and <= 5 minutes");
        }
    }

    /** Fast settings for tests against the emulator. */
    public static RetrySettings fast() {
        return new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(1500));
    }
}
