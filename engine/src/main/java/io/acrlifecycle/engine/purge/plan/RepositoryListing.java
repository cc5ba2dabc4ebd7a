package io.acrlifecycle.engine.purge.plan;

import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.TagInfo;
import java.util.Objects;

/**
 * What the planner reads of one repository. Both listings are iterated at most once and may page lazily:
 * {@code tagsNewestFirst} in the service's {@code orderby=timedesc} order (acr purge's keep order);
 * {@code manifests} only when an untagged rule applies to the repository.
 */
public record RepositoryListing(String repository, Iterable<TagInfo> tagsNewestFirst, Iterable<ManifestInfo> manifests,
        ManifestLookup lookup) {

    public RepositoryListing {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tagsNewestFirst, "tagsNewestFirst");
        Objects.requireNonNull(manifests, "manifests");
        lookup = lookup == null ? ManifestLookup.NONE : lookup;
    }
}
