package io.acrlifecycle.engine.registry;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.acrlifecycle.engine.log.EngineLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;

/**
 * The one retry policy of the engine, in every pipeline (SDK data plane, raw data plane, token calls, ARM).
 * Retries 408, 429 and 5xx except 501/505, and IO errors and timeouts (not TLS trust failures: see
 * {@link #isRetriable(Throwable)}); waits what the server asks ({@code x-ms-retry-after-ms}, {@code retry-after-ms}, {@code Retry-After} in seconds or as an HTTP date, the
 * order azure-core uses) or else exponential backoff with jitter; never more than {@link RetrySettings#maxDelay()}
 * per wait, never more than {@link RetrySettings#maxRetries()} retries. Deletes are idempotent in ACR, so a retried
 * DELETE answered 404 is handed back as it is and the caller counts it as done.
 */
final class AcrRetryPolicy implements HttpPipelinePolicy {
    private static final HttpHeaderName X_MS_RETRY_AFTER_MS = HttpHeaderName.fromString("x-ms-retry-after-ms");
    private static final HttpHeaderName RETRY_AFTER_MS = HttpHeaderName.fromString("retry-after-ms");

    /** Guards against a cause cycle; real chains are a handful deep. */
    private static final int MAX_CAUSE_DEPTH = 32;

    private final RetrySettings settings;
    private final EngineLog log;
    private final Throttles throttles;

    AcrRetryPolicy(RetrySettings settings, EngineLog log) {
        this(settings, log, new Throttles());
    }

    /** {@code throttles} hear each 429/503 and may hold each retry back (a caller pacing to the quota). */
    AcrRetryPolicy(RetrySettings settings, EngineLog log, Throttles throttles) {
        this.settings = settings;
        this.log = log == null ? EngineLog.SILENT : log;
        this.throttles = throttles;
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        for (int attempt = 0; ; attempt++) {
            HttpResponse response;
            long sentAt = System.nanoTime();
            try {
                response = next.clone().processSync();
            } catch (RuntimeException e) {
                if (attempt >= settings.maxRetries() || !isRetriable(e)) {
                    throw e;
                }
                Duration wait = backoff(attempt);
                note(context, "no response (" + e.getClass().getSimpleName() + ")", attempt, wait);
                sleep(wait);
                continue;
            }
            heard(context, response, sentAt);
            if (attempt >= settings.maxRetries() || !isRetriable(response.getStatusCode())) {
                return response;
            }
            Duration wait = delay(response, attempt);
            note(context, "HTTP " + response.getStatusCode(), attempt, wait);
            response.close();
            sleep(wait);
            beforeRetry(context, response);
        }
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return attempt(context, next, 0);
    }

    private Mono<HttpResponse> attempt(HttpPipelineCallContext context, HttpPipelineNextPolicy next, int attempt) {
        long sentAt = System.nanoTime();
        return next.clone().process()
                .flatMap(response -> {
                    heard(context, response, sentAt);
                    if (attempt >= settings.maxRetries() || !isRetriable(response.getStatusCode())) {
                        return Mono.just(response);
                    }
                    Duration wait = delay(response, attempt);
                    note(context, "HTTP " + response.getStatusCode(), attempt, wait);
                    response.close();
                    return attempt(context, next, attempt + 1).delaySubscription(wait);
                })
                .onErrorResume(e -> attempt < settings.maxRetries() && isRetriable(e), e -> {
                    Duration wait = backoff(attempt);
                    note(context, "no response (" + e.getClass().getSimpleName() + ")", attempt, wait);
                    return attempt(context, next, attempt + 1).delaySubscription(wait);
                });
    }

    /** Tells the throttle listeners about a 429/503 (every one, also the last, which is not retried). */
    private void heard(HttpPipelineCallContext context, HttpResponse response, long sentAt) {
        int s = response.getStatusCode();
        if (s == 429 || s == 503) {
            throttles.throttled(context.getHttpRequest().getHttpMethod().name(),
                    context.getHttpRequest().getUrl().getPath(), s, sentAt, serverDelay(response.getHeaders()));
        }
    }

    /** After the wait, before the retry: a pacing listener may hold a throttled request back further. */
    private void beforeRetry(HttpPipelineCallContext context, HttpResponse response) {
        int s = response.getStatusCode();
        if (s != 429 && s != 503) {
            return;
        }
        try {
            throttles.beforeRetry(context.getHttpRequest().getHttpMethod().name(),
                    context.getHttpRequest().getUrl().getPath());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a registry call", e);
        }
    }

    static boolean isRetriable(int status) {
        return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
    }

    /**
     * IO errors and timeouts are transient, unless something in the cause chain says the peer is not trusted: an
     * untrusted certificate (PKIX path, hostname mismatch, expired) stays untrusted, so the whole chain is searched
     * for that first. The JDK client and reactor wrap the handshake failure (UncheckedIOException, IOException), so
     * stopping at the first IOException would retry it.
     */
    static boolean isRetriable(Throwable e) {
        boolean transientSeen = false;
        int depth = 0;
        for (Throwable t = e; t != null && depth < MAX_CAUSE_DEPTH; t = t.getCause(), depth++) {
            // an unknown host stays unknown for the seconds retries would take; say so at once
            if (t instanceof RegistryException || isTrustFailure(t) || RegistryErrors.isUnknownHost(t)) {
                return false;
            }
            if (t instanceof IOException || t instanceof UncheckedIOException || t instanceof TimeoutException
                    || t instanceof java.net.http.HttpTimeoutException) {
                transientSeen = true;
            }
        }
        return transientSeen;
    }

    private static boolean isTrustFailure(Throwable t) {
        return t instanceof javax.net.ssl.SSLHandshakeException || t instanceof javax.net.ssl.SSLPeerUnverifiedException
                || t instanceof java.security.cert.CertificateException
                || t instanceof java.security.cert.CertPathValidatorException
                || t instanceof java.security.cert.CertPathBuilderException;
    }

    /** What the server asked for, clamped to maxDelay; backoff when it asked nothing usable. */
    Duration delay(HttpResponse response, int attempt) {
        Duration asked = serverDelay(response.getHeaderValue(X_MS_RETRY_AFTER_MS),
                response.getHeaderValue(RETRY_AFTER_MS), response.getHeaderValue(HttpHeaderName.RETRY_AFTER),
                Instant.now());
        return asked == null ? backoff(attempt) : clamp(asked);
    }

    /** What an answer's headers ask for, unclamped; null when nothing usable. */
    static Duration serverDelay(com.azure.core.http.HttpHeaders headers) {
        return headers == null ? null : serverDelay(headers.getValue(X_MS_RETRY_AFTER_MS),
                headers.getValue(RETRY_AFTER_MS), headers.getValue(HttpHeaderName.RETRY_AFTER), Instant.now());
    }

    static Duration serverDelay(String xMsRetryAfterMs, String retryAfterMs, String retryAfter, Instant now) {
        Duration d = millis(xMsRetryAfterMs);
        if (d == null) {
            d = millis(retryAfterMs);
        }
        if (d == null && retryAfter != null && !retryAfter.isBlank()) {
            String v = retryAfter.trim();
            try {
                d = Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    d = Duration.between(now, at);
                    if (d.isNegative()) {
                        d = Duration.ZERO;
                    }
                } catch (RuntimeException notADate) {
                    d = null;
                }
            }
        }
        return d == null || d.isNegative() ? null : d;
    }

    private static Duration millis(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** base * 2^attempt, plus up to 20% jitter, clamped to maxDelay. */
    Duration backoff(int attempt) {
        long base = settings.baseDelay().toMillis();
        long exp = base << Math.min(attempt, 20);
        long jitter = exp <= 0 ? 0 : ThreadLocalRandom.current().nextLong(exp / 5 + 1);
        return clamp(Duration.ofMillis(exp + jitter));
    }

    private Duration clamp(Duration d) {
        return d.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : d;
    }

    private void note(HttpPipelineCallContext context, String what, int attempt, Duration wait) {
        // Method and path only: the query and the headers may carry nothing secret today, but we do not risk it.
        log.info("registry call " + context.getHttpRequest().getHttpMethod() + " "
                + context.getHttpRequest().getUrl().getPath() + ": " + what + ", retry " + (attempt + 1) + "/"
                + settings.maxRetries() + " in " + wait.toMillis() + " ms");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a registry call", e);
        }
    }
}
