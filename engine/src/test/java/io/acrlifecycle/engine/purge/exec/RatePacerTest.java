package io.acrlifecycle.engine.purge.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * The pacer against a simulated registry quota, on a fake clock (no threads, no network): a token bucket like the
 * emulator's (one window's budget, refilled continuously, 429 with Retry-After in whole seconds), workers that send
 * through the pacer and retry a 429 after Retry-After the way the registry layer's retry policy does.
 */
class RatePacerTest {

    /** What a simulated run came to. */
    record Run(int items, long sends, long throttled, int maxAttempts, double seconds, double steadyRate,
            double measured, int events, int failed) {
        double share429() {
            return (double) throttled / sends;
        }
    }

    /** A discrete-event simulation: workers, one quota, a fixed latency per request. */
    static final class Sim {
        long now;
        final PriorityQueue<long[]> events = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : Long.compare(a[1], b[1]));
        long seq;
        // the quota
        int budget;
        long windowNanos;
        final boolean retryAfter;
        double tokens;
        long last;

        Sim(int budget, Duration window, boolean retryAfter) {
            this.budget = budget;
            this.windowNanos = window.toNanos();
            this.retryAfter = retryAfter;
            this.tokens = budget;
        }

        /** 0 = served; else the Retry-After in seconds (-1: throttled without one). */
        long admit() {
            double perNano = budget / (double) windowNanos;
            tokens = Math.min(budget, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens--;
                return 0;
            }
            long s = Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
            return retryAfter ? s : -1;
        }

        void at(long time, int kind, int worker) {
            events.add(new long[] {time, seq++, kind, worker});
        }
    }

    private static final int SEND = 0;
    private static final int ANSWER = 1;

    static Run run(int items, int concurrency, Duration latency, int budget, Duration window, boolean retryAfter,
            int maxAttempts, Runnable midRun, long midRunAtItem) {
        Sim sim = new Sim(budget, window, retryAfter);
        RatePacer pacer = new RatePacer(Duration.ofMillis(500), () -> sim.now);
        long lat = latency.toNanos();
        int[] attempts = new int[concurrency];
        long[] sentAt = new long[concurrency];
        boolean[] retrying = new boolean[concurrency];
        long[] answer = new long[concurrency];
        int next = 0;
        int done = 0;
        int failed = 0;
        long sends = 0;
        long throttled = 0;
        int maxSeen = 0;
        long steadyFrom = -1;
        int steadyDoneFrom = 0;
        for (int w = 0; w < concurrency && next < items; w++, next++) {
            sim.at(0, SEND, w);
        }
        boolean midRunDone = midRun == null;
        while (!sim.events.isEmpty()) {
            long[] e = sim.events.poll();
            sim.now = e[0];
            int w = (int) e[3];
            if (e[2] == SEND) {
                long left = pacer.tryAcquire();
                if (left > 0) {
                    sim.at(sim.now + left, SEND, w);
                    continue;
                }
                attempts[w]++;
                sends++;
                sentAt[w] = sim.now;
                answer[w] = sim.admit();
                sim.at(sim.now + lat, ANSWER, w);
                continue;
            }
            if (answer[w] == 0) {
                pacer.served();
                done++;
                maxSeen = Math.max(maxSeen, attempts[w]);
                if (steadyFrom < 0 && sim.now >= Duration.ofSeconds(30).toNanos()) {
                    steadyFrom = sim.now;
                    steadyDoneFrom = done;
                }
                if (!midRunDone && done >= midRunAtItem) {
                    midRun.run();
                    sim.budget = sim.budget / 5; // the tier dropped (e.g. Standard to Basic)
                    midRunDone = true;
                }
            } else {
                throttled++;
                Duration ra = answer[w] > 0 ? Duration.ofSeconds(answer[w]) : null;
                pacer.throttled(sentAt[w], ra);
                if (attempts[w] < maxAttempts) {
                    // the registry layer's retry policy waits what was asked, then takes a slot from the pacer
                    retrying[w] = true;
                    sim.at(sim.now + (ra != null ? ra.toNanos() : Duration.ofMillis(800).toNanos()), SEND, w);
                    continue;
                }
                failed++;
            }
            attempts[w] = 0;
            retrying[w] = false;
            if (next < items) {
                next++;
                sim.at(sim.now, SEND, w);
            }
        }
        double seconds = sim.now / 1e9;
        double steady = steadyFrom < 0 ? Double.NaN : (done - steadyDoneFrom) / ((sim.now - steadyFrom) / 1e9);
        return new Run(done, sends, throttled, maxSeen, seconds, steady, pacer.measured(), pacer.events(), failed);
    }

    static Run run(int items, int concurrency, Duration latency, int budget, Duration window, boolean retryAfter) {
        return run(items, concurrency, latency, budget, window, retryAfter, 5, null, 0);
    }

    @Test
    void shouldNotPaceBeforeTheFirstThrottle() {
        long[] now = {0};
        RatePacer pacer = new RatePacer(Duration.ofMillis(500), () -> now[0]);
        for (int i = 0; i < 100; i++) {
            assertThat(pacer.tryAcquire()).isZero();
        }
        assertThat(pacer.rate()).isZero();
    }

    @Test
    void shouldPauseForRetryAfterThenSpaceSendsAtTheMeasuredRate() {
        // given 50 served in the first second, then a 429 asking for 2 s
        long[] now = {0};
        RatePacer pacer = new RatePacer(Duration.ofMillis(500), () -> now[0]);
        assertThat(pacer.tryAcquire()).isZero();
        for (int i = 0; i < 50; i++) {
            pacer.served();
        }
        now[0] = 1_000_000_000L;
        pacer.throttled(900_000_000L, Duration.ofSeconds(2));
        // then: paused for what Retry-After asked
        assertThat(pacer.measured()).isEqualTo(50.0);
        assertThat(pacer.tryAcquire()).isEqualTo(2_000_000_000L);
        // a 429 to a request sent before that event is the same event
        pacer.throttled(950_000_000L, Duration.ofSeconds(5));
        assertThat(pacer.events()).isEqualTo(1);
        assertThat(pacer.tryAcquire()).isEqualTo(2_000_000_000L);
        // when the pause is over: one send now, the next 1/50 s later
        now[0] = 3_000_000_000L;
        assertThat(pacer.tryAcquire()).isZero();
        assertThat(pacer.tryAcquire()).isEqualTo(20_000_000L);
        now[0] += 20_000_000L;
        assertThat(pacer.tryAcquire()).isZero();
    }

    @Test
    void shouldHoldAStandardQuotaWithFewerThanOnePercentThrottled() {
        // given Standard's 500 writes per window, the window scaled to 6 s (83 writes/s), 16 workers, 5 ms a request
        Run r = run(5000, 16, Duration.ofMillis(5), 500, Duration.ofSeconds(6), true);
        double quota = 500 / 6.0;
        // then
        assertThat(r.items()).isEqualTo(5000);
        assertThat(r.failed()).isZero();
        assertThat(r.items() / r.seconds()).as("overall rate").isGreaterThanOrEqualTo(0.9 * quota);
        assertThat(r.steadyRate()).as("rate after the first 30 s").isGreaterThanOrEqualTo(0.9 * quota);
        assertThat(r.share429()).as("429 share").isLessThanOrEqualTo(0.01);
        assertThat(r.measured()).isBetween(0.9 * quota, 1.25 * quota);
        assertThat(r.maxAttempts()).isLessThanOrEqualTo(3);
    }

    @Test
    void shouldHoldTheRealPerMinuteBudgetsOfEveryTier() {
        for (int budget : new int[] {100, 500, 2000}) {
            // 3,000 writes at the real per-minute figures: Basic, Standard, Premium
            Run r = run(3000, 8, Duration.ofMillis(30), budget, Duration.ofMinutes(1), true);
            double quota = budget / 60.0;
            assertThat(r.failed()).as("budget %d", budget).isZero();
            assertThat(r.steadyRate()).as("budget %d", budget).isGreaterThanOrEqualTo(0.9 * quota);
            assertThat(r.share429()).as("budget %d: %s", budget, r).isLessThanOrEqualTo(0.01);
        }
    }

    @Test
    void shouldConvergeWithoutRetryAfter() {
        Run r = run(5000, 16, Duration.ofMillis(5), 500, Duration.ofSeconds(6), false);
        double quota = 500 / 6.0;
        assertThat(r.failed()).isZero();
        assertThat(r.steadyRate()).isGreaterThanOrEqualTo(0.9 * quota);
        assertThat(r.share429()).as("%s", r).isLessThanOrEqualTo(0.02);
    }

    @Test
    void shouldFollowAQuotaThatDropsMidRun() {
        // given the budget falls to a fifth after 2,000 items
        Run r = run(5000, 16, Duration.ofMillis(5), 500, Duration.ofSeconds(6), true, 5, () -> { }, 2000);
        double after = 100 / 6.0;
        assertThat(r.failed()).isZero();
        assertThat(r.measured()).isBetween(0.8 * after, 1.3 * after);
        assertThat(r.share429()).as("%s", r).isLessThanOrEqualTo(0.01);
    }
}
