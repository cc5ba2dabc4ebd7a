package io.acrlifecycle.engine.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code acrRestore} should bring back: manifests by digest (with their tags) and tags by name (the newest
 * soft-deleted manifest that held the tag, by deletedAt). Validated on construction, before any call.
 *
 * @param targets by-digest items (also what "undo a purge" passes)
 * @param byTag   by-tag items
 * @param force   move a live tag onto the restored manifest (the replaced tag is soft-deleted by ACR); without it a
 *                live tag is never moved and the item reports CONFLICT
 * @param dryRun  report what would happen, change nothing
 */
public record RestoreRequest(List<RestoreTarget> targets, List<TagRef> byTag, boolean force, boolean dryRun) {
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    /** A tag to restore: the newest soft-deleted manifest that held it gets it back. */
    public record TagRef(String repository, String tag) {
    }

    public RestoreRequest {
        targets = targets == null ? List.of() : List.copyOf(targets);
        byTag = byTag == null ? List.of() : List.copyOf(byTag);
        if (targets.isEmpty() && byTag.isEmpty()) {
            throw new IllegalArgumentException("restore: nothing to restore; give at least one digest or tag");
        }
        for (int i = 0; i < targets.size(); i++) {
            RestoreTarget t = targets.get(i);
            String at = "targets[" + i + "]";
            repo(at + ".repository", t.repository());
            digest(at + ".digest", t.digest());
            t.tags().forEach(tag -> checkTag(at + ".tags", tag));
            if (t.subjectDigest() != null) {
                digest(at + ".subjectDigest", t.subjectDigest());
            }
            t.childDigests().forEach(d -> digest(at + ".childDigests", d));
        }
        for (int i = 0; i < byTag.size(); i++) {
            repo("tags[" + i + "].repository", byTag.get(i).repository());
            checkTag("tags[" + i + "].tag", byTag.get(i).tag());
        }
    }

    public static RestoreRequest digest(String repository, String digest, String tag) {
        return new RestoreRequest(List.of(tag == null ? RestoreTarget.of(repository, digest)
                : RestoreTarget.of(repository, digest, tag)), List.of(), false, false);
    }

    public static RestoreRequest tag(String repository, String tag) {
        return new RestoreRequest(List.of(), List.of(new TagRef(repository, tag)), false, false);
    }

    /** Undo a purge: the purge journal's manifests with their former tags and relations. */
    public static RestoreRequest undo(List<RestoreTarget> targets) {
        return new RestoreRequest(targets, List.of(), false, false);
    }

    /**
     * A batch from text references: {@code repo@sha256:...}, {@code repo:tag@sha256:...} (by digest, with a tag)
     * or {@code repo:tag} (by tag).
     */
    public static RestoreRequest batch(List<String> references) {
        List<RestoreTarget> targets = new ArrayList<>();
        List<TagRef> tags = new ArrayList<>();
        for (String ref : references) {
            io.acrlifecycle.engine.model.ImageRef r = io.acrlifecycle.engine.model.ImageRef.parse(ref);
            if (r.digest() != null) {
                targets.add(r.tag() == null ? RestoreTarget.of(r.repository(), r.digest())
                        : RestoreTarget.of(r.repository(), r.digest(), r.tag()));
            } else {
                tags.add(new TagRef(r.repository(), r.tag()));
            }
        }
        return new RestoreRequest(targets, tags, false, false);
    }

    public RestoreRequest withForce(boolean force) {
        return new RestoreRequest(targets, byTag, force, dryRun);
    }

    public RestoreRequest withDryRun(boolean dryRun) {
        return new RestoreRequest(targets, byTag, force, dryRun);
    }

    private static void repo(String field, String v) {
        io.acrlifecycle.engine.model.ImageRef.checkRepository(field, v);
    }

    private static void digest(String field, String v) {
        if (v == null || !DIGEST.matcher(v).matches()) {
            throw new IllegalArgumentException(field + ": '" + v + "' is not a digest; accepted: sha256:<64 "
                    + "lowercase hex>");
        }
    }

    private static void checkTag(String field, String v) {
        if (v == null || !TAG.matcher(v).matches()) {
            throw new IllegalArgumentException(field + ": '" + v + "' is not a tag; accepted: "
                    + "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
        }
    }
}
