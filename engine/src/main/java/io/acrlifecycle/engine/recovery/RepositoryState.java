package io.acrlifecycle.engine.recovery;

import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.DeletedTag;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the planner reads of one repository: its soft-deleted manifests and tag records, its live tags and digests. */
public record RepositoryState(String repository, List<DeletedManifest> deletedManifests, List<DeletedTag> deletedTags,
        Map<String, String> liveTags, Set<String> liveDigests) {
    public RepositoryState {
        deletedManifests = List.copyOf(deletedManifests);
        deletedTags = List.copyOf(deletedTags);
        liveTags = Map.copyOf(liveTags);
        liveDigests = Set.copyOf(liveDigests);
    }
}
