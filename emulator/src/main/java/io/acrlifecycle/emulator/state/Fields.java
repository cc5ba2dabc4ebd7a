package io.acrlifecycle.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;

/**
 * Strict reads of a saved state: a field of the wrong type is an error naming its path (never a default), so a
 * state the emulator did not write is refused instead of restored as an empty registry and overwritten.
 * Absent or JSON-null optional fields are null.
 */
final class Fields {
    private Fields() {
    }

    static String path(String where, String field) {
        return where.isEmpty() ? field : where + "." + field;
    }

    static String index(String where, int i) {
        return where + "[" + i + "]";
    }

    static IllegalArgumentException wrong(String path, String expected, JsonNode found) {
        return new IllegalArgumentException(path + ": expected " + expected + ", found "
                + (found == null ? "nothing" : found.getNodeType().toString().toLowerCase(Locale.ROOT)));
    }

    private static JsonNode get(JsonNode o, String field, String where, String expected, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw wrong(path(where, field), expected, null);
            }
            return null;
        }
        return v;
    }

    static String text(JsonNode o, String field, String where, boolean required) {
        JsonNode v = get(o, field, where, "a string", required);
        if (v != null && !v.isTextual()) {
            throw wrong(path(where, field), "a string", v);
        }
        return v == null ? null : v.textValue();
    }

    static Long integer(JsonNode o, String field, String where, boolean required) {
        JsonNode v = get(o, field, where, "an integer", required);
        if (v != null && !v.isIntegralNumber()) {
            throw wrong(path(where, field), "an integer", v);
        }
        return v == null ? null : v.longValue();
    }

    static Boolean bool(JsonNode o, String field, String where) {
        JsonNode v = get(o, field, where, "true or false", false);
        if (v != null && !v.isBoolean()) {
            throw wrong(path(where, field), "true or false", v);
        }
        return v == null ? null : v.booleanValue();
    }

    static Instant instant(JsonNode o, String field, String where, boolean required) {
        String s = text(o, field, where, required);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(path(where, field) + ": '" + s + "' is not an ISO-8601 instant");
        }
    }

    static byte[] base64(JsonNode o, String field, String where, boolean required) {
        String s = text(o, field, where, required);
        return s == null ? null : decode(s, path(where, field));
    }

    static byte[] decode(String s, String path) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": not base64 (" + e.getMessage() + ")");
        }
    }

    /** An object field, or null when absent. */
    static JsonNode object(JsonNode o, String field, String where) {
        JsonNode v = get(o, field, where, "an object", false);
        if (v != null && !v.isObject()) {
            throw wrong(path(where, field), "an object", v);
        }
        return v;
    }

    /** An array field, or an empty array when absent. */
    static JsonNode array(JsonNode o, String field, String where) {
        JsonNode v = get(o, field, where, "an array", false);
        if (v != null && !v.isArray()) {
            throw wrong(path(where, field), "an array", v);
        }
        return v == null ? JsonNodeFactory.instance.arrayNode() : v;
    }

    static JsonNode objectItem(JsonNode item, String path) {
        if (!item.isObject()) {
            throw wrong(path, "an object", item);
        }
        return item;
    }

    static String textItem(JsonNode item, String path) {
        if (!item.isTextual()) {
            throw wrong(path, "a string", item);
        }
        return item.textValue();
    }
}
