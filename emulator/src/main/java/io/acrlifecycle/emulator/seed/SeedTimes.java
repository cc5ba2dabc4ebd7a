package io.acrlifecycle.emulator.seed;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Seed times: ISO-8601 instants, or relative to the emulator clock ({@code -40d}, {@code -3h}, {@code -90m}, {@code -30s}). */
public final class SeedTimes {
    private static final Pattern RELATIVE = Pattern.compile("([+-]?)(\\d+)([dhms])");

    private SeedTimes() {
    }

    public static Instant parse(String field, String text, Instant now) {
        if (text == null) {
            return null;
        }
        Matcher m = RELATIVE.matcher(text.trim());
        if (m.matches()) {
            long v = Long.parseLong(m.group(2));
            Duration d = switch (m.group(3)) {
                case "d" -> Duration.ofDays(v);
                case "h" -> Duration.ofHours(v);
                case "m" -> Duration.ofMinutes(v);
                default -> Duration.ofSeconds(v);
            };
            return "-".equals(m.group(1)) ? now.minus(d) : now.plus(d);
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + text
                    + "' is not a time; accepted: an ISO-8601 instant (2026-08-01T00:00:00Z) or relative (-40d, -3h, -90m, -30s)");
        }
    }
}
