package io.acrlifecycle.emulator.service;

import io.acrlifecycle.emulator.store.DeletedManifestRec;
import io.acrlifecycle.emulator.store.DeletedTagRec;
import io.acrlifecycle.emulator.store.ManifestRec;
import io.acrlifecycle.emulator.store.RegistryStore;
import io.acrlifecycle.emulator.store.Repo;
import io.acrlifecycle.emulator.store.TagRec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The state changes behind every delete, shared by the API, soft-delete restore and retention: with soft delete
 * on, removed tags and manifests become soft-deleted records; without it they are gone.
 */
public final class Removals {
    private final Env env;

    public Removals(Env env) {
        this.env = env;
    }

    private RegistryStore store() {
        return env.store();
    }

    /** The manifest and, recursively, its referrers (deleting a subject deletes its referrer graph). */
    public List<ManifestRec> withReferrers(Repo repo, ManifestRec root) {
        Set<ManifestRec> out = new LinkedHashSet<>();
        List<ManifestRec> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            ManifestRec m = todo.remove(todo.size() - 1);
            if (out.add(m)) {
                todo.addAll(repo.referrers(m.digest));
            }
        }
        return new ArrayList<>(out);
    }

    /** Removes a manifest and its tags; soft-deleted when {@code soft}. Returns the tags removed. */
    public List<String> deleteManifest(Repo repo, ManifestRec m, Instant now, boolean soft) {
        List<String> tags = new ArrayList<>(m.tags);
        for (String t : tags) {
            TagRec tag = repo.removeTag(t);
            if (soft && tag != null) {
                recordDeletedTag(repo, t, m.digest, tag.created(), now);
            }
        }
        m.tags.clear();
        repo.removeManifest(m.digest);
        if (soft) {
            DeletedManifestRec d = new DeletedManifestRec(repo.name, m, now, store().nextSeq());
            repo.deletedManifests.put(m.digest, d);
            store().addSoftDeleted(d);
        } else {
            store().addStorage(-m.imageSize);
        }
        repo.updated = now;
        store().markDirty(repo.name);
        return tags;
    }

    /** Removes a tag from its manifest; the manifest may go untagged (and then waits for retention). */
    public void untag(Repo repo, TagRec tag, Instant now, boolean soft) {
        repo.removeTag(tag.name());
        if (soft) {
            recordDeletedTag(repo, tag.name(), tag.digest(), tag.created(), now);
        }
        ManifestRec m = repo.manifest(tag.digest());
        if (m != null) {
            m.tags.remove(tag.name());
            markUntaggedIfBare(repo, m, now);
        }
        repo.updated = now;
        store().markDirty(repo.name);
    }

    public void markUntaggedIfBare(Repo repo, ManifestRec m, Instant now) {
        if (m.tags.isEmpty() && m.untaggedAt == null) {
            m.untaggedAt = now;
            store().addRetention(new RegistryStore.RetentionEntry(now, repo.name, m.digest, store().nextSeq()));
        }
    }

    public void recordDeletedTag(Repo repo, String tag, String digest, Instant created, Instant now) {
        DeletedTagRec d = new DeletedTagRec(repo.name, tag, digest, created, now, store().nextSeq());
        repo.deletedTags.add(d);
        store().addSoftDeleted(d);
    }

    /** Drops a repository that holds nothing any more, live or soft-deleted. */
    public void dropIfEmpty(Repo repo) {
        if (!repo.live() && repo.deletedManifests.isEmpty() && repo.deletedTags.isEmpty()) {
            store().removeRepo(repo.name);
            store().markDirty(repo.name);
        }
    }
}
