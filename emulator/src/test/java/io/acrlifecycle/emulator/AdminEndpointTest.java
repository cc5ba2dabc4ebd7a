package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The /_emulator/ control endpoint for standalone use. */
class AdminEndpointTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    @Test
    void shouldSeedMoveTheClockInjectFaultsAndReset() {
        // given
        RawClient admin = new RawClient(EMU.emulator());
        RawClient stranger = new RawClient(EMU.emulator(), "x", "y");
        // when
        HttpResponse<String> refused = stranger.basic("POST", "/_emulator/reset", null);
        HttpResponse<String> seed = admin.basic("POST", "/_emulator/seed",
                "{\"repositories\":[{\"name\":\"app\",\"manifests\":[{\"id\":\"a\",\"tags\":[\"v1\"]}]}]}");
        HttpResponse<String> digest = admin.basic("GET", "/_emulator/digest?repo=app&id=a", null);
        String seeded = EMU.emulator().digestOf("app", "a");
        Instant before = EMU.emulator().clock().now();
        HttpResponse<String> clock = admin.basic("POST", "/_emulator/clock", "{\"advance\":\"PT24H\"}");
        HttpResponse<String> fault = admin.basic("POST", "/_emulator/faults", "{\"method\":\"GET\",\"path\":\"/acr/v1/.*\",\"status\":429,\"retryAfterSeconds\":2}");
        HttpResponse<String> throttled = admin.basic("GET", "/acr/v1/app/_tags", null);
        HttpResponse<String> requests = admin.basic("GET", "/_emulator/requests", null);
        HttpResponse<String> reset = admin.basic("POST", "/_emulator/reset", null);
        // then
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(seed.statusCode()).isEqualTo(204);
        assertThat(json(digest).path("digest").asText()).isEqualTo(seeded);
        assertThat(clock.statusCode()).isEqualTo(200);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(fault.statusCode()).isEqualTo(204);
        assertThat(json(requests).toString()).contains("/acr/v1/app/_tags");
        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(EMU.emulator().faults().rules()).isEmpty();
        assertThat(Duration.between(before, Instant.parse(json(clock).path("now").asText()))).isGreaterThan(Duration.ofHours(23));
    }
}
