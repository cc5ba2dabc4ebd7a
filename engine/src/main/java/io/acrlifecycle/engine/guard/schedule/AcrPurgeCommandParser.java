package io.acrlifecycle.engine.guard.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code acr purge} command lines as they appear in task YAML: {@code acr purge ...} (the task alias),
 * {@code mcr.microsoft.com/acr/acr-cli:0.x purge ...}, folded over several lines, with {@code --flag value},
 * {@code --flag=value}, {@code -f value}, {@code -fvalue} and single- or double-quoted values.
 */
public final class AcrPurgeCommandParser {

    private static final Pattern ACR_CLI_IMAGE = Pattern.compile(
            "(?:[A-Za-z0-9.{}\\-_:]+/)*acr-cli(?::[A-Za-z0-9_.\\-]+)?(?:@sha256:[0-9a-f]{64})?");
    // The ago grammar of acr purge: [int]d followed by a Go duration, or a Go duration alone (30d, 1d12h, 90m, 1.5h).
    private static final Pattern AGO = Pattern.compile(
            "-?(?:\\d+d(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h))*|(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h))+)");
    private static final Map<String, String> SHORT = Map.of("f", "filter", "r", "registry", "u", "username",
            "p", "password", "c", "config", "h", "help");
    private static final Set<String> VALUED = Set.of("filter", "ago", "keep", "concurrency", "registry",
            "username", "password", "config", "repository-page-size", "filter-timeout-seconds");
    private static final Set<String> BOOLEAN = Set.of("untagged", "untagged-only", "dry-run", "include-locked",
            "verbose", "help");

    private AcrPurgeCommandParser() {
    }

    /** True when the line runs {@code acr purge} (in any accepted form), without validating the flags. */
    public static boolean isPurge(final String commandLine) {
        try {
            return isPurge(ShellWords.split(commandLine));
        } catch (IllegalArgumentException e) {
            return commandLine.matches("(?s)\\s*(acr|\\S*acr-cli\\S*)\\s+purge\\b.*");
        }
    }

    /**
     * Parses a step command. Empty when the step does not run {@code acr purge}; an {@link IllegalArgumentException}
     * naming the flag and the accepted form when it does but cannot be read.
     */
    public static Optional<AcrPurgeCommand> parse(final String commandLine) {
        if (commandLine == null || commandLine.isBlank()) {
            return Optional.empty();
        }
        List<String> words = ShellWords.split(commandLine);
        if (!isPurge(words)) {
            return Optional.empty();
        }
        return Optional.of(new Builder(words).build());
    }

    private static boolean isPurge(final List<String> words) {
        return words.size() >= 2 && words.get(1).equals("purge")
                && (words.get(0).equals("acr") || ACR_CLI_IMAGE.matcher(words.get(0)).matches());
    }

    /** Accumulates flags in order; acr purge (cobra/pflag) lets a later single-valued flag win. */
    private static final class Builder {
        private final List<String> words;
        private final List<String> shown = new ArrayList<>();
        private final List<String> filters = new ArrayList<>();
        private final List<String> unknown = new ArrayList<>();
        private final List<String> errors = new ArrayList<>();
        private String ago;
        private int keep;
        private boolean untagged;
        private boolean untaggedOnly;
        private boolean includeLocked;
        private boolean dryRun;
        private boolean help;
        private String registry;
        private Integer concurrency;

        Builder(final List<String> words) {
            this.words = words;
        }

        AcrPurgeCommand build() {
            shown.add(words.get(0));
            shown.add(words.get(1));
            int i = 2;
            boolean flagsEnded = false;
            while (i < words.size()) {
                String w = words.get(i);
                if (flagsEnded || !w.startsWith("-") || w.equals("-")) {
                    unknown.add("argument '" + w + "'");
                    shown.add(quote(w));
                    i++;
                } else if (w.equals("--")) {
                    flagsEnded = true;
                    shown.add(w);
                    i++;
                } else {
                    i = flag(i);
                }
            }
            checkStartup();
            return new AcrPurgeCommand(words.get(0), filters, ago, keep, untagged, untaggedOnly, includeLocked,
                    dryRun, registry, concurrency, unknown, errors, String.join(" ", shown));
        }

        private int flag(final int index) {
            String w = words.get(index);
            String name;
            String inline = null;
            if (w.startsWith("--")) {
                int eq = w.indexOf('=');
                name = eq < 0 ? w.substring(2) : w.substring(2, eq);
                inline = eq < 0 ? null : w.substring(eq + 1);
            } else {
                String letter = w.substring(1, 2);
                name = SHORT.getOrDefault(letter, "-" + letter);
                if (w.length() > 2) {
                    inline = w.charAt(2) == '=' ? w.substring(3) : w.substring(2);
                }
            }
            if (VALUED.contains(name)) {
                String value = inline;
                int next = index + 1;
                if (value == null) {
                    if (next >= words.size()) {
                        throw new IllegalArgumentException("acr purge: " + w + " needs a value, e.g. "
                                + example(name));
                    }
                    value = words.get(next);
                    next++;
                }
                apply(name, value);
                shown.add("--" + name + " " + (name.equals("password") ? "***" : quote(value)));
                return next;
            }
            if (BOOLEAN.contains(name)) {
                boolean value = inline == null || parseBool(name, inline);
                applyBoolean(name, value);
                shown.add(w);
                return index + 1;
            }
            // Tolerated: a value-looking next word is taken as the unknown flag's value, so it is not an argument.
            // Values of unknown flags are masked: they might be credentials.
            String flagName = w.startsWith("--") ? "--" + name : "-" + w.charAt(1);
            unknown.add(flagName);
            int next = index + 1;
            if (inline == null && next < words.size() && !words.get(next).startsWith("-")) {
                next++;
                shown.add(flagName + " ***");
            } else {
                shown.add(inline == null ? flagName : flagName + "=***");
            }
            return next;
        }

        private void apply(final String name, final String value) {
            switch (name) {
                case "filter" -> filters.add(value);
                case "ago" -> ago = checkAgo(value);
                case "keep" -> keep = count("keep", value, 0);
                case "concurrency" -> concurrency = count("concurrency", value, Integer.MIN_VALUE);
                case "registry" -> registry = value;
                case "repository-page-size", "filter-timeout-seconds" -> count(name, value, 1);
                default -> {
                    // username, password and config only matter to acr purge's login
                }
            }
        }

        private void applyBoolean(final String name, final boolean value) {
            switch (name) {
                case "untagged" -> untagged = value;
                case "untagged-only" -> untaggedOnly = value;
                case "dry-run" -> dryRun = value;
                case "include-locked" -> includeLocked = value;
                case "help" -> help = value;
                default -> {
                    // verbose changes only the output
                }
            }
        }

        // The same start-up checks acr purge makes (cmd/acr/purge.go): such a run fails and deletes nothing.
        private void checkStartup() {
            if (untagged && untaggedOnly) {
                errors.add("--untagged and --untagged-only are mutually exclusive");
            }
            if (filters.isEmpty() && !untaggedOnly) {
                errors.add("--filter is required unless --untagged-only is given");
            }
            if (ago == null && !untaggedOnly) {
                errors.add("--ago is required unless --untagged-only is given");
            }
            if (help) {
                errors.add("--help prints the usage and exits");
            }
            for (String f : filters) {
                if (!untaggedOnly && (f.indexOf(':') <= 0 || f.endsWith(":"))) {
                    errors.add("filter '" + f + "' is not <repository regex>:<tag regex>");
                }
            }
        }

        private static String checkAgo(final String value) {
            if (!AGO.matcher(value).matches()) {
                throw new IllegalArgumentException("acr purge: --ago '" + value
                        + "' is not a duration; accepted: 30d, 1d12h, 90m, 1.5h, 0d");
            }
            return value;
        }

        private static int count(final String name, final String value, final int min) {
            try {
                int n = Integer.parseInt(value);
                if (n < min) {
                    throw new NumberFormatException(value);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("acr purge: --" + name + " '" + value + "' is not "
                        + (min >= 0 ? "a whole number of at least " + min : "a whole number") + ", e.g. "
                        + example(name), e);
            }
        }

        private static boolean parseBool(final String name, final String value) {
            return switch (value) {
                case "1", "t", "T", "true", "TRUE", "True" -> true;
                case "0", "f", "F", "false", "FALSE", "False" -> false;
                default -> throw new IllegalArgumentException("acr purge: --" + name + "=" + value
                        + " is not a boolean; accepted: --" + name + ", --" + name + "=true, --" + name + "=false");
            };
        }

        private static String example(final String name) {
            return switch (name) {
                case "filter" -> "--filter 'app:.*'";
                case "ago" -> "--ago 30d";
                case "keep" -> "--keep 5";
                default -> "--" + name.toLowerCase(Locale.ROOT) + " <value>";
            };
        }

        private static String quote(final String value) {
            return value.matches("[A-Za-z0-9_./:{}\\-=@]+") ? value : "'" + value.replace("'", "'\\''") + "'";
        }
    }
}
