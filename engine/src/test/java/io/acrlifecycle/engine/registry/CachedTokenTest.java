package io.acrlifecycle.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CachedTokenTest {
    @Test
    void shouldLeaveTheTokenOutOfToString() {
        // given a cached access token
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl";
        AcrChallengePolicy.Cached cached = new AcrChallengePolicy.Cached(token, Instant.parse("2026-11-26T23:00:00Z"));

        // when it is printed
        String text = cached.toString();

        // then the token is not in it, the refresh time is
        assertThat(text).doesNotContain(token).doesNotContain("eyJ").contains("2026-11-26T23:00:00Z");
        assertThat(cached.token()).isEqualTo(token);
    }
}
