package io.acrlifecycle.engine.purge.rules;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression written by a user, compiled once, matched with a budget.
 *
 * <p>Compile errors name the field, show the pattern and point at the error position. Matching wraps the input in a
 * {@link CharSequence} that counts {@code charAt} calls: a catastrophic expression such as {@code (a+)+$} reads the
 * input exponentially often, so it exhausts the budget in milliseconds and fails with a clear error instead of
 * hanging (Java regex has no timeout; acr purge uses a 60 s regexp2 timeout for the same reason).
 *
 * <p>POSIX classes inside brackets ({@code [[:alpha:]]}, {@code [[:^digit:]]}) are translated to Java's
 * {@code \p{Alpha}} / {@code \P{Digit}}, because acr purge's regexp2 (RE2 mode) supports them and Java would
 * otherwise read {@code [:alpha:]} as the characters {@code :alph}.
 */
public final class UserPattern {
    /** Character reads per match before giving up (~0.1 s); a sane filter needs well under 10,000 on a 128-char tag. */
    public static final long DEFAULT_BUDGET = 5_000_000L;

    private final String source;
    private final String label;
    private final Pattern pattern;
    private final long budget;
    private final String slowLabel;

    private UserPattern(String source, String label, Pattern pattern, long budget, String inputKind) {
        this.source = source;
        this.label = label;
        this.pattern = pattern;
        this.budget = budget;
        this.slowLabel = label + " took too long on " + inputKind;
    }

    /**
     * Compiles {@code regex}. {@code field} names the setting ({@code rules[0].filter[1]}), {@code label} is what
     * errors call the expression ({@code filter 'app:v1.*'}); {@code prefix}/{@code suffix} wrap it (anchoring) and
     * {@code offset} is where {@code regex} starts inside the text the user wrote, so positions point into that text.
     */
    static UserPattern compile(String field, String label, String inputKind, String shown, int offset, String regex,
            String prefix, String suffix, long budget) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw syntaxError(field, shown, offset, regex, e);
        }
        String translated = translatePosix(regex);
        try {
            return new UserPattern(regex, label, Pattern.compile(prefix + translated + suffix), budget, inputKind);
        } catch (PatternSyntaxException e) {
            throw syntaxError(field, shown, offset, regex, e);
        }
    }

    /** A standalone expression (protected tags): unanchored, like a tag filter. */
    public static UserPattern compile(String field, String regex) {
        if (regex == null || regex.isEmpty()) {
            throw new IllegalArgumentException(field + ": regular expression is empty");
        }
        return compile(field, "pattern '" + regex + "'", "tag", regex, 0, regex, "", "", DEFAULT_BUDGET);
    }

    private static IllegalArgumentException syntaxError(String field, String shown, int offset, String regex,
            PatternSyntaxException e) {
        int idx = e.getIndex() < 0 ? -1 : Math.min(e.getIndex(), regex.length()) + offset;
        StringBuilder msg = new StringBuilder(field).append(": '").append(shown).append("' is not a valid regular expression: ")
                .append(e.getDescription());
        if (idx >= 0) {
            msg.append(" at position ").append(idx).append("\n  ").append(shown).append("\n  ")
                    .append(" ".repeat(idx)).append('^');
        }
        return new IllegalArgumentException(msg.toString(), e);
    }

    /** The expression as the user wrote it. */
    public String source() {
        return source;
    }

    /** Unanchored search (how acr purge applies a tag filter: {@code hello} matches {@code ahellob}). */
    public boolean find(String input) {
        return run(input, false);
    }

    /** Whole-input match. */
    public boolean matches(String input) {
        return run(input, true);
    }

    private boolean run(String input, boolean whole) {
        Budgeted seq = new Budgeted(input, new long[] {0}, budget, slowLabel, input);
        Matcher m = pattern.matcher(seq);
        return whole ? m.matches() : m.find();
    }

    @Override
    public String toString() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserPattern u && u.pattern.pattern().equals(pattern.pattern());
    }

    @Override
    public int hashCode() {
        return Objects.hash(pattern.pattern());
    }

    static String translatePosix(String regex) {
        if (!regex.contains("[:")) {
            return regex;
        }
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                out.append(c).append(regex.charAt(++i));
                continue;
            }
            if (depth > 0 && c == '[' && i + 1 < regex.length() && regex.charAt(i + 1) == ':') {
                int end = regex.indexOf(":]", i + 2);
                if (end > 0) {
                    String name = regex.substring(i + 2, end);
                    boolean neg = name.startsWith("^");
                    String java = posixName(neg ? name.substring(1) : name);
                    if (java != null) {
                        out.append(neg ? "\\P{" : "\\p{").append(java).append('}');
                        i = end + 1;
                        continue;
                    }
                }
            }
            if (c == '[') {
                depth++;
            } else if (c == ']' && depth > 0) {
                depth--;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String posixName(String n) {
        return switch (n) {
            case "alpha" -> "Alpha";
            case "digit" -> "Digit";
            case "alnum" -> "Alnum";
            case "upper" -> "Upper";
            case "lower" -> "Lower";
            case "space" -> "Space";
            case "punct" -> "Punct";
            case "xdigit" -> "XDigit";
            case "word" -> "Alnum_";
            case "blank" -> "Blank";
            case "cntrl" -> "Cntrl";
            case "graph" -> "Graph";
            case "print" -> "Print";
            case "ascii" -> "ASCII";
            default -> null;
        };
    }

    /** Counts every character read; the count is shared with sub-sequences the matcher creates. */
    private static final class Budgeted implements CharSequence {
        private final String s;
        private final long[] reads;
        private final long budget;
        private final String label;
        private final String input;

        Budgeted(String s, long[] reads, long budget, String label, String input) {
            this.s = s;
            this.reads = reads;
            this.budget = budget;
            this.label = label;
            this.input = input;
        }

        @Override
        public char charAt(int index) {
            if (++reads[0] > budget) {
                String shown = input.length() > 60 ? input.substring(0, 57) + "..." : input;
                throw new RegexTooSlowException(label + " '" + shown + "' (more than " + budget
                        + " steps): the expression backtracks catastrophically (nested quantifiers such as (a+)+);"
                        + " simplify it");
            }
            if ((reads[0] & 0xFFFF) == 0 && Thread.currentThread().isInterrupted()) {
                throw new RegexTooSlowException(label + " '" + input + "' (interrupted)");
            }
            return s.charAt(index);
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(s.substring(start, end), reads, budget, label, input);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
