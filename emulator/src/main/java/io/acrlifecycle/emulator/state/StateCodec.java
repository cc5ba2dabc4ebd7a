package io.acrlifecycle.emulator.state;

import static io.acrlifecycle.emulator.state.Fields.array;
import static io.acrlifecycle.emulator.state.Fields.base64;
import static io.acrlifecycle.emulator.state.Fields.bool;
import static io.acrlifecycle.emulator.state.Fields.index;
import static io.acrlifecycle.emulator.state.Fields.instant;
import static io.acrlifecycle.emulator.state.Fields.integer;
import static io.acrlifecycle.emulator.state.Fields.object;
import static io.acrlifecycle.emulator.state.Fields.objectItem;
import static io.acrlifecycle.emulator.state.Fields.path;
import static io.acrlifecycle.emulator.state.Fields.text;
import static io.acrlifecycle.emulator.state.Fields.textItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.emulator.auth.AuthService;
import io.acrlifecycle.emulator.base.Json;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of a saved state as JSON: the meta part (identity, clock offset, ARM resource, scoped tokens), one
 * repository (tags, manifests with their bytes in base64, soft-deleted records, retention entries), blobs.
 * Writing is {@code encode*}; reading is strict ({@link Fields}): a field of the wrong type names its path.
 */
final class StateCodec {
    private StateCodec() {
    }

    // ---- encode (caller holds the store's lock for the store parts)

    /** Identity, clock offset, ARM resource and scoped tokens: small, compared at every commit. */
    static ObjectNode meta(StateParts parts) {
        Identity id = parts.identity();
        ObjectNode o = Json.object().put("loginServer", id.loginServer()).put("adminPassword", id.adminPassword())
                .put("tokenSecret", Base64.getEncoder().encodeToString(id.tokenSecret()))
                .put("clockOffsetMillis", parts.clockOffset().get().toMillis());
        o.set("registry", parts.registry().toJson());
        ArrayNode tokens = o.putArray("scopedTokens");
        parts.auth().scopedTokens().values().stream().sorted(java.util.Comparator.comparing(AuthService.ScopedToken::name))
                .forEach(t -> {
                    ObjectNode x = tokens.addObject().put("name", t.name()).put("password", t.password());
                    ObjectNode a = x.putObject("actions");
                    t.actions().forEach((repo, acts) -> {
                        ArrayNode arr = a.putArray(repo);
                        acts.stream().sorted().forEach(arr::add);
                    });
                });
        return o;
    }

    static ObjectNode seedIds(Map<String, Map<String, String>> seedIds) {
        ObjectNode ids = Json.object();
        seedIds.forEach((repo, m) -> {
            ObjectNode o = ids.putObject(repo);
            m.forEach(o::put);
        });
        return ids;
    }

    static ObjectNode repo(RegistryStore store, Repo r) {
        ObjectNode o = Json.object().put("name", r.name).put("created", str(r.created)).put("updated", str(r.updated))
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
        ArrayNode ret = o.putArray("retention");
        for (RegistryStore.RetentionEntry e : store.retention()) {
            if (e.repo().equals(r.name)) {
                ret.addObject().put("untaggedAt", str(e.untaggedAt())).put("digest", e.digest()).put("seq", e.seq());
            }
        }
        return o;
    }

    private static ObjectNode manifest(ManifestRec m) {
        ObjectNode o = Json.object().put("digest", m.digest).put("mediaType", m.mediaType)
                .put("body", Base64.getEncoder().encodeToString(m.body)).put("imageSize", m.imageSize)
                .put("architecture", m.architecture).put("os", m.os).put("configMediaType", m.configMediaType)
                .put("artifactType", m.artifactType).put("subject", m.subject)
                .put("created", str(m.created)).put("updated", str(m.updated())).put("untaggedAt", str(m.untaggedAt));
        o.set("attrs", m.attrs.toJson());
        ArrayNode cs = o.putArray("children");
        for (ChildRef c : m.children) {
            cs.addObject().put("digest", c.digest()).put("mediaType", c.mediaType()).put("size", c.size())
                    .put("architecture", c.architecture()).put("os", c.os());
        }
        ArrayNode bs = o.putArray("blobs");
        m.blobs.forEach(bs::add);
        return o;
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }

    // ---- decode (strict)

    static Identity identity(JsonNode meta) {
        return new Identity(text(meta, "loginServer", "", false), text(meta, "adminPassword", "", false),
                base64(meta, "tokenSecret", "", false));
    }

    static List<AuthService.ScopedToken> scopedTokens(JsonNode meta) {
        List<AuthService.ScopedToken> out = new ArrayList<>();
        JsonNode arr = array(meta, "scopedTokens", "");
        for (int i = 0; i < arr.size(); i++) {
            String where = index("scopedTokens", i);
            JsonNode t = objectItem(arr.get(i), where);
            Map<String, Set<String>> actions = new HashMap<>();
            JsonNode a = object(t, "actions", where);
            if (a != null) {
                for (var e : a.properties()) {
                    String p = path(path(where, "actions"), e.getKey());
                    if (!e.getValue().isArray()) {
                        throw Fields.wrong(p, "an array of actions", e.getValue());
                    }
                    Set<String> s = new LinkedHashSet<>();
                    for (int j = 0; j < e.getValue().size(); j++) {
                        s.add(textItem(e.getValue().get(j), index(p, j)));
                    }
                    actions.put(e.getKey(), Set.copyOf(s));
                }
            }
            out.add(new AuthService.ScopedToken(text(t, "name", where, true), text(t, "password", where, true),
                    Map.copyOf(actions)));
        }
        return out;
    }

    static Map<String, Map<String, String>> seedIds(JsonNode ids, String where) {
        Map<String, Map<String, String>> out = new HashMap<>();
        if (ids == null) {
            return out;
        }
        for (var e : ids.properties()) {
            String p = path(where, e.getKey());
            JsonNode m = objectItem(e.getValue(), p);
            Map<String, String> x = new HashMap<>();
            m.properties().forEach(id -> x.put(id.getKey(), textItem(id.getValue(), path(p, id.getKey()))));
            out.put(e.getKey(), x);
        }
        return out;
    }

    /** Decodes one repository into {@code store} (its soft-deleted and retention records too); returns the highest seq. */
    static long repo(JsonNode rj, String where, RegistryStore store) {
        objectItem(rj, where);
        String name = text(rj, "name", where, true);
        Repo r = new Repo(name, instant(rj, "created", where, true));
        r.updated = instant(rj, "updated", where, true);
        r.deletedAt = instant(rj, "deletedAt", where, false);
        r.attrs = attrs(rj, where);
        long maxSeq = 0;
        JsonNode ms = array(rj, "manifests", where);
        for (int i = 0; i < ms.size(); i++) {
            ManifestRec m = manifest(ms.get(i), index(path(where, "manifests"), i));
            r.putManifest(m);
            store.addStorage(m.imageSize);
        }
        JsonNode ts = array(rj, "tags", where);
        for (int i = 0; i < ts.size(); i++) {
            String w = index(path(where, "tags"), i);
            JsonNode tj = objectItem(ts.get(i), w);
            TagRec t = new TagRec(text(tj, "name", w, true), text(tj, "digest", w, true), instant(tj, "created", w, true),
                    instant(tj, "updated", w, true), attrs(tj, w));
            r.putTag(t);
            ManifestRec m = r.manifest(t.digest());
            if (m != null) {
                m.tags.add(t.name());
            }
        }
        JsonNode dms = array(rj, "deletedManifests", where);
        for (int i = 0; i < dms.size(); i++) {
            String w = index(path(where, "deletedManifests"), i);
            JsonNode dj = dms.get(i);
            ManifestRec m = manifest(dj, w);
            JsonNode tags = array(dj, "tagsAtDeletion", w);
            for (int j = 0; j < tags.size(); j++) {
                m.tags.add(textItem(tags.get(j), index(path(w, "tagsAtDeletion"), j)));
            }
            DeletedManifestRec d = new DeletedManifestRec(name, m, instant(dj, "deletedAt", w, true), integer(dj, "seq", w, true));
            r.deletedManifests.put(m.digest, d);
            store.addSoftDeleted(d);
            store.addStorage(m.imageSize);
            maxSeq = Math.max(maxSeq, d.seq());
        }
        JsonNode dts = array(rj, "deletedTags", where);
        for (int i = 0; i < dts.size(); i++) {
            String w = index(path(where, "deletedTags"), i);
            JsonNode dj = objectItem(dts.get(i), w);
            DeletedTagRec d = new DeletedTagRec(name, text(dj, "tag", w, true), text(dj, "digest", w, true),
                    instant(dj, "createdAt", w, false), instant(dj, "deletedAt", w, true), integer(dj, "seq", w, true));
            r.deletedTags.add(d);
            store.addSoftDeleted(d);
            maxSeq = Math.max(maxSeq, d.seq());
        }
        JsonNode ret = array(rj, "retention", where);
        for (int i = 0; i < ret.size(); i++) {
            maxSeq = Math.max(maxSeq, retention(ret.get(i), index(path(where, "retention"), i), name, store));
        }
        store.putRepo(r);
        return maxSeq;
    }

    /** A retention entry; {@code repo} null = the entry names its repository (top-level list of older states). */
    static long retention(JsonNode e, String where, String repo, RegistryStore store) {
        objectItem(e, where);
        long seq = integer(e, "seq", where, true);
        store.addRetention(new RegistryStore.RetentionEntry(instant(e, "untaggedAt", where, true),
                repo != null ? repo : text(e, "repo", where, true), text(e, "digest", where, true), seq));
        return seq;
    }

    private static ManifestRec manifest(JsonNode o, String where) {
        objectItem(o, where);
        List<ChildRef> children = new ArrayList<>();
        JsonNode cs = array(o, "children", where);
        for (int i = 0; i < cs.size(); i++) {
            String w = index(path(where, "children"), i);
            JsonNode c = objectItem(cs.get(i), w);
            Long size = integer(c, "size", w, false);
            children.add(new ChildRef(text(c, "digest", w, true), text(c, "mediaType", w, false), size == null ? 0 : size,
                    text(c, "architecture", w, false), text(c, "os", w, false)));
        }
        List<String> blobs = new ArrayList<>();
        JsonNode bs = array(o, "blobs", where);
        for (int i = 0; i < bs.size(); i++) {
            blobs.add(textItem(bs.get(i), index(path(where, "blobs"), i)));
        }
        Long size = integer(o, "imageSize", where, false);
        ManifestRec m = new ManifestRec(text(o, "digest", where, true), text(o, "mediaType", where, true),
                base64(o, "body", where, true), size == null ? 0 : size, text(o, "architecture", where, false),
                text(o, "os", where, false), text(o, "configMediaType", where, false), text(o, "artifactType", where, false),
                text(o, "subject", where, false), children, blobs, instant(o, "created", where, true),
                instant(o, "updated", where, true), attrs(o, where));
        m.untaggedAt = instant(o, "untaggedAt", where, false);
        return m;
    }

    private static Attrs attrs(JsonNode o, String where) {
        JsonNode a = object(o, "attrs", where);
        Attrs out = new Attrs();
        if (a == null) {
            return out;
        }
        String w = path(where, "attrs");
        out.deleteEnabled = orTrue(bool(a, "deleteEnabled", w));
        out.writeEnabled = orTrue(bool(a, "writeEnabled", w));
        out.readEnabled = orTrue(bool(a, "readEnabled", w));
        out.listEnabled = orTrue(bool(a, "listEnabled", w));
        return out;
    }

    private static boolean orTrue(Boolean b) {
        return b == null || b;
    }

    /** Types of the ARM resource's fields as {@code RegistryResource.toJson} writes them (it reads leniently). */
    static void checkRegistry(JsonNode reg, String where) {
        text(reg, "location", where, false);
        instant(reg, "creationDate", where, false);
        text(reg, "sku", where, false);
        JsonNode sd = object(reg, "softDelete", where);
        if (sd != null) {
            String w = path(where, "softDelete");
            bool(sd, "enabled", w);
            integer(sd, "retentionDays", w, false);
            instant(sd, "lastUpdatedTime", w, false);
        }
        JsonNode ret = object(reg, "retention", where);
        if (ret != null) {
            String w = path(where, "retention");
            bool(ret, "enabled", w);
            integer(ret, "days", w, false);
            instant(ret, "enabledAt", w, false);
            instant(ret, "lastUpdatedTime", w, false);
        }
        for (String b : List.of("geoReplicated", "zoneRedundant", "anonymousPull", "adminUserEnabled")) {
            bool(reg, b, where);
        }
        JsonNode replicas = array(reg, "replicaLocations", where);
        for (int i = 0; i < replicas.size(); i++) {
            textItem(replicas.get(i), index(path(where, "replicaLocations"), i));
        }
        JsonNode policies = object(reg, "policies", where);
        if (policies != null) {
            policies.properties().forEach(e -> textItem(e.getValue(), path(path(where, "policies"), e.getKey())));
        }
        JsonNode tasks = array(reg, "tasks", where);
        for (int i = 0; i < tasks.size(); i++) {
            objectItem(tasks.get(i), index(path(where, "tasks"), i));
        }
    }
}
