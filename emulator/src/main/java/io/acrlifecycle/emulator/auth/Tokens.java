package io.acrlifecycle.emulator.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.emulator.base.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * JWT-shaped tokens. Header and payload are standard base64 with no {@code +}, {@code /} or padding (see
 * {@link CleanBase64}); the signature is an HMAC-SHA256 in hex. Expiry is checked against real time, not the
 * emulator clock: clients cache tokens by real time, and moving the registry's clock must not log them out.
 */
public final class Tokens {
    public static final String KIND = "acr_kind";
    private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"acr-emulator\"}";
    private final byte[] secret;

    public Tokens(byte[] secret) {
        this.secret = secret.clone();
    }

    public static byte[] newSecret() {
        byte[] s = new byte[32];
        new SecureRandom().nextBytes(s);
        return s;
    }

    public byte[] secret() {
        return secret.clone();
    }

    /** Mints a token; {@code claims} gets {@code exp}, {@code iat}, {@code nbf} and {@code jti} added. */
    public String mint(ObjectNode claims, long validitySeconds) {
        long now = Instant.now().getEpochSecond();
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("nbf", Math.min(now, now + validitySeconds) - 5);
        claims.put("iat", now);
        claims.put("exp", now + validitySeconds);
        String signingInput = CleanBase64.encode(HEADER) + "." + CleanBase64.encode(Json.write(claims));
        return signingInput + "." + sign(signingInput);
    }

    /** The claims of a token this emulator signed, if the signature holds and it has not expired. */
    public Optional<JsonNode> verify(String token) {
        int dot = token.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        byte[] expected = sign(token.substring(0, dot)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return decodeUnverified(token).filter(Tokens::unexpired);
    }

    /** The payload of any JWT-shaped token, decoding standard or URL-safe base64. */
    public static Optional<JsonNode> decodeUnverified(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            String p = parts[1].replace('-', '+').replace('_', '/').replace("=", "");
            byte[] json = Base64.getDecoder().decode(p + "==".substring(0, (4 - p.length() % 4) % 4));
            JsonNode node = Json.parse(json);
            return node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static boolean unexpired(JsonNode claims) {
        JsonNode exp = claims.get("exp");
        return exp != null && exp.isNumber() && exp.asDouble() > Instant.now().getEpochSecond();
    }

    private String sign(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
