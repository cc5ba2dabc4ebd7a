package io.acrlifecycle.engine.summary;

import io.acrlifecycle.engine.model.ImageRef;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one door CI front ends (the Jenkins steps and build steps) use: raw parameters in, validated, run by the
 * engine, flattened into a {@link BuildSummary}. Front ends hold no ACR logic, so everything a step decides is
 * here and tested without Jenkins.
 */
public final class Verbs {
    static final Set<String> ON_OFF = Set.of("enabled", "disabled");
    static final Set<String> GUARD_MODES = Set.of("block", "warn");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    private Verbs() {
    }

    /** Checks every parameter of one call and throws {@link StepParameterException} naming each bad field. */
    public static StepParameters validate(Verb verb, Map<String, ?> raw) {
        StepParameters p = new StepParameters(verb.stepName(), raw);
        p.required("registry");
        endpoint(p);
        switch (verb) {
            case SOFT_DELETE_ENSURE -> {
                p.choice("status", ON_OFF, null);
                p.integer("retentionDays", 1, 90, null);
                p.choice("retentionPolicyStatus", ON_OFF, null);
                p.integer("retentionPolicyDays", 0, 365, null);
            }
            case PURGE -> {
                if (p.lines("filter").isEmpty() && p.text("rulesFile") == null) {
                    p.problem("filter", "missing; give at least one 'repository-regex:tag-regex' or a rulesFile");
                }
                p.integer("keep", 0, Integer.MAX_VALUE, 0);
                p.integer("maxDeletes", 0, Integer.MAX_VALUE, null);
                p.integer("concurrency", 1, 32, null);
                for (String flag : new String[] {"untagged", "untaggedOnly", "includeLocked", "dryRun",
                    "requireSoftDelete", "allowPermanentDelete"}) {
                    p.flag(flag);
                }
                p.list("protectImages").forEach(ref -> p.parsed("protectImages", (f, t) -> ImageRef.parse(ref), null));
            }
            case RESTORE -> {
                if (p.text("journal") == null) {
                    p.required("repository");
                    if (p.text("digest") == null && p.text("tag") == null) {
                        p.problem("digest", "missing; give the digest to restore, or a tag it held, or a journal");
                    }
                }
                digest(p, "digest");
                p.flag("force");
            }
            case GUARD -> {
                if (p.required("image") != null) {
                    p.parsed("image", (f, t) -> ImageRef.parse(t), null);
                }
                digest(p, "expectedDigest");
                p.choice("mode", GUARD_MODES, "block");
                p.flag("lock");
            }
            default -> throw new IllegalStateException("unknown verb " + verb);
        }
        p.check();
        return p;
    }

    /**
     * Form validation of one field on its own: the problem with {@code value}, or empty when it is acceptable.
     * Fields that only make sense together (e.g. filter and rulesFile) are left to {@link #validate}.
     */
    public static Optional<String> checkField(String field, String value) {
        StepParameters p = new StepParameters("form", Map.of(field, value == null ? "" : value));
        switch (field) {
            case "status", "retentionPolicyStatus" -> p.choice(field, ON_OFF, null);
            case "retentionDays" -> p.integer(field, 1, 90, null);
            case "retentionPolicyDays" -> p.integer(field, 0, 365, null);
            case "keep", "maxDeletes" -> p.integer(field, 0, Integer.MAX_VALUE, null);
            case "concurrency" -> p.integer(field, 1, 32, null);
            case "digest", "expectedDigest" -> digest(p, field);
            case "image" -> p.parsed(field, (f, t) -> ImageRef.parse(t), null);
            case "mode" -> p.choice(field, GUARD_MODES, null);
            case "endpoint" -> endpoint(p);
            case "protectImages" -> p.list(field).forEach(ref -> p.parsed(field, (f, t) -> ImageRef.parse(ref), null));
            default -> {
                // free text, checked in context by validate()
            }
        }
        return p.problems().stream().findFirst();
    }

    private static void endpoint(StepParameters p) {
        String e = p.text("endpoint");
        if (e != null && !e.matches("https://[^/\\s]+/?")) {
            p.problem("endpoint", "'" + e + "' is not an https URL of a host; accepted: https://host[:port]");
        }
    }

    private static void digest(StepParameters p, String field) {
        String d = p.text(field);
        if (d != null && !DIGEST.matcher(d).matches()) {
            p.problem(field, "'" + d + "' is not a digest; accepted: sha256:<64 lowercase hex>");
        }
    }
}
