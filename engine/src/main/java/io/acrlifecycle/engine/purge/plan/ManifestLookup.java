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

    ManifestLookup NONE = digest -> Optional.empty();
}
