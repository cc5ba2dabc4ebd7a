package io.acrlifecycle.engine.purge.rules;

import java.util.List;

/**
 * The selection flags of one {@code acr purge} invocation, as the guard reads them from a scheduled ACR Task
 * ({@code --filter} repeated, {@code --ago}, {@code --keep}, {@code --untagged}, {@code --untagged-only},
 * {@code --include-locked}). {@code ago} and {@code filters} may be null/empty where acr purge allows it.
 */
public record AcrPurgeArgs(List<String> filters, String ago, int keep, boolean untagged, boolean untaggedOnly,
        boolean includeLocked) {

    public AcrPurgeArgs {
        filters = filters == null ? List.of() : List.copyOf(filters);
    }
}
