package io.acrlifecycle.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AcrRetryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void shouldPreferXMsRetryAfterMsThenRetryAfterMsThenRetryAfter() {
        assertThat(AcrRetryPolicy.serverDelay("250", "900", "7", NOW)).isEqualTo(Duration.ofMillis(250));
        assertThat(AcrRetryPolicy.serverDelay(null, "900", "7", NOW)).isEqualTo(Duration.ofMillis(900));
        assertThat(AcrRetryPolicy.serverDelay(null, null, "7", NOW)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void shouldReadRetryAfterAsAnHttpDate() {
        assertThat(AcrRetryPolicy.serverDelay(null, null, "Thu, 26 Nov 2026 10:00:12 GMT", NOW))
                .isEqualTo(Duration.ofSeconds(12));
        // a date in the past means "now"
        assertThat(AcrRetryPolicy.serverDelay(null, null, "Thu, 26 Nov 2026 09:00:00 GMT", NOW))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void shouldIgnoreGarbageDelayHeaders() {
        assertThat(AcrRetryPolicy.serverDelay("soon", null, "later", NOW)).isNull();
        assertThat(AcrRetryPolicy.serverDelay(null, null, "-5", NOW)).isNull();
    }

    @Test
    void shouldGrowBackoffExponentiallyAndClampToMaxDelay() {
        AcrRetryPolicy p = new AcrRetryPolicy(new RetrySettings(10, Duration.ofMillis(100), Duration.ofSeconds(1)),
                null);

        assertThat(p.backoff(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(120));
        assertThat(p.backoff(2)).isBetween(Duration.ofMillis(400), Duration.ofMillis(480));
        assertThat(p.backoff(9)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldRetryThrottlingAndServerErrorsButNot501Or505OrClientErrors() {
        assertThat(AcrRetryPolicy.isRetriable(429)).isTrue();
        assertThat(AcrRetryPolicy.isRetriable(408)).isTrue();
        assertThat(AcrRetryPolicy.isRetriable(500)).isTrue();
        assertThat(AcrRetryPolicy.isRetriable(503)).isTrue();
        assertThat(AcrRetryPolicy.isRetriable(501)).isFalse();
        assertThat(AcrRetryPolicy.isRetriable(505)).isFalse();
        assertThat(AcrRetryPolicy.isRetriable(404)).isFalse();
        assertThat(AcrRetryPolicy.isRetriable(401)).isFalse();
    }

    @Test
    void shouldRetryIoErrorsButNotOurOwnRegistryExceptions() {
        assertThat(AcrRetryPolicy.isRetriable(new UncheckedIOException(new IOException("reset")))).isTrue();
        assertThat(AcrRetryPolicy.isRetriable(new RuntimeException(new java.net.http.HttpTimeoutException("t"))))
                .isTrue();
        assertThat(AcrRetryPolicy.isRetriable(new AuthenticationFailedException("x", 401, null, null))).isFalse();
        assertThat(AcrRetryPolicy.isRetriable(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void shouldNotRetryATrustFailureWrappedInAnIoError() {
        // as the JDK client and reactor hand them over: the handshake failure is the cause of an IO error
        javax.net.ssl.SSLHandshakeException pkix = new javax.net.ssl.SSLHandshakeException("PKIX path building failed");
        pkix.initCause(new java.security.cert.CertificateException("unable to find valid certification path"));
        assertThat(AcrRetryPolicy.isRetriable(new UncheckedIOException(new IOException(pkix)))).isFalse();
        assertThat(AcrRetryPolicy.isRetriable(new RuntimeException(new IOException(
                new javax.net.ssl.SSLPeerUnverifiedException("peer not authenticated"))))).isFalse();
        assertThat(AcrRetryPolicy.isRetriable(new UncheckedIOException(new IOException("handshake",
                new java.security.cert.CertificateException("No subject alternative names matching IP address")))))
                .isFalse();
        assertThat(AcrRetryPolicy.isRetriable(new IOException(new java.security.cert.CertPathValidatorException(
                "validity check failed")))).isFalse();
        // a plain SSL error that is not about trust (e.g. a connection closed mid-handshake) is still retried
        assertThat(AcrRetryPolicy.isRetriable(new UncheckedIOException(new javax.net.ssl.SSLException(
                "Connection reset")))).isTrue();
    }

    @Test
    void shouldRefuseUnboundedSettings() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new RetrySettings(50, Duration.ofMillis(1), Duration.ofSeconds(1)))
                .hasMessageContaining("maxRetries").hasMessageContaining("0..20");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new RetrySettings(3, Duration.ofMillis(1), Duration.ofHours(1)))
                .hasMessageContaining("maxDelay");
    }
}
