package io.acrlifecycle.engine.purge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** acr-cli TestParseDuration, with the values acr purge accepts silently refused instead. */
class AgoTest {

    @Test
    void shouldParseAcrPurgeForms() {
        assertThat(Ago.parse("ago", "15m").duration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(Ago.parse("ago", "1d1h3m").duration()).isEqualTo(Duration.ofHours(25).plusMinutes(3));
        assertThat(Ago.parse("ago", "3d").duration()).isEqualTo(Duration.ofDays(3));
        assertThat(Ago.parse("ago", "0m").duration()).isZero();
        assertThat(Ago.parse("ago", "0d").duration()).isZero();
        assertThat(Ago.parse("ago", "1.5h").duration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(Ago.parse("ago", "1d12h").duration()).isEqualTo(Duration.ofHours(36));
        assertThat(Ago.parse("ago", "90s").duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(Ago.parse("ago", "250ms").duration()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void shouldCapAt150YearsLikeAcrPurge() {
        Duration cap = Duration.ofDays(150L * 365);
        assertThat(Ago.parse("ago", "999999d").duration()).isEqualTo(cap);
        assertThat(Ago.parse("ago", "999999999h").duration()).isEqualTo(cap);
        assertThat(Ago.parse("ago", "9999999d999999999h").duration()).isEqualTo(cap);
    }

    @Test
    void shouldAcceptNegativeOnlyForAcrPurgeFlags() {
        assertThat(Ago.parseSigned("--ago", "-1d").duration()).isEqualTo(Duration.ofDays(-1));
        assertThat(Ago.parseSigned("--ago", "-1d").cutoff(Instant.EPOCH)).isEqualTo(Instant.EPOCH.plus(Duration.ofDays(1)));
        assertThatThrownBy(() -> Ago.parse("rules[0].ago", "-1d")).hasMessageContaining("rules[0].ago: '-1d' is negative");
    }

    @Test
    void shouldRefuseWhatIsNotADuration() {
        assertThatThrownBy(() -> Ago.parse("rules[1].ago", "30x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rules[1].ago: '30x' is not a duration")
                .hasMessageContaining("accepted: 30d, 1d12h, 15m, 1.5h");
        assertThatThrownBy(() -> Ago.parse("ago", "15")).hasMessageContaining("'15' is not a duration (a bare number has no unit)");
        assertThatThrownBy(() -> Ago.parse("ago", "15p")).hasMessageContaining("'15p' is not a duration");
        assertThatThrownBy(() -> Ago.parse("ago", "")).hasMessageContaining("ago: is empty");
        assertThatThrownBy(() -> Ago.parse("ago", "xd")).hasMessageContaining("'xd' is not a duration");
        assertThatThrownBy(() -> Ago.parse("ago", "1.5d")).hasMessageContaining("days must be a whole number");
        assertThatThrownBy(() -> Ago.parse("ago", "1h1d")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Ago.parse("ago", "0")).hasMessageContaining("bare number");
    }

    @Test
    void shouldComputeCutoffAsNowMinusAgo() {
        Instant now = Instant.parse("2026-11-26T00:00:00Z");
        assertThat(Ago.parse("ago", "30d").cutoff(now)).isEqualTo(Instant.parse("2026-10-27T00:00:00Z"));
    }
}
