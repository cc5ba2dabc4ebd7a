package io.acrlifecycle.engine.forecast;

import io.acrlifecycle.engine.guard.schedule.NCrontab;
import io.acrlifecycle.engine.purge.rules.Ago;
import java.time.Duration;
import java.util.Objects;

/**
 * What the forecast is asked: how far ahead to look ({@code window}, acr purge's {@code ago} grammar, 0 to 400
 * days), and whether to read the scheduled acr purge tasks and the untagged retention policy (both default on).
 */
public record ForecastRequest(String window, Duration windowLength, boolean includeScheduledTasks,
        boolean includeRetentionPolicy) {

    public ForecastRequest {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(windowLength, "windowLength");
        if (windowLength.isNegative() || windowLength.compareTo(NCrontab.MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("window: '" + window + "' is outside 0d-"
                    + NCrontab.MAX_WINDOW.toDays() + "d; accepted: 7d, 36h, 1d12h");
        }
    }

    /** Tasks and retention read; {@code window} parsed with errors that name the field. */
    public static ForecastRequest of(final String window) {
        if (window == null || window.isBlank()) {
            throw new IllegalArgumentException("window: missing; accepted: " + Ago.ACCEPTED);
        }
        return new ForecastRequest(window, Ago.parse("window", window).duration(), true, true);
    }

    public ForecastRequest withScheduledTasks(final boolean value) {
        return new ForecastRequest(window, windowLength, value, includeRetentionPolicy);
    }

    public ForecastRequest withRetentionPolicy(final boolean value) {
        return new ForecastRequest(window, windowLength, includeScheduledTasks, value);
    }
}
