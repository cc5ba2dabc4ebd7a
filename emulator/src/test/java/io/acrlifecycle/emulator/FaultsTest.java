package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Injected faults as a client sees them, and the request log. */
class FaultsTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private RawClient raw;
    private String token;

    @BeforeEach
    void setUp() {
        EMU.emulator().seed("{\"repositories\":[{\"name\":\"app\",\"manifests\":[{\"id\":\"a\",\"tags\":[\"v1\",\"v2\"]}]}]}");
        raw = new RawClient(EMU.emulator());
        token = raw.token("repository:app:delete,metadata_read");
    }

    @Test
    void shouldAnswer429WithRetryAfterTheConfiguredNumberOfTimes() {
        // given
        EMU.emulator().faults().add(FaultRule.status("DELETE", "/acr/v1/.*", 429).retryAfterSeconds(3).times(2));
        // when
        HttpResponse<String> first = raw.call("DELETE", "/acr/v1/app/_tags/v1", null, token);
        HttpResponse<String> second = raw.call("DELETE", "/acr/v1/app/_tags/v1", null, token);
        HttpResponse<String> third = raw.call("DELETE", "/acr/v1/app/_tags/v1", null, token);
        // then
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(errorCode(first)).isEqualTo("TOOMANYREQUESTS");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(third.statusCode()).isEqualTo(202);
        assertThat(EMU.emulator().requestLog().count("DELETE", "/acr/v1/app/_tags/v1")).isEqualTo(3);
        assertThat(EMU.emulator().requestLog().entries()).extracting(RequestLog.Entry::status).contains(429, 202);
    }

    @Test
    void shouldDelayMatchingRequests() {
        // given
        EMU.emulator().faults().add(FaultRule.latency("GET", "/acr/v1/app/_tags", Duration.ofMillis(300)));
        // when
        long start = System.nanoTime();
        HttpResponse<String> r = raw.call("GET", "/acr/v1/app/_tags", null, token);
        long millis = (System.nanoTime() - start) / 1_000_000;
        // then
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(millis).isGreaterThanOrEqualTo(300);
    }

    @Test
    void shouldDropTheConnection() {
        // given
        EMU.emulator().faults().add(FaultRule.drop("GET", "/acr/v1/app/_manifests"));
        // when / then (java.net.http retries a GET once on a closed connection, so the rule stays on)
        assertThatThrownBy(() -> raw.call("GET", "/acr/v1/app/_manifests", null, token))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
        assertThat(EMU.emulator().requestLog().entries()).extracting(RequestLog.Entry::status).contains(0);
        EMU.emulator().faults().clear();
        assertThat(raw.call("GET", "/acr/v1/app/_manifests", null, token).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldApplyADeleteThenDropItsResponse() {
        // given
        EMU.emulator().faults().add(FaultRule.dropAfterApply("DELETE", "/acr/v1/app/_tags/v1").times(1));

        // when: the client sees the connection close, never a status
        assertThatThrownBy(() -> raw.call("DELETE", "/acr/v1/app/_tags/v1", null, token))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);

        // then the delete was applied: the tag is gone (404 on a second delete), v2 is untouched
        assertThat(EMU.emulator().requestLog().entries()).filteredOn(e -> e.method().equals("DELETE"))
                .extracting(RequestLog.Entry::status).containsExactly(0);
        assertThat(raw.call("GET", "/acr/v1/app/_tags/v1", null, token).statusCode()).isEqualTo(404);
        assertThat(raw.call("GET", "/acr/v1/app/_tags/v2", null, token).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldInjectServerErrorsAtARate() {
        // given
        EMU.emulator().faults().add(FaultRule.status(null, "/acr/v1/app/_tags", 503).rate(0.5));
        // when
        int failures = 0;
        for (int i = 0; i < 60; i++) {
            if (raw.call("GET", "/acr/v1/app/_tags", null, token).statusCode() == 503) {
                failures++;
            }
        }
        // then
        assertThat(failures).isBetween(10, 50);
    }
}
