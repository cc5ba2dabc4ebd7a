package io.acrlifecycle.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * {@code --as-of TIME}: plan or judge as if now were TIME. An ISO-8601 instant ({@code 2026-12-01T01:00:00Z}) or a
 * date-time with an offset ({@code 2026-12-01T02:00+01:00}); seconds are kept, anything finer is dropped (ACR's
 * times and the guard work in whole seconds).
 */
final class AsOf {

    static final String ACCEPTED = "an ISO-8601 instant such as 2026-12-01T01:00:00Z or 2026-12-01T02:00+01:00";

    private AsOf() {
    }

    /** The instant, or null when the flag was not given. */
    static Instant parse(final String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            throw CliException.usage("--as-of: '" + text + "' is not a time; accepted: " + ACCEPTED);
        }
    }
}
