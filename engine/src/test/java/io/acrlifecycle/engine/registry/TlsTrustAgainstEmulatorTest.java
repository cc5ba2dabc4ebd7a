package io.acrlifecycle.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.Context;
import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/**
 * A client that does not trust the emulator's CA (the JDK's default trust store, no sslContext): the handshake
 * fails before any HTTP exchange, the failure is not transient, so the retry policy must not try again.
 */
class TlsTrustAgainstEmulatorTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    /** Counts every attempt the pipeline hands to the real JDK client (a retry is a second attempt). */
    static final class CountingClient implements HttpClient {
        final HttpClient delegate;
        final AtomicInteger attempts = new AtomicInteger();

        CountingClient(HttpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public Mono<HttpResponse> send(HttpRequest request) {
            return Mono.defer(() -> {
                attempts.incrementAndGet();
                return delegate.send(request);
            });
        }

        @Override
        public Mono<HttpResponse> send(HttpRequest request, Context context) {
            return Mono.defer(() -> {
                attempts.incrementAndGet();
                return delegate.send(request, context);
            });
        }

        @Override
        public HttpResponse sendSync(HttpRequest request, Context context) {
            attempts.incrementAndGet();
            return delegate.sendSync(request, context);
        }
    }

    @Test
    void shouldFailOnceWithoutRetryingWhenTheCertificateIsNotTrusted() {
        // given: the emulator, and a client with the JDK's default trust store (no emulator CA), with retry delays
        // long enough (1 s base, 4 retries) that a retried handshake could not go unnoticed
        AcrEmulator emu = EMU.emulator();
        emu.seed("{\"repositories\":[{\"name\":\"app\",\"manifests\":[{\"id\":\"a1\",\"tags\":[\"v1\"]}]}]}");
        CountingClient client = new CountingClient(new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder())
                .connectionTimeout(Duration.ofSeconds(5)).build());
        RegistryConfig config = EmulatorRegistries.config(emu).sslContext(null).httpClient(client)
                .retry(new RetrySettings(4, Duration.ofSeconds(1), Duration.ofSeconds(8))).build();

        // when
        Throwable thrown;
        try (AcrRegistry untrusted = Registries.open(config)) {
            thrown = catchThrowable(() -> untrusted.tag("app", "v1"));
        }

        // then: one attempt, no retry; the message explains the trust problem; the server answered nothing
        assertThat(client.attempts.get()).isEqualTo(1);
        assertThat(thrown).isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("TLS handshake").hasMessageContaining("private CA")
                .hasMessageContaining("trustStore");
        assertThat(emu.requestLog().entries()).isEmpty();
    }
}
