package io.acrlifecycle.engine.restore;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One manifest to bring back, with the tags it should get. "Undo a purge" builds these from its journal.
 *
 * @param repository    repository name
 * @param digest        manifest digest ({@code sha256:<64 hex>})
 * @param tags          tags to restore onto it (may be empty: an untagged manifest, e.g. an index child)
 * @param subjectDigest the manifest this one refers to (a signature's image), restored first; null if none
 * @param childDigests  the children of an index, restored first; empty if none
 * @param deletedAt     when it was deleted, if the caller knows (lets an item that is gone be reported EXPIRED
 *                      instead of NOT_FOUND); null if unknown
 */
public record RestoreTarget(String repository, String digest, List<String> tags, String subjectDigest,
        List<String> childDigests, Instant deletedAt) {

    public RestoreTarget {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        tags = tags == null ? List.of() : List.copyOf(tags);
        childDigests = childDigests == null ? List.of() : List.copyOf(childDigests);
    }

    public RestoreTarget(String repository, String digest, List<String> tags, String subjectDigest,
            List<String> childDigests) {
        this(repository, digest, tags, subjectDigest, childDigests, null);
    }

    public static RestoreTarget of(String repository, String digest, String... tags) {
        return new RestoreTarget(repository, digest, List.of(tags), null, List.of(), null);
    }
}
