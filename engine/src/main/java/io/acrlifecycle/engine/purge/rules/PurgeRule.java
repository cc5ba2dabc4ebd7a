package io.acrlifecycle.engine.purge.rules;

import java.util.List;
import java.util.Objects;

/**
 * One rule of an ordered rule list (like an ECR lifecycle policy rule). For each tag the first rule whose filter
 * matches decides. A {@link Action#KEEP} rule spares what it matches; a {@link Action#PURGE} rule untags what is
 * older than {@code ago} beyond the {@code keep} newest eligible tags. For untagged manifests of a repository, the
 * first rule matching the repository with {@code untagged} or {@code untaggedOnly} decides.
 *
 * @param filters      repository:tag filters; empty only for an untaggedOnly rule (then every repository)
 * @param ago          age cutoff; {@link Ago#ZERO} when not given (untaggedOnly) or for KEEP rules
 * @param untagged     also delete untagged manifests (after the tags), acr purge {@code --untagged}
 * @param untaggedOnly delete only untagged manifests, no tags (acr purge {@code --untagged-only})
 */
public record PurgeRule(String name, List<Filter> filters, Action action, Ago ago, int keep, boolean untagged,
        boolean untaggedOnly) {

    public enum Action {
        PURGE, KEEP
    }

    public PurgeRule {
        Objects.requireNonNull(name, "name");
        filters = List.copyOf(filters);
        Objects.requireNonNull(action, "action");
        ago = ago == null ? Ago.ZERO : ago;
        if (keep < 0) {
            throw new IllegalArgumentException(name + ": keep must be >= 0, got " + keep);
        }
        if (untagged && untaggedOnly) {
            throw new IllegalArgumentException(name + ": untagged and untaggedOnly are mutually exclusive");
        }
    }

    /** True when some filter's repository part matches (an untaggedOnly rule without filters matches all). */
    public boolean appliesToRepository(String repository) {
        if (filters.isEmpty()) {
            return untaggedOnly;
        }
        for (Filter f : filters) {
            if (f.matchesRepository(repository)) {
                return true;
            }
        }
        return false;
    }

    /** Takes part in the tag pass (untaggedOnly rules ignore the tag half of their filters, like acr purge). */
    public boolean decidesTags() {
        return !untaggedOnly;
    }

    /** Runs the untagged-manifest pass for the repositories it matches. */
    public boolean decidesUntagged() {
        return action == Action.PURGE && (untagged || untaggedOnly);
    }
}
