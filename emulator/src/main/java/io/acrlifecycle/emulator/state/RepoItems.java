package io.acrlifecycle.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.emulator.base.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One repository's saved JSON split into items by key (tags by name, manifests by digest, soft-deleted tags and
 * retention entries by sequence number), so a journal line holds only the items a change touched: a push into a
 * repository of 10,000 tags writes one tag and one manifest, not the repository.
 */
final class RepoItems {
    /** The repository's lists and the field that keys their items. */
    private static final Map<String, String> LISTS = lists();

    private ObjectNode header;
    private final Map<String, Map<String, JsonNode>> items = new LinkedHashMap<>();

    private static Map<String, String> lists() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("manifests", "digest");
        m.put("tags", "name");
        m.put("deletedManifests", "digest");
        m.put("deletedTags", "seq");
        m.put("retention", "seq");
        return m;
    }

    private RepoItems() {
        LISTS.keySet().forEach(l -> items.put(l, new LinkedHashMap<>()));
    }

    /** Splits a repository's JSON (as {@code StateCodec.repo} writes it); shapes are checked, naming {@code where}. */
    static RepoItems split(JsonNode repo, String where) {
        Fields.objectItem(repo, where);
        RepoItems r = new RepoItems();
        r.header = Json.object();
        repo.properties().forEach(e -> {
            if (!LISTS.containsKey(e.getKey())) {
                r.header.set(e.getKey(), e.getValue());
            }
        });
        LISTS.forEach((list, keyField) -> {
            JsonNode arr = Fields.array(repo, list, where);
            for (int i = 0; i < arr.size(); i++) {
                String w = Fields.index(Fields.path(where, list), i);
                r.items.get(list).put(key(arr.get(i), keyField, w), arr.get(i));
            }
        });
        return r;
    }

    private static String key(JsonNode item, String keyField, String where) {
        Fields.objectItem(item, where);
        JsonNode k = item.get(keyField);
        if (k == null || !(k.isTextual() || k.isIntegralNumber())) {
            throw Fields.wrong(Fields.path(where, keyField), "a string or an integer", k);
        }
        return k.asText();
    }

    /** The repository's JSON again; soft-deleted tags and retention entries in sequence order, as they were made. */
    ObjectNode join() {
        ObjectNode o = header.deepCopy();
        items.forEach((list, m) -> {
            ArrayNode arr = o.putArray(list);
            List<JsonNode> values = new ArrayList<>(m.values());
            if ("seq".equals(LISTS.get(list))) {
                values.sort(Comparator.comparingLong(n -> n.path("seq").asLong()));
            }
            values.forEach(arr::add);
        });
        return o;
    }

    /** The text of every part, to compare with the next state of the repository. */
    record Image(String header, Map<String, Map<String, String>> items) {
    }

    Image image() {
        Map<String, Map<String, String>> m = new HashMap<>();
        items.forEach((list, byKey) -> {
            Map<String, String> x = new HashMap<>();
            byKey.forEach((k, v) -> x.put(k, Json.write(v)));
            m.put(list, x);
        });
        return new Image(Json.write(header), m);
    }

    /**
     * What changed since {@code before} (null for a repository new to the journal): {@code header} when it changed,
     * and per list the items added or changed, {@code null} for the ones removed. Null when nothing changed.
     */
    static ObjectNode diff(Image before, RepoItems after, Image afterImage) {
        ObjectNode d = Json.object();
        if (before == null || !before.header().equals(afterImage.header())) {
            d.set("header", after.header);
        }
        for (String list : LISTS.keySet()) {
            Map<String, String> old = before == null ? Map.of() : before.items().get(list);
            Map<String, String> now = afterImage.items().get(list);
            ObjectNode changes = Json.object();
            now.forEach((k, v) -> {
                if (!Objects.equals(old.get(k), v)) {
                    changes.set(k, after.items.get(list).get(k));
                }
            });
            old.keySet().forEach(k -> {
                if (!now.containsKey(k)) {
                    changes.putNull(k);
                }
            });
            if (!changes.isEmpty()) {
                d.set(list, changes);
            }
        }
        return d.isEmpty() ? null : d;
    }

    /** Applies a {@link #diff} read back from the journal; {@code current} null = the repository is new. */
    static RepoItems apply(RepoItems current, JsonNode diff, String where) {
        Fields.objectItem(diff, where);
        diff.fieldNames().forEachRemaining(f -> {
            if (!f.equals("header") && !LISTS.containsKey(f)) {
                throw new IllegalArgumentException(Fields.path(where, f) + ": unknown field; accepted: header, "
                        + String.join(", ", LISTS.keySet()));
            }
        });
        RepoItems r = current;
        JsonNode header = Fields.object(diff, "header", where);
        if (r == null) {
            if (header == null) {
                throw Fields.wrong(Fields.path(where, "header"), "the header of a repository new to the journal", null);
            }
            r = new RepoItems();
        }
        if (header != null) {
            r.header = (ObjectNode) header;
        }
        for (var e : LISTS.entrySet()) {
            JsonNode changes = Fields.object(diff, e.getKey(), where);
            if (changes == null) {
                continue;
            }
            Map<String, JsonNode> byKey = r.items.get(e.getKey());
            for (var c : changes.properties()) {
                if (c.getValue().isNull()) {
                    byKey.remove(c.getKey());
                } else {
                    String w = Fields.path(Fields.path(where, e.getKey()), c.getKey());
                    key(c.getValue(), e.getValue(), w);
                    byKey.put(c.getKey(), c.getValue());
                }
            }
        }
        return r;
    }
}
