package io.acrlifecycle.engine.recovery;

import java.time.Instant;
import java.util.List;

/** What a recovery would do, in restore order: manifests before the indexes and referrers that need them. */
public record RecoveryPlan(Instant since, Instant now, List<String> repositories, List<RecoveryItem> items) {
    public RecoveryPlan {
        repositories = List.copyOf(repositories);
        items = List.copyOf(items);
    }
}
