package io.acrlifecycle.engine.purge.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdaptiveLimiterTest {

    /** Runs acquire() on another thread; true when it returned within the timeout. */
    static boolean acquiresWithin(AdaptiveLimiter l, long millis) throws Exception {
        CompletableFuture<Void> f = CompletableFuture.runAsync(() -> {
            try {
                l.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            f.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            return false;
        }
    }

    @Test
    void shouldNotPauseBeforeAnyThrottleWhenNanoTimeIsNegative() throws Exception {
        // given a JVM whose nanoTime origin makes the values negative
        AtomicLong now = new AtomicLong(Long.MIN_VALUE / 2);
        AdaptiveLimiter l = new AdaptiveLimiter(2, now::get);

        // when / then: the first acquire does not wait for a pause that never happened
        assertThat(acquiresWithin(l, 2000)).isTrue();
    }

    @Test
    void shouldPauseAfterAThrottleUntilThePauseHasPassed() throws Exception {
        // given
        AtomicLong now = new AtomicLong(-5_000_000_000L);
        AdaptiveLimiter l = new AdaptiveLimiter(4, now::get);
        l.acquire();

        // when a throttled answer asks for a 10 s pause
        l.release(true, Duration.ofSeconds(10));

        // then nobody gets through until the (fake) clock has passed it, and the limit was halved
        assertThat(l.limit()).isEqualTo(2);
        assertThat(l.throttles()).isEqualTo(1);
        assertThat(acquiresWithin(l, 300)).isFalse();
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(acquiresWithin(l, 2000)).isTrue();
    }
}
