package io.acrlifecycle.emulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.emulator.base.AcrErrors;
import io.acrlifecycle.emulator.base.Json;
import io.acrlifecycle.emulator.store.Attrs;
import io.acrlifecycle.emulator.store.ChildRef;
import io.acrlifecycle.emulator.store.ManifestRec;
import io.acrlifecycle.emulator.store.Page;
import io.acrlifecycle.emulator.store.RegistryStore;
import io.acrlifecycle.emulator.store.Repo;
import io.acrlifecycle.emulator.store.TagRec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The /v2 content API: manifest push and pull, {@code tags/list}, referrers. */
public final class ContentService {
    private final Env env;
    private final Removals removals;

    public ContentService(Env env, Removals removals) {
        this.env = env;
        this.removals = removals;
    }

    private RegistryStore store() {
        return env.store();
    }

    /** A pulled manifest: exact bytes, media type and digest. */
    public record Pulled(byte[] body, String mediaType, String digest) {
    }

    public Pulled pull(String repoName, String reference) {
        return store().locked(() -> {
            Repo r = store().repo(repoName);
            if (r == null || !r.live()) {
                throw AcrErrors.nameUnknown(repoName);
            }
            if (Digests.looksLikeDigest(reference) && !Digests.isDigest(reference)) {
                throw AcrErrors.digestInvalid("invalid digest '" + reference + "'");
            }
            ManifestRec m = RegistryService.resolve(r, reference);
            TagRec t = Digests.looksLikeDigest(reference) ? null : r.tag(reference);
            if (!m.attrs.readEnabled || (t != null && !t.attrs.readEnabled)) {
                throw AcrErrors.disallowed("read of " + repoName + ":" + reference);
            }
            return new Pulled(m.body, m.mediaType, m.digest);
        });
    }

    /** {@code PUT /v2/{name}/manifests/{reference}}; returns the digest. */
    public String push(String repoName, String reference, String contentType, byte[] body) {
        Names.checkRepository(repoName);
        boolean byDigest = Digests.looksLikeDigest(reference);
        if (!byDigest) {
            Names.checkTag(reference);
        }
        ManifestParser.Parsed p = ManifestParser.parse(body, contentType);
        String digest = Digests.sha256(body);
        if (byDigest && !reference.equals(digest)) {
            throw AcrErrors.digestInvalid("manifest digest " + digest + " does not match the reference " + reference);
        }
        return store().locked(() -> {
            Instant now = env.now();
            Repo r = store().repo(repoName);
            if (r != null && !r.attrs.writeEnabled) {
                throw AcrErrors.disallowed("repository " + repoName);
            }
            if (r != null && r.deletedManifests.containsKey(digest)) {
                throw AcrErrors.softDeleted(digest);
            }
            TagRec existingTag = (r == null || byDigest) ? null : r.tag(reference);
            if (existingTag != null && !existingTag.attrs.writeEnabled) {
                throw AcrErrors.disallowed("tag " + repoName + ":" + reference);
            }
            List<ChildRef> children = new ArrayList<>();
            for (ChildRef c : p.children()) {
                ManifestRec child = r == null ? null : r.manifest(c.digest());
                if (child == null) {
                    throw AcrErrors.manifestBlobUnknown(c.digest());
                }
                children.add(new ChildRef(c.digest(), c.mediaType(), c.size(),
                        c.architecture() != null ? c.architecture() : child.architecture,
                        c.os() != null ? c.os() : child.os));
            }
            List<String> blobs = new ArrayList<>();
            if (p.configDigest() != null) {
                blobs.add(p.configDigest());
                blobs.addAll(p.layers());
                for (String b : blobs) {
                    if (store().blob(b) == null && store().virtualBlob(b) == null) {
                        throw AcrErrors.manifestBlobUnknown(b);
                    }
                }
            }
            if (r == null) {
                r = new Repo(repoName, now);
                store().putRepo(r);
            }
            r.deletedAt = null;
            ManifestRec m = r.manifest(digest);
            if (m == null) {
                String arch = null;
                String os = null;
                if (p.configDigest() != null && !MediaTypes.OCI_EMPTY.equals(p.configMediaType())) {
                    JsonNode cfg = config(store().blob(p.configDigest()));
                    arch = cfg.path("architecture").asText(null);
                    os = cfg.path("os").asText(null);
                }
                long size = body.length + p.configSize() + p.layersSize();
                m = new ManifestRec(digest, p.mediaType(), body, size, arch, os, p.configMediaType(), p.artifactType(),
                        p.subject(), children, blobs, now, now, new Attrs());
                r.putManifest(m);
                store().addStorage(m.imageSize);
                if (byDigest) {
                    removals.markUntaggedIfBare(r, m, now);
                }
            }
            if (!byDigest) {
                tag(r, m, reference, existingTag, now);
            }
            r.updated = now;
            store().markDirty(r.name);
            return digest;
        });
    }

    private void tag(Repo r, ManifestRec m, String tag, TagRec existing, Instant now) {
        if (existing == null) {
            r.putTag(new TagRec(tag, m.digest, now, now, new Attrs()));
        } else if (existing.digest().equals(m.digest)) {
            r.retimeTag(existing, existing.created(), now);
        } else {
            ManifestRec old = r.manifest(existing.digest());
            if (env.registry().softDeleteEnabled()) {
                removals.recordDeletedTag(r, tag, existing.digest(), existing.created(), now);
            }
            r.moveTag(existing, m.digest, now);
            r.retimeTag(existing, now, now);
            if (old != null) {
                old.tags.remove(tag);
                removals.markUntaggedIfBare(r, old, now);
            }
        }
        m.tags.add(tag);
        m.untaggedAt = null;
    }

    private static JsonNode config(byte[] bytes) {
        try {
            return bytes == null ? Json.object() : Json.parse(bytes);
        } catch (IllegalArgumentException e) {
            return Json.object();
        }
    }

    public Listing tagsList(String repoName, ListParams p) {
        return store().locked(() -> {
            Repo r = store().repo(repoName);
            if (r == null || !r.live()) {
                throw AcrErrors.nameUnknown(repoName);
            }
            Page<TagRec> page = r.tagPage(p.last(), p.n(), null, t -> t.attrs.listEnabled);
            ObjectNode body = Json.object().put("name", repoName);
            ArrayNode tags = body.putArray("tags");
            page.items().forEach(t -> tags.add(t.name()));
            return new Listing(body, page.more() ? page.items().get(page.items().size() - 1).name() : null);
        });
    }

    /** The OCI referrers index of {@code digest}, filtered by {@code artifactType} when given. */
    public ObjectNode referrers(String repoName, String digest, String artifactType) {
        if (!Digests.isDigest(digest)) {
            throw AcrErrors.digestInvalid("invalid digest '" + digest + "'");
        }
        return store().locked(() -> {
            Repo r = store().repo(repoName);
            if (r == null || !r.live()) {
                throw AcrErrors.nameUnknown(repoName);
            }
            ObjectNode index = Json.object().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
            ArrayNode ms = index.putArray("manifests");
            for (ManifestRec m : r.referrers(digest)) {
                if (artifactType != null && !artifactType.equals(m.artifactType)) {
                    continue;
                }
                ObjectNode d = ms.addObject().put("mediaType", m.mediaType).put("digest", m.digest).put("size", m.body.length);
                if (m.artifactType != null) {
                    d.put("artifactType", m.artifactType);
                }
                JsonNode annotations = Json.parse(m.body).path("annotations");
                if (annotations.isObject() && annotations.size() > 0) {
                    d.set("annotations", annotations);
                }
            }
            return index;
        });
    }
}
