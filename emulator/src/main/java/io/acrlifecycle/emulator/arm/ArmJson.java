package io.acrlifecycle.emulator.arm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** JSON helpers of the ARM package: one mapper, tolerant readers for optional fields. */
final class ArmJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ArmJson() {
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a request body; an empty body is an empty object, invalid JSON is ARM's {@code InvalidRequestContent}. */
    static JsonNode readBody(byte[] body) {
        if (body == null || body.length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                return MAPPER.createObjectNode();
            }
            if (!node.isObject()) {
                throw ArmException.badRequest("InvalidRequestContent",
                        "The request content was invalid and could not be deserialized: expected a JSON object.");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ArmException.badRequest("InvalidRequestContent",
                    "The request content was invalid and could not be deserialized: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Instant instant(JsonNode node, String field) {
        String s = text(node, field);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + s + "' is not an ISO-8601 instant; accepted: 2026-01-31T12:00:00Z");
        }
    }

    static String format(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
