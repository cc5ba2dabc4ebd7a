package io.acrlifecycle.engine.recovery;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One manifest in a recovery plan: a soft-deleted manifest to bring back (with the tags it had), or a live manifest
 * that lost tags (a direct tag delete) and gets them back.
 *
 * @param repository   repository name
 * @param digest       manifest digest
 * @param mediaType    media type from the soft-deleted listing, null if unknown or live
 * @param size         bytes the manifest holds, -1 if unknown (0 for a live manifest: nothing comes back)
 * @param deletedAt    when the manifest was deleted; null when it is live (only tags come back)
 * @param expiresAt    when ACR purges it for good (deletedAt + the current retention days); null if unknown
 * @param live         the manifest is live now
 * @param gone         a tag record names this manifest, but it is neither live nor soft-deleted (purged)
 * @param tags         the tags to give back, each with where it points now if elsewhere
 */
public record RecoveryItem(String repository, String digest, String mediaType, long size, Instant deletedAt,
        Instant expiresAt, boolean live, boolean gone, List<TagStep> tags) {

    public RecoveryItem {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        tags = List.copyOf(tags);
    }

    /**
     * A tag to give back.
     *
     * @param tag        tag name
     * @param deletedAt  when the tag record was deleted
     * @param liveDigest the manifest the tag points at now, when that is another one (a CONFLICT without force);
     *                   null when the tag is free
     */
    public record TagStep(String tag, Instant deletedAt, String liveDigest) {
        public boolean conflicts() {
            return liveDigest != null;
        }
    }

    /** Past its expiry: ACR has purged it, or will before a restore call lands. */
    public boolean expired(Instant now) {
        return !live && expiresAt != null && !expiresAt.isAfter(now);
    }

    public String key() {
        return repository + "@" + digest;
    }
}
