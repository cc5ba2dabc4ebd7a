package io.acrlifecycle.engine.guard.schedule;

import java.util.List;

/**
 * One {@code acr purge} invocation as written in a task step, in acr purge's own vocabulary. {@code ago} is kept as
 * written (its grammar is checked by the parser); {@code keep} is 0 when absent, as in acr purge.
 * {@code unknownFlags} are flags this parser does not know (tolerated, reported); {@code startupErrors} are reasons
 * acr purge itself refuses to start (then the run deletes nothing). {@code commandLine} has passwords masked.
 */
public record AcrPurgeCommand(String executable, List<String> filters, String ago, int keep, boolean untagged,
        boolean untaggedOnly, boolean includeLocked, boolean dryRun, String registry, Integer concurrency,
        List<String> unknownFlags, List<String> startupErrors, String commandLine) {

    public AcrPurgeCommand {
        filters = List.copyOf(filters);
        unknownFlags = List.copyOf(unknownFlags);
        startupErrors = List.copyOf(startupErrors);
    }

    /** True when a run of this command can delete something: not a dry run and acr purge accepts its flags. */
    public boolean deletes() {
        return !dryRun && startupErrors.isEmpty();
    }

    /** A short description for reasons: {@code ago 30d, keep 5, untagged}. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        if (!filters.isEmpty()) {
            s.append("filter ").append(String.join(" ", filters));
        }
        if (ago != null) {
            s.append(s.length() > 0 ? ", " : "").append("ago ").append(ago);
        }
        s.append(s.length() > 0 ? ", " : "").append("keep ").append(keep);
        if (untagged) {
            s.append(", untagged");
        }
        if (untaggedOnly) {
            s.append(", untagged-only");
        }
        if (includeLocked) {
            s.append(", include-locked");
        }
        if (dryRun) {
            s.append(", dry-run");
        }
        return s.toString();
    }
}
