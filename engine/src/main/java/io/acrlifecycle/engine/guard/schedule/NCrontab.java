package io.acrlifecycle.engine.guard.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A 5-field ACR Tasks timer schedule {@code {minute} {hour} {day} {month} {day-of-week}}, evaluated in UTC with
 * NCrontab's semantics (the library ACR Tasks uses):
 * <ul>
 * <li>{@code *}, values, ranges {@code a-b} (a reversed range {@code 5-2} is swapped, as NCrontab does), lists
 * {@code a,b}, steps {@code * /n}, {@code a-b/n} and {@code a/n} (= a to the field's maximum, step n);</li>
 * <li>month names and day names are case-insensitive prefixes of the English names ({@code Jan}, {@code January},
 * {@code Mon}); NCrontab takes the first name in calendar order that starts with the text;</li>
 * <li>day-of-week is 0-6 with Sunday = 0; {@code 7} is refused, as NCrontab refuses it;</li>
 * <li>day-of-month and day-of-week must BOTH match (NCrontab), unlike vixie cron where either may match.</li>
 * </ul>
 * Fire times are whole minutes (second 0) in UTC.
 */
public final class NCrontab {

    /** The accepted form, for error messages. */
    public static final String ACCEPTED_FORM = "5 fields '{minute} {hour} {day} {month} {day-of-week}' in UTC,"
            + " each *, n, a-b, a,b, */n, a-b/n or a/n; months 1-12 or Jan-Dec, days of week 0-6 (Sunday=0) or Sun-Sat;"
            + " e.g. '0 1 * * *'";

    /** Longest window {@link #nextFireTimes} evaluates, so a caller cannot start an unbounded walk. */
    public static final Duration MAX_WINDOW = Duration.ofDays(400);

    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};
    private static final String[] DAYS = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday"};

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet daysOfWeek;

    private NCrontab(final String expression, final BitSet[] fields) {
        this.expression = expression;
        this.minutes = fields[0];
        this.hours = fields[1];
        this.days = fields[2];
        this.months = fields[3];
        this.daysOfWeek = fields[4];
    }

    /** Parses a schedule or throws {@link IllegalArgumentException} naming the field and the accepted form. */
    public static NCrontab parse(final String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("schedule: empty; accepted: " + ACCEPTED_FORM);
        }
        String[] tokens = expression.trim().split("\\s+");
        if (tokens.length != 5) {
            throw new IllegalArgumentException("schedule: '" + expression + "' has " + tokens.length
                    + " fields, ACR Tasks takes exactly 5 (no seconds, no year); accepted: " + ACCEPTED_FORM);
        }
        BitSet[] fields = new BitSet[5];
        for (int i = 0; i < 5; i++) {
            fields[i] = Field.values()[i].parse(expression, tokens[i]);
        }
        return new NCrontab(expression.trim(), fields);
    }

    public String expression() {
        return expression;
    }

    /** True when the schedule fires at this instant (truncated to the minute, UTC). */
    public boolean matches(final Instant instant) {
        var t = instant.atOffset(ZoneOffset.UTC);
        return matchesDate(t.toLocalDate()) && hours.get(t.getHour()) && minutes.get(t.getMinute());
    }

    /**
     * Every fire time {@code t} with {@code from <= t <= until} (both inclusive: a run starting exactly now has not
     * deleted anything yet), in order. The walk is day by day over at most {@link #MAX_WINDOW}.
     */
    public List<Instant> nextFireTimes(final Instant from, final Instant until) {
        if (until.isBefore(from)) {
            return List.of();
        }
        if (Duration.between(from, until).compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("window: " + Duration.between(from, until).toDays()
                    + " days is longer than the " + MAX_WINDOW.toDays() + " days a schedule is evaluated over");
        }
        List<Instant> fires = new ArrayList<>();
        LocalDate last = until.atOffset(ZoneOffset.UTC).toLocalDate();
        for (LocalDate day = from.atOffset(ZoneOffset.UTC).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (matchesDate(day)) {
                addFiresOfDay(day, from, until, fires);
            }
        }
        return fires;
    }

    /** The first fire time in {@code [from, until]}. */
    public Optional<Instant> nextFireTime(final Instant from, final Instant until) {
        List<Instant> fires = nextFireTimes(from, until.isAfter(from.plus(MAX_WINDOW)) ? from.plus(MAX_WINDOW) : until);
        return fires.isEmpty() ? Optional.empty() : Optional.of(fires.get(0));
    }

    private void addFiresOfDay(final LocalDate day, final Instant from, final Instant until, final List<Instant> out) {
        Instant midnight = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
            for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                Instant fire = midnight.plus(h * 60L + m, ChronoUnit.MINUTES);
                if (!fire.isBefore(from) && !fire.isAfter(until)) {
                    out.add(fire);
                }
            }
        }
    }

    // NCrontab: the day must be in the day-of-month set AND its weekday in the day-of-week set.
    private boolean matchesDate(final LocalDate day) {
        return months.get(day.getMonthValue()) && days.get(day.getDayOfMonth())
                && daysOfWeek.get(sundayZero(day.getDayOfWeek()));
    }

    private static int sundayZero(final DayOfWeek dow) {
        return dow.getValue() % 7;
    }

    @Override
    public String toString() {
        return expression;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof NCrontab other && minutes.equals(other.minutes) && hours.equals(other.hours)
                && days.equals(other.days) && months.equals(other.months) && daysOfWeek.equals(other.daysOfWeek);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(minutes, hours, days, months, daysOfWeek);
    }

    /** The five fields, in order, with their ranges and names. */
    private enum Field {
        MINUTE("minute", 0, 59, null),
        HOUR("hour", 0, 23, null),
        DAY("day", 1, 31, null),
        MONTH("month", 1, 12, MONTHS),
        DAY_OF_WEEK("day-of-week", 0, 6, DAYS);

        private final String label;
        private final int min;
        private final int max;
        private final String[] names;

        Field(final String label, final int min, final int max, final String[] names) {
            this.label = label;
            this.min = min;
            this.max = max;
            this.names = names;
        }

        BitSet parse(final String expression, final String text) {
            BitSet bits = new BitSet(max + 1);
            for (String part : text.split(",", -1)) {
                parsePart(expression, text, part, bits);
            }
            return bits;
        }

        private void parsePart(final String expression, final String text, final String part, final BitSet bits) {
            if (part.isEmpty()) {
                throw error(expression, text, "an empty list element");
            }
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(expression, text, part.substring(slash + 1), "step");
                if (step < 1) {
                    throw error(expression, text, "step " + step + " (a step must be 1 or more)");
                }
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.indexOf('-', 1) > 0) {
                int dash = range.indexOf('-', 1);
                from = value(expression, text, range.substring(0, dash));
                to = value(expression, text, range.substring(dash + 1));
                if (from > to) { // NCrontab swaps a reversed range
                    int swap = from;
                    from = to;
                    to = swap;
                }
            } else {
                from = value(expression, text, range);
                to = slash >= 0 ? max : from; // NCrontab: 'a/n' runs from a to the maximum
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }

        private int value(final String expression, final String text, final String token) {
            int v;
            if (!token.isEmpty() && Character.isLetter(token.charAt(0))) {
                v = named(expression, text, token);
            } else {
                v = number(expression, text, token, "value");
            }
            if (v < min || v > max) {
                String hint = this == DAY_OF_WEEK && v == 7 ? " (NCrontab has no 7 for Sunday: use 0 or Sun)" : "";
                throw error(expression, text, "value " + v + " outside " + min + "-" + max + hint);
            }
            return v;
        }

        private int named(final String expression, final String text, final String token) {
            if (names == null) {
                throw error(expression, text, "'" + token + "' (names are only accepted for month and day-of-week)");
            }
            String lower = token.toLowerCase(Locale.ROOT);
            for (int i = 0; i < names.length; i++) {
                if (names[i].startsWith(lower)) {
                    return i + min;
                }
            }
            throw error(expression, text, "unknown name '" + token + "'");
        }

        private int number(final String expression, final String text, final String token, final String what) {
            if (token.isEmpty() || !token.chars().allMatch(c -> c >= '0' && c <= '9') || token.length() > 4) {
                throw error(expression, text, what + " '" + token + "' is not a number");
            }
            return Integer.parseInt(token);
        }

        private IllegalArgumentException error(final String expression, final String text, final String why) {
            String accepted = switch (this) {
                case MONTH -> "*, 1-12 or Jan-Dec, ranges a-b, lists a,b, steps */n, a-b/n, a/n";
                case DAY_OF_WEEK -> "*, 0-6 (Sunday=0) or Sun-Sat, ranges a-b, lists a,b, steps */n, a-b/n, a/n";
                default -> "*, " + min + "-" + max + ", ranges a-b, lists a,b, steps */n, a-b/n, a/n";
            };
            return new IllegalArgumentException("schedule: '" + expression + "': " + label + " field '" + text
                    + "' has " + why + "; accepted for " + label + ": " + accepted);
        }
    }
}
