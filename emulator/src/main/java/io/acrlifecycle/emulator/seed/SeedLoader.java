package io.acrlifecycle.emulator.seed;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.service.Digests;
import io.acrlifecycle.emulator.service.Env;
import io.acrlifecycle.emulator.service.MediaTypes;
import io.acrlifecycle.emulator.service.Names;
import io.acrlifecycle.emulator.service.Removals;
import io.acrlifecycle.emulator.store.Attrs;
import io.acrlifecycle.emulator.store.ChildRef;
import io.acrlifecycle.emulator.store.ManifestRec;
import io.acrlifecycle.emulator.store.RegistryStore;
import io.acrlifecycle.emulator.store.Repo;
import io.acrlifecycle.emulator.store.TagRec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Loads a seed (format in docs/emulator.md) on top of the current state. Bad input names the field. */
public final class SeedLoader {
    private final Env env;
    private final Removals removals;

    public SeedLoader(Env env, Removals removals) {
        this.env = env;
        this.removals = removals;
    }

    /** Loads the {@code repositories} section; returns seed id → digest per repository. */
    public Map<String, Map<String, String>> loadRepositories(JsonNode repos) {
        Map<String, Map<String, String>> ids = new HashMap<>();
        if (repos == null || repos.isMissingNode() || repos.isNull()) {
            return ids;
        }
        if (!repos.isArray()) {
            throw new IllegalArgumentException("repositories: must be an array of {name, manifests}");
        }
        RegistryStore store = env.store();
        Instant now = env.now();
        store.locked(() -> {
            for (JsonNode rj : repos) {
                String name = rj.path("name").asText(null);
                if (name == null) {
                    throw new IllegalArgumentException("repositories[].name: missing");
                }
                try {
                    Names.checkRepository(name);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("repositories[].name: '" + name + "' is not a valid repository name");
                }
                Repo repo = store.repoOrCreate(name, now);
                repo.deletedAt = null;
                Map<String, String> repoIds = ids.computeIfAbsent(name, n -> new HashMap<>());
                Map<String, JsonNode> byId = new LinkedHashMap<>();
                for (JsonNode mj : rj.path("manifests")) {
                    String id = mj.path("id").asText(null);
                    if (id == null) {
                        throw new IllegalArgumentException("repositories[" + name + "].manifests[].id: missing");
                    }
                    if (byId.put(id, mj) != null) {
                        throw new IllegalArgumentException("repositories[" + name + "].manifests: id '" + id + "' appears twice");
                    }
                }
                Map<String, ManifestRec> made = new HashMap<>();
                List<Runnable> deletes = new ArrayList<>();
                for (String id : byId.keySet()) {
                    build(repo, id, byId, made, new HashSet<>(), repoIds, deletes, now);
                }
                Instant created = SeedTimes.parse(name + ".created", rj.path("created").asText(null), now);
                Instant earliest = made.values().stream().map(m -> m.created).min(Instant::compareTo).orElse(now);
                repo.created = created != null ? created : earliest.isBefore(repo.created) ? earliest : repo.created;
                repo.updated = made.values().stream().map(ManifestRec::updated).max(Instant::compareTo).orElse(repo.updated);
                if (rj.has("locks")) {
                    repo.attrs.apply(rj.get("locks"));
                }
                deletes.forEach(Runnable::run);
                store.markDirty(name);
                removals.dropIfEmpty(repo);
            }
        });
        return ids;
    }

    private ManifestRec build(Repo repo, String id, Map<String, JsonNode> byId, Map<String, ManifestRec> made, Set<String> visiting,
            Map<String, String> ids, List<Runnable> deletes, Instant now) {
        ManifestRec done = made.get(id);
        if (done != null) {
            return done;
        }
        String where = "repositories[" + repo.name + "].manifests[" + id + "]";
        JsonNode mj = byId.get(id);
        if (mj == null) {
            throw new IllegalArgumentException(where + ": refers to unknown id '" + id + "'");
        }
        if (!visiting.add(id)) {
            throw new IllegalArgumentException(where + ": children/subject form a cycle");
        }
        Instant created = SeedTimes.parse(where + ".created", mj.path("created").asText(null), now);
        Instant updated = SeedTimes.parse(where + ".updated", mj.path("updated").asText(null), now);
        if (created == null) {
            created = updated != null && updated.isBefore(now) ? updated : now;
        }
        if (updated == null) {
            updated = created;
        }
        long size = mj.path("size").asLong(1024);
        String mediaType = mj.path("mediaType").asText(MediaTypes.DOCKER_MANIFEST);
        if (!MediaTypes.MANIFESTS.contains(mediaType)) {
            throw new IllegalArgumentException(where + ".mediaType: '" + mediaType + "' is not one of " + MediaTypes.MANIFESTS);
        }
        SeedManifests.Generated g;
        List<ChildRef> children = new ArrayList<>();
        String subject = null;
        String artifactType = null;
        String arch = null;
        String os = null;
        String configMediaType = null;
        if (mj.has("children") || MediaTypes.isIndex(mediaType)) {
            if (!MediaTypes.isIndex(mediaType)) {
                mediaType = MediaTypes.OCI_INDEX;
            }
            List<ManifestRec> kids = new ArrayList<>();
            for (JsonNode c : mj.path("children")) {
                ManifestRec k = build(repo, c.asText(), byId, made, visiting, ids, deletes, now);
                kids.add(k);
                children.add(new ChildRef(k.digest, k.mediaType, k.body.length, k.architecture, k.os));
            }
            g = SeedManifests.index(repo.name, id, mediaType, kids);
        } else if (mj.has("subject")) {
            ManifestRec s = build(repo, mj.get("subject").asText(), byId, made, visiting, ids, deletes, now);
            subject = s.digest;
            artifactType = mj.path("artifactType").asText("application/vnd.cncf.notary.signature");
            mediaType = MediaTypes.OCI_MANIFEST;
            configMediaType = MediaTypes.OCI_EMPTY;
            g = SeedManifests.referrer(repo.name, id, artifactType, s, created, size);
        } else {
            arch = mj.path("architecture").asText("amd64");
            os = mj.path("os").asText("linux");
            configMediaType = MediaTypes.OCI_MANIFEST.equals(mediaType) ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG;
            g = SeedManifests.image(repo.name, id, mediaType, arch, os, created, size);
        }
        visiting.remove(id);
        String digest = Digests.sha256(g.body());
        List<String> blobs = new ArrayList<>();
        if (g.config() != null) {
            env.store().putBlob(Digests.sha256(g.config()), g.config());
            blobs.add(Digests.sha256(g.config()));
        }
        if (g.layerDigest() != null) {
            env.store().putVirtualBlob(g.layerDigest(), g.layerSize());
            blobs.add(g.layerDigest());
        }
        Attrs attrs = new Attrs();
        if (mj.has("locks")) {
            attrs.apply(mj.get("locks"));
        }
        ManifestRec m = repo.manifest(digest);
        if (m == null) {
            m = new ManifestRec(digest, mediaType, g.body(), children.isEmpty() ? size : g.body().length, arch, os,
                    configMediaType, artifactType, subject, children, blobs, created, updated, attrs);
            repo.putManifest(m);
            env.store().addStorage(m.imageSize);
        }
        for (JsonNode t : mj.path("tags")) {
            tag(repo, m, t, where, now);
        }
        if (m.tags.isEmpty()) {
            m.untaggedAt = null;
            removals.markUntaggedIfBare(repo, m, updated);
        }
        made.put(id, m);
        ids.put(id, digest);
        if (mj.path("deleted").asBoolean(false)) {
            Instant deletedAt = SeedTimes.parse(where + ".deletedAt", mj.path("deletedAt").asText(null), now);
            ManifestRec target = m;
            Instant at = deletedAt == null ? now : deletedAt;
            deletes.add(() -> removals.deleteManifest(repo, target, at, true));
        }
        return m;
    }

    private void tag(Repo repo, ManifestRec m, JsonNode t, String where, Instant now) {
        String name = t.isTextual() ? t.asText() : t.path("name").asText(null);
        try {
            Names.checkTag(name);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + ".tags: '" + name + "' is not a valid tag");
        }
        Instant created = t.isObject() ? SeedTimes.parse(where + ".tags[" + name + "].created", t.path("created").asText(null), now) : null;
        Instant updated = t.isObject() ? SeedTimes.parse(where + ".tags[" + name + "].updated", t.path("updated").asText(null), now) : null;
        if (updated == null) {
            updated = m.updated();
        }
        if (created == null) {
            created = m.created.isBefore(updated) ? m.created : updated;
        }
        TagRec existing = repo.tag(name);
        if (existing != null) {
            ManifestRec old = repo.manifest(existing.digest());
            if (old != null) {
                old.tags.remove(name);
            }
            repo.removeTag(name);
        }
        Attrs attrs = new Attrs();
        if (t.isObject() && t.has("locks")) {
            attrs.apply(t.get("locks"));
        }
        repo.putTag(new TagRec(name, m.digest, created, updated, attrs));
        m.tags.add(name);
        m.untaggedAt = null;
    }
}
