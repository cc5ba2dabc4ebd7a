package io.acrlifecycle.engine.purge.result;

import io.acrlifecycle.engine.purge.plan.Spared;
import java.util.List;

/**
 * The outcome for one repository: tags untagged, manifests deleted (digest, tags, bytes), what was spared and why,
 * what was skipped as locked or because a tag could not be removed, errors, and what was not attempted.
 */
public record RepositoryReport(String repository, List<ItemResult> untagged, List<ItemResult> deleted,
        List<Spared> spared, List<ItemResult> skipped, List<ItemResult> errors, List<ItemResult> notAttempted) {

    public RepositoryReport {
        untagged = List.copyOf(untagged);
        deleted = List.copyOf(deleted);
        spared = List.copyOf(spared);
        skipped = List.copyOf(skipped);
        errors = List.copyOf(errors);
        notAttempted = List.copyOf(notAttempted);
    }
}
