package io.acrlifecycle.engine.purge.plan;

/** Why a tag or manifest is not deleted. Stable names: they appear in plan and report JSON. */
public enum SpareReason {
    /** No rule's filter matches the tag. */
    NOT_MATCHED,
    /** The first matching rule is an {@code action: keep} rule. */
    KEPT_BY_RULE,
    /** An {@code exclude} filter matches (tags by name, untagged manifests by digest). */
    EXCLUDED,
    /** A {@code protect.tags} expression matches the tag name. */
    PROTECTED_TAG,
    /** A {@code protect.images} reference names this tag or this manifest's digest. */
    PROTECTED_IMAGE,
    /** deleteEnabled or writeEnabled is false and includeLocked is off. */
    LOCKED,
    /** lastUpdateTime is not before the cutoff (tags) / after the cutoff (untagged manifests). */
    NEWER_THAN_AGO,
    /** No lastUpdateTime: kept for safety. */
    NO_UPDATE_TIME,
    /** One of the {@code keep} newest eligible items; {@code detail} holds the rank. */
    KEPT_BY_KEEP,
    /** The manifest keeps at least one tag after this run. */
    STILL_TAGGED,
    /** The registry did not report a media type: never deleted (acr purge). */
    NO_MEDIA_TYPE,
    /** A referrer (signature, SBOM, ...) whose subject stays: ACR deletes it only together with its subject. */
    REFERRER_WITH_SUBJECT,
    /**
     * A referrer of this manifest must stay (locked, protected, excluded, tagged with a tag this run keeps, or not
     * in the listing), and deleting the manifest would make the registry delete it too; {@code detail} names it.
     */
    REFERRER_KEPT,
    /** A platform manifest of a tagged index. */
    CHILD_OF_TAGGED_INDEX,
    /** A platform manifest of an index newer than ago. */
    CHILD_OF_RECENT_INDEX,
    /** A platform manifest of a locked index (acr purge would delete it; we do not). */
    CHILD_OF_LOCKED_INDEX,
    /** A platform manifest of a protected or excluded index. */
    CHILD_OF_PROTECTED_INDEX,
    /** A manifest listed by an untagged index that has a subject. */
    CHILD_OF_REFERRER_INDEX,
    /** The body could not be read (404): skipped like acr purge. */
    CONTENT_NOT_FOUND
}
