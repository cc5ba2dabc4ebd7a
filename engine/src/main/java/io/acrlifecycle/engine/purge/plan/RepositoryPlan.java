package io.acrlifecycle.engine.purge.plan;

import java.util.List;

/**
 * The plan for one repository: tags to untag (listing order), then manifests to delete (indexes first, then by
 * digest), and everything spared. {@code untaggedRule} is the rule that ran the untagged pass, or null.
 */
public record RepositoryPlan(String repository, List<TagAction> untag, List<ManifestAction> delete,
        List<Spared> spared, String untaggedRule) {

    public RepositoryPlan {
        untag = List.copyOf(untag);
        delete = List.copyOf(delete);
        spared = List.copyOf(spared);
    }

    public long bytes() {
        long b = 0;
        for (ManifestAction m : delete) {
            b += m.bytesWithCascade();
        }
        return b;
    }
}
