package io.acrlifecycle.engine.purge.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * acr purge's {@code --ago}: whole days with a {@code d} suffix, then a Go duration ({@code 30d}, {@code 1d12h},
 * {@code 15m}, {@code 1.5h}, {@code 0d}). Unlike acr purge, which silently turns {@code 30x} into "now", anything
 * else is refused with a message naming the field. Capped at 150 years like acr purge.
 */
public record Ago(String text, Duration duration) {

    public static final String ACCEPTED = "30d, 1d12h, 15m, 1.5h, 90s, 0d (whole days with 'd', then Go units h, m, s, ms, us, ns)";
    static final Duration MAX = Duration.ofDays(150L * 365);
    /** No {@code ago}: the cutoff is now (acr purge's behaviour for {@code --untagged-only} without {@code --ago}). */
    public static final Ago ZERO = new Ago("0d", Duration.ZERO);

    private static final Pattern SHAPE = Pattern.compile("(-)?(?:(\\d+)d)?((?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:ns|us|µs|ms|s|m|h))*)");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    public Ago {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(duration, "duration");
    }

    /** Parses a non-negative ago; {@code field} names the setting in the error ({@code rules[1].ago}). */
    public static Ago parse(String field, String text) {
        Ago ago = parseSigned(field, text);
        if (ago.duration.isNegative()) {
            throw new IllegalArgumentException(field + ": '" + text + "' is negative; accepted: " + ACCEPTED);
        }
        return ago;
    }

    /**
     * Parses like acr purge, including a leading {@code -} (a negative ago puts the cutoff in the future, so every
     * item qualifies). Used when reading existing {@code acr purge} command lines.
     */
    public static Ago parseSigned(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": is empty; accepted: " + ACCEPTED);
        }
        String t = text.trim();
        Matcher m = SHAPE.matcher(t);
        if (!m.matches() || (m.group(2) == null && m.group(3).isEmpty())) {
            String why = t.matches("-?\\d+(\\.\\d+)?") ? " (a bare number has no unit)"
                    : t.matches("-?\\d+\\.\\d+d.*") ? " (days must be a whole number)" : "";
            throw new IllegalArgumentException(field + ": '" + text + "' is not a duration" + why + "; accepted: " + ACCEPTED);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        if (m.group(2) != null) {
            nanos = nanos.add(new BigDecimal(m.group(2)).multiply(BigDecimal.valueOf(86_400_000_000_000L)));
        }
        Matcher p = PART.matcher(m.group(3));
        while (p.find()) {
            nanos = nanos.add(new BigDecimal(p.group(1)).multiply(BigDecimal.valueOf(unitNanos(p.group(2)))));
        }
        BigDecimal max = BigDecimal.valueOf(MAX.getSeconds()).multiply(BigDecimal.valueOf(1_000_000_000L));
        Duration d = nanos.compareTo(max) > 0 ? MAX
                : Duration.ofSeconds(0, nanos.longValue());
        return new Ago(t, m.group(1) != null ? d.negated() : d);
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
    }

    /** {@code now - ago}: tags strictly before it qualify; untagged manifests qualify unless strictly after it. */
    public Instant cutoff(Instant now) {
        return now.minus(duration);
    }

    @Override
    public String toString() {
        return text;
    }
}
