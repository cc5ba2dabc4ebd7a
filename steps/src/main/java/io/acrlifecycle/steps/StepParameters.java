package io.acrlifecycle.steps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The raw values a Pipeline step or a freestyle build step received (strings, numbers, booleans as the form or
 * the script gave them), read field by field into typed values. Every problem is collected with its field name
 * and reported at once by {@link #check()}, so a user sees all mistakes before anything is deleted.
 * The keys are the parameter names shared by the engine, the CLI and the Jenkins steps.
 */
public final class StepParameters {
    private final String verb;
    private final Map<String, Object> raw;
    private final List<String> problems = new ArrayList<>();

    public StepParameters(String verb, Map<String, ?> raw) {
        this.verb = verb;
        this.raw = new LinkedHashMap<>(raw);
    }

    /** A value that must be present and not blank. */
    public String required(String field) {
        String value = text(field);
        if (value == null) {
            problems.add(field + ": missing; it is required for " + verb);
        }
        return value;
    }

    /** The trimmed text, or null when absent or blank. */
    public String text(String field) {
        Object value = raw.get(field);
        if (value == null) {
            return null;
        }
        String s = value.toString().trim();
        return s.isEmpty() ? null : s;
    }

    public boolean flag(String field) {
        return flag(field, false);
    }

    /** A boolean, or {@code fallback} when absent or empty (safety switches such as requireSoftDelete default on). */
    public boolean flag(String field, boolean fallback) {
        Object value = raw.get(field);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String s = value.toString().trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return fallback;
        }
        if (s.equals("false")) {
            return false;
        }
        if (s.equals("true")) {
            return true;
        }
        problems.add(field + ": '" + value + "' is not a boolean; accepted: true, false");
        return false;
    }

    /** A whole number in [min, max], or {@code fallback} when absent. */
    public Integer integer(String field, int min, int max, Integer fallback) {
        String s = text(field);
        if (s == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(s);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        problems.add(field + ": '" + s + "' is not a whole number from " + min + " to " + max);
        return fallback;
    }

    /** One of the accepted words (case-insensitive), returned in lower case; {@code fallback} when absent. */
    public String choice(String field, Set<String> accepted, String fallback) {
        String s = text(field);
        if (s == null) {
            return fallback;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (accepted.contains(lower)) {
            return lower;
        }
        problems.add(field + ": '" + s + "' is not accepted; accepted: " + String.join(", ", accepted.stream()
                .sorted().toList()));
        return fallback;
    }

    /**
     * Several values given as a list, or as one text with one value per line or comma-separated
     * (the form's textarea and the CLI's repeated option both end up here). Empty entries are dropped.
     */
    public List<String> list(String field) {
        return entries(field, true);
    }

    /** Like {@link #list(String)} but split on new lines only: filter regexes may contain commas. */
    public List<String> lines(String field) {
        return entries(field, false);
    }

    /** List items are taken whole per line; a single text is split on new lines, and on commas when asked. */
    private List<String> entries(String field, boolean splitTextOnCommas) {
        Object value = raw.get(field);
        List<String> out = new ArrayList<>();
        if (value instanceof Iterable<?> items) {
            for (Object item : items) {
                addEntries(out, item == null ? "" : item.toString(), false);
            }
        } else if (value != null) {
            addEntries(out, value.toString(), splitTextOnCommas);
        }
        return List.copyOf(out);
    }

    /**
     * Parses with an engine parser {@code (field, text) -> value} that throws {@link IllegalArgumentException}
     * with a field-named message; the message is recorded as a problem. Returns {@code fallback} when absent.
     */
    public <T> T parsed(String field, BiFunction<String, String, T> parser, T fallback) {
        String s = text(field);
        if (s == null) {
            return fallback;
        }
        try {
            return parser.apply(field, s);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "'" + s + "' is invalid" : e.getMessage();
            problems.add(message.startsWith(field + ":") ? message : field + ": " + message);
            return fallback;
        }
    }

    /** Records a problem found by a cross-field rule (e.g. two flags that exclude each other). */
    public void problem(String field, String message) {
        problems.add(field + ": " + message);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Throws {@link StepParameterException} listing every problem found so far. */
    public void check() {
        if (!problems.isEmpty()) {
            throw new StepParameterException(verb, problems);
        }
    }

    private static void addEntries(List<String> out, String text, boolean splitCommas) {
        for (String line : text.split("\\R")) {
            for (String entry : splitCommas ? line.split(",") : new String[] {line}) {
                if (!entry.isBlank()) {
                    out.add(entry.trim());
                }
            }
        }
    }
}
