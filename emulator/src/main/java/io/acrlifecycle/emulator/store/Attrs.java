package io.acrlifecycle.emulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.emulator.base.Json;

/** ACR's {@code changeableAttributes} of a repository, tag or manifest. Guarded by the store's lock. */
public final class Attrs {
    public boolean deleteEnabled = true;
    public boolean writeEnabled = true;
    public boolean readEnabled = true;
    public boolean listEnabled = true;

    /** Locked against deletion: {@code writeEnabled=false} blocks deletes as well as {@code deleteEnabled=false}. */
    public boolean deleteLocked() {
        return !deleteEnabled || !writeEnabled;
    }

    public ObjectNode toJson() {
        return Json.object().put("deleteEnabled", deleteEnabled).put("writeEnabled", writeEnabled)
                .put("readEnabled", readEnabled).put("listEnabled", listEnabled);
    }

    /** Applies the booleans present in {@code node}; anything else there is an error naming the field. */
    public void apply(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        Attrs next = copy();
        for (var e : node.properties()) {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (!v.isBoolean()) {
                throw new IllegalArgumentException("'" + e.getKey() + "' must be true or false");
            }
            switch (e.getKey()) {
                case "deleteEnabled" -> next.deleteEnabled = v.booleanValue();
                case "writeEnabled" -> next.writeEnabled = v.booleanValue();
                case "readEnabled" -> next.readEnabled = v.booleanValue();
                case "listEnabled" -> next.listEnabled = v.booleanValue();
                default -> throw new IllegalArgumentException("unknown attribute '" + e.getKey() + "'");
            }
        }
        deleteEnabled = next.deleteEnabled;
        writeEnabled = next.writeEnabled;
        readEnabled = next.readEnabled;
        listEnabled = next.listEnabled;
    }

    public Attrs copy() {
        Attrs a = new Attrs();
        a.deleteEnabled = deleteEnabled;
        a.writeEnabled = writeEnabled;
        a.readEnabled = readEnabled;
        a.listEnabled = listEnabled;
        return a;
    }

    public static Attrs fromJson(JsonNode node) {
        Attrs a = new Attrs();
        if (node != null && node.isObject()) {
            a.deleteEnabled = node.path("deleteEnabled").asBoolean(true);
            a.writeEnabled = node.path("writeEnabled").asBoolean(true);
            a.readEnabled = node.path("readEnabled").asBoolean(true);
            a.listEnabled = node.path("listEnabled").asBoolean(true);
        }
        return a;
    }
}
