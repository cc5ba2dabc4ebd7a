package io.acrlifecycle.emulator.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.emulator.base.Json;
import io.acrlifecycle.emulator.base.Times;
import io.acrlifecycle.emulator.store.ChildRef;
import io.acrlifecycle.emulator.store.ManifestRec;
import io.acrlifecycle.emulator.store.Repo;
import io.acrlifecycle.emulator.store.TagRec;

/** ACR's JSON shapes for /acr/v1 (field names as in the real service's responses). */
public final class Views {
    private Views() {
    }

    public static ObjectNode repository(String loginServer, Repo r) {
        ObjectNode o = Json.object().put("registry", loginServer).put("imageName", r.name)
                .put("createdTime", Times.format(r.created)).put("lastUpdateTime", Times.format(r.updated))
                .put("manifestCount", r.manifestCount()).put("tagCount", r.tagCount());
        o.set("changeableAttributes", r.attrs.toJson());
        return o;
    }

    public static ObjectNode tag(TagRec t) {
        ObjectNode o = Json.object().put("name", t.name()).put("digest", t.digest())
                .put("createdTime", Times.format(t.created())).put("lastUpdateTime", Times.format(t.updated()))
                .put("signed", false);
        o.set("changeableAttributes", t.attrs.toJson());
        return o;
    }

    public static ObjectNode manifest(ManifestRec m, boolean withReferences) {
        ObjectNode o = Json.object().put("digest", m.digest).put("imageSize", m.imageSize)
                .put("createdTime", Times.format(m.created)).put("lastUpdateTime", Times.format(m.updated()));
        if (m.architecture != null) {
            o.put("architecture", m.architecture);
        }
        if (m.os != null) {
            o.put("os", m.os);
        }
        o.put("mediaType", m.mediaType);
        if (m.configMediaType != null) {
            o.put("configMediaType", m.configMediaType);
        }
        if (!m.tags.isEmpty()) {
            ArrayNode tags = o.putArray("tags");
            m.tags.forEach(tags::add);
        }
        o.set("changeableAttributes", m.attrs.toJson());
        if (withReferences && !m.children.isEmpty()) {
            ArrayNode refs = o.putArray("references");
            for (ChildRef c : m.children) {
                ObjectNode r = refs.addObject().put("digest", c.digest());
                if (c.architecture() != null) {
                    r.put("architecture", c.architecture());
                }
                if (c.os() != null) {
                    r.put("os", c.os());
                }
            }
        }
        return o;
    }

    public static ObjectNode wrapper(String loginServer, String repo) {
        return Json.object().put("registry", loginServer).put("imageName", repo);
    }
}
