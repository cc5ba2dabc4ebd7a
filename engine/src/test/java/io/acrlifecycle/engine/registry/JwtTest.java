package io.acrlifecycle.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtTest {

    private static String token(String payloadJson, Base64.Encoder enc) {
        return enc.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + enc.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    @Test
    void shouldReadExpFromStandardBase64Payload() {
        String t = token("{\"exp\":1900000000,\"aud\":\"r\"}", Base64.getEncoder());

        assertThat(Jwt.expiry(t)).isEqualTo(Instant.ofEpochSecond(1_900_000_000L));
    }

    @Test
    void shouldReadExpFromUnpaddedBase64UrlPayload() {
        // '>>>' and '???' force '-' and '_' into the url-safe encoding
        String t = token("{\"x\":\">>>???\",\"exp\":1800000000}", Base64.getUrlEncoder().withoutPadding());
        assertThat(t.split("\\.")[1]).containsAnyOf("-", "_");

        assertThat(Jwt.expiry(t)).isEqualTo(Instant.ofEpochSecond(1_800_000_000L));
    }

    @Test
    void shouldReturnNullForOpaqueOrBrokenTokens() {
        assertThat(Jwt.expiry("opaque-token")).isNull();
        assertThat(Jwt.expiry("a.!!!.c")).isNull();
        assertThat(Jwt.expiry(token("{\"noexp\":1}", Base64.getEncoder()))).isNull();
        assertThat(Jwt.expiry(null)).isNull();
    }
}
