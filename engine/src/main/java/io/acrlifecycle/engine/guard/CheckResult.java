package io.acrlifecycle.engine.guard;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One check of a guard decision: its verdict, a reason a person understands, the earliest time the image would be
 * deleted or untagged (null when nothing is due) and supporting details (one line each).
 */
public record CheckResult(String name, Verdict verdict, String reason, Instant earliestDeletion, List<String> details) {

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        details = details == null ? List.of() : List.copyOf(details);
    }

    public static CheckResult pass(final String name, final String reason, final List<String> details) {
        return new CheckResult(name, Verdict.PASS, reason, null, details);
    }

    public static CheckResult warn(final String name, final String reason, final Instant when,
            final List<String> details) {
        return new CheckResult(name, Verdict.WARN, reason, when, details);
    }

    public static CheckResult block(final String name, final String reason, final Instant when,
            final List<String> details) {
        return new CheckResult(name, Verdict.BLOCK, reason, when, details);
    }
}
