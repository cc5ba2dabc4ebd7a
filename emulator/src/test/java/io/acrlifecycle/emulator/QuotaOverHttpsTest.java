package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.errorCode;
import static io.acrlifecycle.emulator.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tier quota as a client sees it: ACR's 429, Retry-After honoured by moving the emulator clock, the log. */
class QuotaOverHttpsTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private RawClient raw;
    private String token;

    @BeforeEach
    void setUp() {
        // 3 writes per hour: a token every 20 minutes, so the real time a test takes refills nothing that matters
        EMU.emulator().seed("{\"quota\":{\"writeOps\":3,\"window\":\"PT1H\"},\"repositories\":[{\"name\":\"app\","
                + "\"manifests\":[{\"id\":\"a\",\"tags\":[\"t0\",\"t1\",\"t2\",\"t3\",\"t4\"]}]}]}");
        raw = new RawClient(EMU.emulator());
        token = raw.token("repository:app:pull,delete,metadata_read");
    }

    @Test
    void shouldAnswer429TooManyRequestsRightAfterTheBudgetAndServeAgainAfterRetryAfter() {
        // when
        for (int i = 0; i < 3; i++) {
            assertThat(raw.call("DELETE", "/acr/v1/app/_tags/t" + i, null, token).statusCode()).isEqualTo(202);
        }
        HttpResponse<String> throttled = raw.call("DELETE", "/acr/v1/app/_tags/t3", null, token);
        HttpResponse<String> read = raw.call("GET", "/acr/v1/app/_tags", null, token);
        // then
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(errorCode(throttled)).isEqualTo("TOOMANYREQUESTS");
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1200");
        assertThat(read.statusCode()).as("reads have their own budget").isEqualTo(200);
        assertThat(raw.call("GET", "/acr/v1/app/_tags/t3", null, token).statusCode()).isEqualTo(200);
        // when the client waits what Retry-After said (on the emulator's clock)
        EMU.emulator().clock().advance(Duration.ofSeconds(1199));
        assertThat(raw.call("DELETE", "/acr/v1/app/_tags/t3", null, token).statusCode()).isEqualTo(429);
        EMU.emulator().clock().advance(Duration.ofSeconds(1));
        assertThat(raw.call("DELETE", "/acr/v1/app/_tags/t3", null, token).statusCode()).isEqualTo(202);
        // then the log has every request, the refused ones with 429
        assertThat(EMU.emulator().requestLog().entries().stream().filter(e -> e.status() == 429).count()).isEqualTo(2);
        assertThat(EMU.emulator().quotas().counts()).isEqualTo(new Quotas.Counts(2, 4, 0, 2));
    }

    @Test
    void shouldLeaveRetryAfterOutWhenAskedAndBeSetFromTheControlEndpoint() {
        // given
        HttpResponse<String> set = raw.basic("POST", "/_emulator/quota", "{\"writeOps\":1,\"retryAfter\":false}");
        // when
        int first = raw.call("DELETE", "/acr/v1/app/_tags/t0", null, token).statusCode();
        HttpResponse<String> second = raw.call("DELETE", "/acr/v1/app/_tags/t1", null, token);
        HttpResponse<String> shown = raw.basic("GET", "/_emulator/quota", null);
        HttpResponse<String> off = raw.basic("DELETE", "/_emulator/quota", null);
        int third = raw.call("DELETE", "/acr/v1/app/_tags/t1", null, token).statusCode();
        // then
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(json(set).path("window").asText()).isEqualTo("PT1H");
        assertThat(first).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).isEmpty();
        assertThat(json(shown).path("writeOps").asInt()).isEqualTo(1);
        assertThat(json(shown).path("throttled").path("writes").asInt()).isEqualTo(1);
        assertThat(off.statusCode()).isEqualTo(204);
        assertThat(third).isEqualTo(202);
    }

    @Test
    void shouldRefuseBadSettingsNamingTheField() {
        HttpResponse<String> bad = raw.basic("POST", "/_emulator/quota", "{\"writeOps\":-5}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("quota.writeOps: -5 must be at least 1");
    }
}
