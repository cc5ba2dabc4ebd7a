package io.acrlifecycle.engine.purge.plan;

import io.acrlifecycle.engine.model.ManifestContent;
import java.util.Optional;

/**
 * Reads a manifest body on demand (index children, referrer subject). The planner asks only for the manifests
 * acr purge would fetch: protected indexes and untagged OCI manifests/indexes/artifacts. Empty = 404.
 */
@FunctionalInterface
public interface ManifestLookup {
    Optional<ManifestContent> content(String digest);

    /**
     * Hint: the planner will ask for these bodies next. A registry-backed lookup fetches them in parallel (acr purge
     * also reads bodies with a pool) and caches them; the default does nothing.
     */
    default void prefetch(java.util.Collection<String> digests) {
    }

    /**
     * Referrers of {@code digest} ({@code GET /v2/{repo}/referrers/{digest}}): what the registry deletes with it.
     * The default knows none; the planner adds the referrers it learnt from the bodies it read.
     */
    default java.util.List<String> referrers(String digest) {
        return java.util.List.of();
    }

    /** Hint: the planner will ask for the referrers of these manifests next (see {@link #prefetch}). */
    default void prefetchReferrers(java.util.Collection<String> digests) {
    }

    ManifestLookup NONE = digest -> Optional.empty();
}
