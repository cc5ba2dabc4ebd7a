package io.acrlifecycle.emulator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.emulator.base.Json;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Token segments decode the same with the standard and the URL-safe alphabet, whatever the claims hold. */
class CleanBase64Test {
    @Test
    void shouldEncodeRandomClaimsWithoutPlusSlashOrPadding() {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            // given
            ObjectNode claims = Json.object().put("sub", randomText(random)).put("exp", 1_800_000_000L + random.nextInt());
            claims.putArray("access").addObject().put("type", "repository").put("name", randomText(random))
                    .putArray("actions").add("pull").add("delete");
            String json = Json.write(claims);
            // when
            String encoded = CleanBase64.encode(json);
            // then
            assertThat(encoded).doesNotContain("+", "/", "=", "-", "_");
            assertThat(Json.write(Json.parse(Base64.getUrlDecoder().decode(encoded)))).isEqualTo(json);
            assertThat(Json.write(Json.parse(Base64.getDecoder().decode(encoded)))).isEqualTo(json);
        }
    }

    @Test
    void shouldEncodeALargePayload() {
        // given: an access token for 2,000 repositories
        ObjectNode claims = Json.object().put("exp", 1_800_000_000L);
        var access = claims.putArray("access");
        for (int i = 0; i < 2000; i++) {
            access.addObject().put("type", "repository").put("name", "team/app-" + i).putArray("actions").add("pull");
        }
        String json = Json.write(claims);
        // when
        String encoded = CleanBase64.encode(json);
        // then
        assertThat(encoded).doesNotContain("+", "/", "=");
        assertThat(Json.write(Json.parse(Base64.getUrlDecoder().decode(encoded)))).isEqualTo(json);
    }

    private static String randomText(Random random) {
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(60);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(10);
            b.append(kind == 0 ? (char) (0x00e0 + random.nextInt(40)) : kind == 1 ? '/' : kind == 2 ? '"' : (char) (0x21 + random.nextInt(94)));
        }
        return b.toString();
    }
}
