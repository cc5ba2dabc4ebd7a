package io.acrlifecycle.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.emulator.arm.RegistryResource;
import io.acrlifecycle.emulator.auth.AuthService;
import io.acrlifecycle.emulator.http.Json;
import io.acrlifecycle.emulator.store.Attrs;
import io.acrlifecycle.emulator.store.ChildRef;
import io.acrlifecycle.emulator.store.DeletedManifestRec;
import io.acrlifecycle.emulator.store.DeletedTagRec;
import io.acrlifecycle.emulator.store.ManifestRec;
import io.acrlifecycle.emulator.store.RegistryStore;
import io.acrlifecycle.emulator.store.Repo;
import io.acrlifecycle.emulator.store.TagRec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** The whole emulator state as one JSON document (blobs and manifest bytes in base64). */
public final class StateCodec {
    private StateCodec() {
    }

    public static ObjectNode save(RegistryStore store, RegistryResource registry, AuthService auth) {
        ObjectNode root = Json.object().put("version", StateFile.VERSION);
        root.set("registry", registry.toJson());
        ArrayNode tokens = root.putArray("scopedTokens");
        auth.scopedTokens().values().forEach(t -> {
            ObjectNode o = tokens.addObject().put("name", t.name()).put("password", t.password());
            ObjectNode a = o.putObject("actions");
            t.actions().forEach((repo, acts) -> {
                ArrayNode arr = a.putArray(repo);
                acts.forEach(arr::add);
            });
        });
        ObjectNode blobs = root.putObject("blobs");
        store.blobs.forEach((d, b) -> blobs.put(d, Base64.getEncoder().encodeToString(b)));
        ObjectNode virtual = root.putObject("virtualBlobs");
        store.virtualBlobs.forEach(virtual::put);
        ArrayNode repos = root.putArray("repositories");
        for (Repo r : store.repos.values()) {
            ObjectNode o = repos.addObject().put("name", r.name).put("created", str(r.created)).put("updated", str(r.updated))
                    .put("deletedAt", str(r.deletedAt));
            o.set("attrs", r.attrs.toJson());
            ArrayNode ms = o.putArray("manifests");
            r.manifests().forEach(m -> ms.add(manifest(m)));
            ArrayNode ts = o.putArray("tags");
            for (TagRec t : r.tags()) {
                ts.addObject().put("name", t.name()).put("digest", t.digest()).put("created", str(t.created()))
                        .put("updated", str(t.updated())).set("attrs", t.attrs.toJson());
            }
            ArrayNode dms = o.putArray("deletedManifests");
            for (DeletedManifestRec d : r.deletedManifests.values()) {
                ObjectNode x = manifest(d.manifest()).put("deletedAt", str(d.deletedAt())).put("seq", d.seq());
                ArrayNode tags = x.putArray("tagsAtDeletion");
                d.manifest().tags.forEach(tags::add);
                dms.add(x);
            }
            ArrayNode dts = o.putArray("deletedTags");
            for (DeletedTagRec d : r.deletedTags) {
                dts.addObject().put("tag", d.tag()).put("digest", d.digest()).put("createdAt", str(d.createdAt()))
                        .put("deletedAt", str(d.deletedAt())).put("seq", d.seq());
            }
        }
        ArrayNode ret = root.putArray("retention");
        for (RegistryStore.RetentionEntry e : store.retention) {
            ret.addObject().put("untaggedAt", str(e.untaggedAt())).put("repo", e.repo()).put("digest", e.digest()).put("seq", e.seq());
        }
        return root;
    }

    /** Restores what {@link #save} wrote; {@code extra} gets the root for the parts the emulator itself owns. */
    public static void restore(JsonNode root, Consumer<JsonNode> extra, RegistryStore store, RegistryResource registry,
            AuthService auth) {
        if (root.path("registry").isObject()) {
            registry.loadJson(root.get("registry"));
        }
        for (JsonNode t : root.path("scopedTokens")) {
            Map<String, Set<String>> actions = new HashMap<>();
            t.path("actions").properties().forEach(e -> {
                Set<String> s = new HashSet<>();
                e.getValue().forEach(a -> s.add(a.asText()));
                actions.put(e.getKey(), Set.copyOf(s));
            });
            auth.addScopedToken(new AuthService.ScopedToken(t.path("name").asText(), t.path("password").asText(), Map.copyOf(actions)));
        }
        synchronized (store) {
            store.clear();
            root.path("blobs").properties().forEach(e -> store.blobs.put(e.getKey(), Base64.getDecoder().decode(e.getValue().asText())));
            root.path("virtualBlobs").properties().forEach(e -> store.virtualBlobs.put(e.getKey(), e.getValue().asLong()));
            long maxSeq = 0;
            for (JsonNode rj : root.path("repositories")) {
                Repo r = new Repo(rj.path("name").asText(), time(rj, "created"));
                r.updated = time(rj, "updated");
                r.deletedAt = time(rj, "deletedAt");
                r.attrs = Attrs.fromJson(rj.path("attrs"));
                for (JsonNode mj : rj.path("manifests")) {
                    ManifestRec m = manifest(mj);
                    r.putManifest(m);
                    store.addStorage(m.imageSize);
                }
                for (JsonNode tj : rj.path("tags")) {
                    TagRec t = new TagRec(tj.path("name").asText(), tj.path("digest").asText(), time(tj, "created"),
                            time(tj, "updated"), Attrs.fromJson(tj.path("attrs")));
                    r.putTag(t);
                    ManifestRec m = r.manifest(t.digest());
                    if (m != null) {
                        m.tags.add(t.name());
                    }
                }
                for (JsonNode dj : rj.path("deletedManifests")) {
                    ManifestRec m = manifest(dj);
                    dj.path("tagsAtDeletion").forEach(x -> m.tags.add(x.asText()));
                    DeletedManifestRec d = new DeletedManifestRec(r.name, m, time(dj, "deletedAt"), dj.path("seq").asLong());
                    r.deletedManifests.put(m.digest, d);
                    store.softDeleted.add(d);
                    store.addStorage(m.imageSize);
                    maxSeq = Math.max(maxSeq, d.seq());
                }
                for (JsonNode dj : rj.path("deletedTags")) {
                    DeletedTagRec d = new DeletedTagRec(r.name, dj.path("tag").asText(), dj.path("digest").asText(),
                            time(dj, "createdAt"), time(dj, "deletedAt"), dj.path("seq").asLong());
                    r.deletedTags.add(d);
                    store.softDeleted.add(d);
                    maxSeq = Math.max(maxSeq, d.seq());
                }
                store.repos.put(r.name, r);
            }
            for (JsonNode e : root.path("retention")) {
                store.retention.add(new RegistryStore.RetentionEntry(time(e, "untaggedAt"), e.path("repo").asText(),
                        e.path("digest").asText(), e.path("seq").asLong()));
                maxSeq = Math.max(maxSeq, e.path("seq").asLong());
            }
            while (store.nextSeq() < maxSeq) {
                // advance the sequence past restored records
            }
            store.takeDirty();
        }
        extra.accept(root);
    }

    private static ObjectNode manifest(ManifestRec m) {
        ObjectNode o = Json.object().put("digest", m.digest).put("mediaType", m.mediaType)
                .put("body", Base64.getEncoder().encodeToString(m.body)).put("imageSize", m.imageSize)
                .put("architecture", m.architecture).put("os", m.os).put("configMediaType", m.configMediaType)
                .put("artifactType", m.artifactType).put("subject", m.subject)
                .put("created", str(m.created)).put("updated", str(m.updated())).put("untaggedAt", str(m.untaggedAt));
        o.set("attrs", m.attrs.toJson());
        if (m.mediaTypeUnlisted) {
            o.put("mediaTypeUnlisted", true);
        }
        ArrayNode cs = o.putArray("children");
        for (ChildRef c : m.children) {
            cs.addObject().put("digest", c.digest()).put("mediaType", c.mediaType()).put("size", c.size())
                    .put("architecture", c.architecture()).put("os", c.os());
        }
        ArrayNode bs = o.putArray("blobs");
        m.blobs.forEach(bs::add);
        return o;
    }

    private static ManifestRec manifest(JsonNode o) {
        List<ChildRef> children = new ArrayList<>();
        for (JsonNode c : o.path("children")) {
            children.add(new ChildRef(c.path("digest").asText(), text(c, "mediaType"), c.path("size").asLong(),
                    text(c, "architecture"), text(c, "os")));
        }
        List<String> blobs = new ArrayList<>();
        o.path("blobs").forEach(b -> blobs.add(b.asText()));
        ManifestRec m = new ManifestRec(o.path("digest").asText(), o.path("mediaType").asText(),
                Base64.getDecoder().decode(o.path("body").asText()), o.path("imageSize").asLong(), text(o, "architecture"),
                text(o, "os"), text(o, "configMediaType"), text(o, "artifactType"), text(o, "subject"), children, blobs,
                time(o, "created"), time(o, "updated"), Attrs.fromJson(o.path("attrs")));
        m.untaggedAt = time(o, "untaggedAt");
        m.mediaTypeUnlisted = o.path("mediaTypeUnlisted").asBoolean(false);
        return m;
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String text(JsonNode o, String f) {
        JsonNode v = o.get(f);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant time(JsonNode o, String f) {
        String s = text(o, f);
        return s == null ? null : Instant.parse(s);
    }
}
