package io.acrlifecycle.engine.purge.exec;

import static io.acrlifecycle.engine.purge.exec.AdaptiveLimiterTest.acquiresWithin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.engine.registry.RegistryException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The gate sends a call once and paces on throttling; the retries belong to the registry layer. */
class GateTest {

    @Test
    void shouldSendOnceAndPauseForTheWaitTheRegistryAskedFor() throws Exception {
        // given a gate whose own pause (1 s) is shorter than what the registry will ask for (10 s)
        AtomicLong now = new AtomicLong();
        AdaptiveLimiter limiter = new AdaptiveLimiter(4, now::get);
        Gate gate = new Gate(limiter, Duration.ofSeconds(1));
        AtomicInteger calls = new AtomicInteger();
        RegistryException throttled = new RegistryException("429", 429, "TOOMANYREQUESTS", null, Duration.ofSeconds(10));

        // when the call is throttled
        assertThatThrownBy(() -> gate.call(() -> {
            calls.incrementAndGet();
            throw throttled;
        })).isSameAs(throttled);

        // then it was sent once, the limit halved, and the gate holds for the registry's 10 s, not its own 1 s
        assertThat(calls).hasValue(1);
        assertThat(gate.throttles()).isEqualTo(1);
        assertThat(limiter.limit()).isEqualTo(2);
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(acquiresWithin(limiter, 300)).isFalse();
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(acquiresWithin(limiter, 2000)).isTrue();
    }

    @Test
    void shouldPauseForItsOwnPauseWhenTheRegistryAskedNothing() throws Exception {
        AtomicLong now = new AtomicLong();
        AdaptiveLimiter limiter = new AdaptiveLimiter(4, now::get);
        Gate gate = new Gate(limiter, Duration.ofSeconds(3));

        assertThatThrownBy(() -> gate.call(() -> {
            throw new RegistryException("503", 503, null, null);
        })).isInstanceOf(RegistryException.class);

        assertThat(acquiresWithin(limiter, 300)).isFalse();
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(acquiresWithin(limiter, 2000)).isTrue();
    }

    @Test
    void shouldNotThrottleOnOtherFailuresAndWrapUnexpectedOnes() {
        AdaptiveLimiter limiter = new AdaptiveLimiter(4);
        Gate gate = new Gate(limiter, Duration.ofSeconds(3));

        assertThatThrownBy(() -> gate.call(() -> {
            throw new RegistryException("404", 404, null, null);
        })).isInstanceOf(RegistryException.class);
        assertThatThrownBy(() -> gate.call(() -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(RegistryException.class).hasMessageContaining("boom");

        assertThat(gate.throttles()).isZero();
        assertThat(limiter.limit()).isEqualTo(4);
    }
}
