package io.acrlifecycle.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.engine.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Reads the {@code exp} claim of an ACR/AAD JWT without verifying it (we only need to know when to refresh).
 * ACR encodes payloads with the standard base64 alphabet (the Java SDK decodes with {@code Base64.getDecoder()}),
 * other issuers use base64url; both are accepted, with or without padding.
 */
final class Jwt {
    private Jwt() {
    }

    /** The expiry, or null for opaque (non-JWT) tokens and unreadable payloads. */
    static Instant expiry(String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            String payload = parts[1].replace('-', '+').replace('_', '/');
            while (payload.length() % 4 != 0) {
                payload += "=";
            }
            JsonNode node = Json.mapper().readTree(new String(Base64.getDecoder().decode(payload),
                    StandardCharsets.UTF_8));
            JsonNode exp = node.get("exp");
            return exp == null || !exp.isNumber() ? null : Instant.ofEpochSecond(exp.asLong());
        } catch (Exception e) {
            return null;
        }
    }
}
