package io.acrlifecycle.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.emulator.base.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The tier quota's token buckets on a fake clock: exactly when 429 starts, and how long Retry-After says to wait. */
class QuotasTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T00:00:00Z"));
    private final AtomicReference<String> sku = new AtomicReference<>("Standard");
    private final Quotas quotas = new Quotas(sku::get, now::get);

    private void advance(Duration d) {
        now.set(now.get().plus(d));
    }

    @Test
    void shouldServeExactlyTheBudgetThenAnswerWithTheWaitForTheNextToken() {
        // given 5 writes per minute: one token every 12 s
        quotas.set(new QuotaSettings(true, null, 5, Duration.ofMinutes(1), true));
        // when / then
        for (int i = 0; i < 5; i++) {
            assertThat(quotas.admit("DELETE", "/acr/v1/app/_tags/t" + i)).as("write %d", i + 1).isNull();
        }
        assertThat(quotas.admit("DELETE", "/acr/v1/app/_tags/t5")).isEqualTo(Duration.ofSeconds(12));
        advance(Duration.ofMillis(11_990));
        assertThat(quotas.admit("DELETE", "/acr/v1/app/_tags/t5")).as("10 ms short of a token").isEqualTo(Duration.ofSeconds(1));
        advance(Duration.ofMillis(10));
        assertThat(quotas.admit("DELETE", "/acr/v1/app/_tags/t5")).isNull();
        assertThat(quotas.admit("PUT", "/v2/app/manifests/v1")).isNotNull();
        assertThat(quotas.counts()).isEqualTo(new Quotas.Counts(0, 6, 0, 3));
    }

    @Test
    void shouldCountReadsAndWritesApartAndOnlyOnTheDataPlane() {
        // given
        quotas.set(new QuotaSettings(true, 2, 1, Duration.ofMinutes(1), true));
        // when
        assertThat(quotas.admit("DELETE", "/v2/app/manifests/sha256:a")).isNull();
        assertThat(quotas.admit("PATCH", "/acr/v1/app/_tags/v1")).isNotNull();
        assertThat(quotas.admit("GET", "/acr/v1/app/_tags")).isNull();
        assertThat(quotas.admit("HEAD", "/v2/app/manifests/v1")).isNull();
        assertThat(quotas.admit("GET", "/v2/_catalog")).isNotNull();
        // then: the token service, ARM and the control endpoint are never throttled
        assertThat(quotas.admit("POST", "/oauth2/token")).isNull();
        assertThat(quotas.admit("GET", "/subscriptions/x/resourceGroups/rg")).isNull();
        assertThat(quotas.admit("POST", "/_emulator/clock")).isNull();
        assertThat(quotas.counts()).isEqualTo(new Quotas.Counts(2, 1, 1, 1));
    }

    @Test
    void shouldRefillContinuouslyUpToOneWindowAndNeverBeyond() {
        // given 60 writes per minute, all spent
        quotas.set(new QuotaSettings(true, null, 60, Duration.ofMinutes(1), true));
        for (int i = 0; i < 60; i++) {
            quotas.admit("DELETE", "/acr/v1/a/_tags/t");
        }
        // when an hour passes, the bucket holds one window's budget, not sixty
        advance(Duration.ofHours(1));
        int served = 0;
        while (quotas.admit("DELETE", "/acr/v1/a/_tags/t") == null) {
            served++;
        }
        // then
        assertThat(served).isEqualTo(60);
        advance(Duration.ofSeconds(10));
        served = 0;
        while (quotas.admit("DELETE", "/acr/v1/a/_tags/t") == null) {
            served++;
        }
        assertThat(served).isEqualTo(10);
    }

    @Test
    void shouldUseTheDocumentedFiguresOfTheCurrentSku() {
        // given
        quotas.set(QuotaSettings.documented());
        // then
        assertThat(quotas.writeBudget()).isEqualTo(500);
        assertThat(quotas.readBudget()).isEqualTo(3000);
        sku.set("Basic");
        assertThat(quotas.writeBudget()).isEqualTo(100);
        assertThat(quotas.readBudget()).isEqualTo(1000);
        sku.set("Premium");
        assertThat(quotas.writeBudget()).isEqualTo(2000);
        assertThat(quotas.readBudget()).isEqualTo(10_000);
        // when the tier drops to Basic mid-run, the bucket is capped at the new budget
        for (int i = 0; i < 150; i++) {
            quotas.admit("DELETE", "/acr/v1/a/_tags/t");
        }
        sku.set("Basic");
        int served = 0;
        while (quotas.admit("DELETE", "/acr/v1/a/_tags/t") == null) {
            served++;
        }
        assertThat(served).isEqualTo(100);
    }

    @Test
    void shouldStartAtTheRefillRateWhenDrained() {
        // given 60 writes per minute, spent by someone else
        quotas.set(new QuotaSettings(true, null, 60, Duration.ofMinutes(1), true));
        quotas.drain();
        // then
        assertThat(quotas.admit("DELETE", "/acr/v1/a/_tags/t")).isEqualTo(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        assertThat(quotas.admit("DELETE", "/acr/v1/a/_tags/t")).isNull();
        assertThat(quotas.admit("DELETE", "/acr/v1/a/_tags/t")).isNotNull();
    }

    @Test
    void shouldServeEverythingWhenOff() {
        // given the default
        for (int i = 0; i < 100_000; i++) {
            assertThat(quotas.admit("DELETE", "/acr/v1/a/_tags/t")).isNull();
        }
        assertThat(quotas.counts()).isEqualTo(new Quotas.Counts(0, 0, 0, 0));
    }

    @Test
    void shouldNameTheFieldOfBadSettings() {
        assertThatThrownBy(() -> QuotaSettings.fromJson(Json.parse("{\"writeOps\":0}"), QuotaSettings.OFF))
                .hasMessageContaining("quota.writeOps: 0 must be at least 1");
        assertThatThrownBy(() -> QuotaSettings.fromJson(Json.parse("{\"window\":\"1 minute\"}"), QuotaSettings.OFF))
                .hasMessageContaining("quota.window: '1 minute' is not an ISO-8601 duration");
        assertThatThrownBy(() -> QuotaSettings.fromJson(Json.parse("{\"writes\":5}"), QuotaSettings.OFF))
                .hasMessageContaining("quota.writes: unknown field");
        assertThatThrownBy(() -> QuotaSettings.fromJson(Json.parse("{\"enabled\":\"yes\"}"), QuotaSettings.OFF))
                .hasMessageContaining("quota.enabled: '\"yes\"' is not a boolean");
        assertThat(QuotaSettings.fromJson(Json.parse("{\"writeOps\":7,\"window\":\"PT6S\"}"), QuotaSettings.OFF))
                .isEqualTo(new QuotaSettings(true, null, 7, Duration.ofSeconds(6), true));
    }
}
