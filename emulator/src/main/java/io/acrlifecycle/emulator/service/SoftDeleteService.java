package io.acrlifecycle.emulator.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.emulator.base.AcrErrors;
import io.acrlifecycle.emulator.base.Json;
import io.acrlifecycle.emulator.base.Times;
import io.acrlifecycle.emulator.store.Attrs;
import io.acrlifecycle.emulator.store.DeletedManifestRec;
import io.acrlifecycle.emulator.store.DeletedTagRec;
import io.acrlifecycle.emulator.store.ManifestRec;
import io.acrlifecycle.emulator.store.Page;
import io.acrlifecycle.emulator.store.RegistryStore;
import io.acrlifecycle.emulator.store.Repo;
import io.acrlifecycle.emulator.store.TagRec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The /acr/v1/_deleted API (list and restore) and auto-purge of soft-deleted items. */
public final class SoftDeleteService {
    private static final Comparator<DeletedTagRec> TAG_ORDER = Comparator.comparing(DeletedTagRec::tag)
            .thenComparing(DeletedTagRec::deletedAt).thenComparingLong(DeletedTagRec::seq);
    private final Env env;
    private final Removals removals;

    public SoftDeleteService(Env env, Removals removals) {
        this.env = env;
        this.removals = removals;
    }

    private RegistryStore store() {
        return env.store();
    }

    /** Repositories holding soft-deleted manifests. */
    public Listing catalog(ListParams p) {
        return store().locked(() -> {
            var tail = store().reposAfter(p.last());
            Page<Repo> page = Repo.take(tail.iterator(), p.n(), r -> !r.deletedManifests.isEmpty());
            ObjectNode body = Json.object();
            ArrayNode items = body.putArray("repositories");
            for (Repo r : page.items()) {
                Instant deletedAt = r.deletedAt;
                if (deletedAt == null) {
                    deletedAt = r.deletedManifests.values().stream().map(DeletedManifestRec::deletedAt)
                            .max(Comparator.naturalOrder()).orElse(null);
                }
                items.addObject().put("repository", r.name).put("createdAt", Times.format(r.created))
                        .put("deletedAt", Times.format(deletedAt));
            }
            return new Listing(body, page.more() ? page.items().get(page.items().size() - 1).name : null);
        });
    }

    public Listing manifests(String repoName, ListParams p) {
        return store().locked(() -> {
            Repo r = repo(repoName);
            var tail = p.last() == null ? r.deletedManifests : r.deletedManifests.tailMap(p.last(), false);
            Page<DeletedManifestRec> page = Repo.take(tail.values().iterator(), p.n(), d -> true);
            ObjectNode body = Views.wrapper(env.loginServer(), repoName);
            ArrayNode items = body.putArray("manifests");
            for (DeletedManifestRec d : page.items()) {
                ManifestRec m = d.manifest();
                items.addObject().put("digest", m.digest).put("mediaType", m.mediaType).put("imageSize", m.imageSize)
                        .put("createdAt", Times.format(m.created)).put("deletedAt", Times.format(d.deletedAt()));
            }
            return new Listing(body, page.more() ? page.items().get(page.items().size() - 1).manifest().digest : null);
        });
    }

    /**
     * Deleted tag records ordered by tag name, then deletion time (so the last entry of a name is its newest
     * deletion, as az CLI assumes). A page never splits the records of one tag name, so {@code last} (a tag name)
     * stays an exact cursor; a page can therefore hold slightly more than {@code n} records.
     */
    public Listing tags(String repoName, ListParams p) {
        return store().locked(() -> {
            Repo r = repo(repoName);
            List<DeletedTagRec> all = new ArrayList<>(r.deletedTags);
            all.sort(TAG_ORDER);
            ObjectNode body = Views.wrapper(env.loginServer(), repoName);
            ArrayNode items = body.putArray("tags");
            int count = 0;
            String lastName = null;
            boolean more = false;
            for (DeletedTagRec d : all) {
                if (p.last() != null && d.tag().compareTo(p.last()) <= 0) {
                    continue;
                }
                if (count >= p.n() && !d.tag().equals(lastName)) {
                    more = true;
                    break;
                }
                items.addObject().put("tag", d.tag()).put("digest", d.digest())
                        .put("createdAt", Times.format(d.createdAt())).put("deletedAt", Times.format(d.deletedAt()));
                count++;
                lastName = d.tag();
            }
            return new Listing(body, more ? lastName : null);
        });
    }

    /** Restores one manifest (if soft-deleted) with one tag; see docs/emulator.md for the rules. */
    public ObjectNode restore(String repoName, String digest, String tag, boolean force) {
        if (!Digests.isDigest(digest)) {
            throw AcrErrors.digestInvalid("invalid digest '" + digest + "'");
        }
        if (tag == null || tag.isEmpty()) {
            throw AcrErrors.badRequest("TAG_INVALID", "the body must name the tag to restore: {\"tag\":\"<tag>\"}");
        }
        Names.checkTag(tag);
        return store().locked(() -> {
            Repo r = repo(repoName);
            Instant now = env.now();
            DeletedManifestRec dm = r.deletedManifests.get(digest);
            ManifestRec live = r.manifest(digest);
            DeletedTagRec record = r.deletedTags.stream().filter(d -> d.tag().equals(tag) && d.digest().equals(digest))
                    .max(Comparator.comparing(DeletedTagRec::deletedAt)).orElse(null);
            if (dm == null && (live == null || record == null)) {
                throw AcrErrors.manifestUnknown(digest);
            }
            if (dm != null && dm.manifest().subject != null && r.manifest(dm.manifest().subject) == null) {
                throw AcrErrors.subjectNotLive(dm.manifest().subject);
            }
            TagRec existing = r.tag(tag);
            boolean replace = existing != null && !existing.digest().equals(digest);
            if (replace && !force) {
                throw AcrErrors.tagConflict(tag, existing.digest());
            }
            if (replace && existing.attrs.deleteLocked()) {
                throw AcrErrors.disallowed("tag " + repoName + ":" + tag);
            }
            ManifestRec m = live;
            if (dm != null) {
                r.deletedManifests.remove(digest);
                store().removeSoftDeleted(dm);
                m = dm.manifest();
                m.tags.clear();
                m.untaggedAt = null;
                r.putManifest(m);
                r.deletedAt = null;
            }
            if (record != null) {
                r.deletedTags.remove(record);
                store().removeSoftDeleted(record);
            }
            if (replace) {
                removals.untag(r, existing, now, env.registry().softDeleteEnabled());
            }
            if (r.tag(tag) == null) {
                Instant created = record != null ? record.createdAt() : now;
                r.putTag(new TagRec(tag, digest, created, now, new Attrs()));
            }
            m.tags.add(tag);
            m.untaggedAt = null;
            r.updated = now;
            store().markDirty(r.name);
            return Json.object().put("digest", digest).put("tag", tag);
        });
    }

    /** Auto-purge: removes soft-deleted items older than the CURRENT retention days. Caller holds the lock. */
    public void purgeDue(Instant now) {
        Duration keep = Duration.ofDays(env.registry().softDeleteRetentionDays());
        for (var first = store().firstSoftDeleted(); first != null; first = store().firstSoftDeleted()) {
            if (first.deletedAt().plus(keep).isAfter(now)) {
                return;
            }
            store().pollSoftDeleted();
            Repo r = store().repo(first.repo());
            if (r == null) {
                continue;
            }
            if (first instanceof DeletedManifestRec dm) {
                if (r.deletedManifests.remove(dm.manifest().digest) != null) {
                    store().addStorage(-dm.manifest().imageSize);
                }
            } else if (first instanceof DeletedTagRec dt) {
                r.deletedTags.remove(dt);
            }
            store().markDirty(r.name);
            removals.dropIfEmpty(r);
        }
    }

    private Repo repo(String name) {
        Repo r = store().repo(name);
        if (r == null) {
            throw AcrErrors.nameUnknown(name);
        }
        return r;
    }
}
