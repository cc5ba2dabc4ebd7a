package io.acrlifecycle.engine.purge.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one rules format (docs/rules.md): an ordered rule list, exclusions and protections. Immutable and validated;
 * every error names its field path ({@code rules[1].ago: '30x' is not a duration; accepted: ...}).
 *
 * @param includeLocked unlock and delete locked tags/manifests (acr purge {@code --include-locked})
 * @param source        where the rules came from (file name or {@code acr purge flags}), for reports
 */
public record PurgeRules(int version, List<PurgeRule> rules, List<Filter> exclude, List<UserPattern> protectedTags,
        List<ProtectedImage> protectedImages, boolean includeLocked, String source) {

    public PurgeRules {
        rules = List.copyOf(rules);
        exclude = List.copyOf(exclude);
        protectedTags = List.copyOf(protectedTags);
        protectedImages = List.copyOf(protectedImages);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("rules: at least one rule is required");
        }
    }

    /** Reads a YAML or JSON rules file; {@code protect.imagesFile} is resolved against the file's directory. */
    public static PurgeRules load(Path file) {
        String text = TextFiles.read(file, "rulesFile", "a YAML or JSON rules file in UTF-8 (docs/rules.md)");
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, dir, file.getFileName().toString());
    }

    /** Parses rules text (YAML or JSON); {@code baseDir} resolves relative {@code imagesFile} paths. */
    public static PurgeRules parse(String text, Path baseDir, String sourceName) {
        return new RulesParser(sourceName, baseDir).parse(text);
    }

    /**
     * Rules equivalent to one {@code acr purge} invocation: one PURGE rule named {@code acr-purge} whose repository
     * anchoring reproduces acr purge ({@code ^} + repo + {@code $}). Validation follows acr purge (filter required
     * unless untaggedOnly, ago required unless untaggedOnly, untagged/untaggedOnly exclusive) but refuses the values
     * acr purge silently accepts ({@code --ago 30x}); a negative ago is accepted as acr purge does.
     */
    public static PurgeRules fromAcrPurgeArgs(List<String> filters, String ago, int keep, boolean untagged,
            boolean untaggedOnly, boolean includeLocked) {
        List<String> problems = new ArrayList<>();
        List<String> fs = filters == null ? List.of() : filters;
        if (untagged && untaggedOnly) {
            problems.add("--untagged and --untagged-only are mutually exclusive; accepted: one of them (--untagged-only "
                    + "already deletes untagged manifests)");
        }
        if (!untaggedOnly && fs.isEmpty()) {
            problems.add("--filter is required when not using --untagged-only; accepted: " + Filter.ACCEPTED);
        }
        if (!untaggedOnly && (ago == null || ago.isBlank())) {
            problems.add("--ago is required when not using --untagged-only; accepted: " + Ago.ACCEPTED);
        }
        if (keep < 0) {
            problems.add("--keep: " + keep + " is negative; accepted: an integer >= 0");
        }
        List<Filter> parsed = new ArrayList<>();
        for (int i = 0; i < fs.size(); i++) {
            try {
                parsed.add(Filter.parse("--filter[" + i + "]", fs.get(i), Filter.RepoAnchoring.ACR_PURGE));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        Ago parsedAgo = Ago.ZERO;
        if (ago != null && !ago.isBlank()) {
            try {
                parsedAgo = Ago.parseSigned("--ago", ago);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new RulesException("acr purge flags", problems);
        }
        PurgeRule rule = new PurgeRule("acr-purge", parsed, PurgeRule.Action.PURGE, parsedAgo, keep, untagged,
                untaggedOnly);
        return new PurgeRules(1, List.of(rule), List.of(), List.of(), List.of(), includeLocked, "acr purge flags");
    }

    public static PurgeRules fromAcrPurgeArgs(AcrPurgeArgs args) {
        return fromAcrPurgeArgs(args.filters(), args.ago(), args.keep(), args.untagged(), args.untaggedOnly(),
                args.includeLocked());
    }

    /** True when some rule may act on this repository (the service lists only these). */
    public boolean selectsRepository(String repository) {
        for (PurgeRule r : rules) {
            if (r.action() == PurgeRule.Action.PURGE && r.appliesToRepository(repository)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds exclusions and protections given outside the file (CLI flags, plugin fields); same syntax and
     * validation as the file. {@code imagesFile} may be null.
     */
    public PurgeRules withExtras(List<String> extraExclude, List<String> extraProtectedTags,
            List<String> extraProtectedImages, Path imagesFile) {
        List<String> problems = new ArrayList<>();
        List<Filter> ex = new ArrayList<>(exclude);
        List<UserPattern> tags = new ArrayList<>(protectedTags);
        List<ProtectedImage> images = new ArrayList<>(protectedImages);
        RulesParser.addExtras(problems, nn(extraExclude), nn(extraProtectedTags), nn(extraProtectedImages),
                imagesFile, ex, tags, images);
        if (!problems.isEmpty()) {
            throw new RulesException(source, problems);
        }
        return new PurgeRules(version, rules, ex, tags, images, includeLocked, source);
    }

    public PurgeRules withIncludeLocked(boolean value) {
        return new PurgeRules(version, rules, exclude, protectedTags, protectedImages, value, source);
    }

    private static List<String> nn(List<String> l) {
        return l == null ? List.of() : l;
    }

    @Override
    public String toString() {
        return Objects.toString(source, "rules") + " (" + rules.size() + " rules)";
    }
}
