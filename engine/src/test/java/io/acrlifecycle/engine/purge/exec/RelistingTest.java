package io.acrlifecycle.engine.purge.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.engine.purge.exec.ExecutorOptions.Recheck;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RelistingTest {

    @Test
    void shouldListWhenThePhaseHasAtLeastConcurrencyTimesPagesItems() {
        // 5,000 tags at page size 100 = 50 pages; concurrency 16 -> 800 items needed
        assertThat(Rechecks.useListing(Recheck.AUTO, 5000, 5000, 100, 16)).isTrue();
        assertThat(Rechecks.useListing(Recheck.AUTO, 800, 5000, 100, 16)).isTrue();
        assertThat(Rechecks.useListing(Recheck.AUTO, 799, 5000, 100, 16)).isFalse();
        // a small repository is one page: listing from `concurrency` items on
        assertThat(Rechecks.useListing(Recheck.AUTO, 15, 40, 100, 16)).isFalse();
        assertThat(Rechecks.useListing(Recheck.AUTO, 16, 40, 100, 16)).isTrue();
        // 2,000 old tags in a 100,000-tag repository: GETs (the listing would be 1,000 pages)
        assertThat(Rechecks.useListing(Recheck.AUTO, 2000, 100_000, 100, 16)).isFalse();
        assertThat(Rechecks.useListing(Recheck.LISTING, 1, 100_000, 100, 16)).isTrue();
        assertThat(Rechecks.useListing(Recheck.PER_ITEM, 5000, 5000, 100, 16)).isFalse();
        assertThat(Rechecks.useListing(Recheck.LISTING, 0, 10, 100, 16)).isFalse();
    }

    @Test
    void shouldAnswerUnknownForWhatTheListingDidNotShowOrShowedTwiceDifferently() throws Exception {
        // given a listing wanted for a, b, c
        Relisting<String> r = new Relisting<>(Set.of("a", "b", "c"), 10, 1000);
        // when it shows a, x (not wanted), b twice with different values, then ends without c
        assertThat(r.offer("a", "1")).isTrue();
        assertThat(r.offer("x", "9")).isTrue();
        assertThat(r.offer("b", "2")).isTrue();
        assertThat(r.offer("b", "3")).isTrue();
        r.finish();
        // then a is known, b and c are unknown (the caller re-reads them)
        assertThat(r.take("a")).isEqualTo("1");
        assertThat(r.take("b")).isNull();
        assertThat(r.take("c")).isNull();
    }

    @Test
    void shouldStopListingOnceEveryWantedItemIsFound() throws Exception {
        Relisting<String> r = new Relisting<>(Set.of("a", "b"), 10, 1000);
        assertThat(r.offer("a", "1")).isTrue();
        assertThat(r.offer("b", "2")).isFalse();
        assertThat(r.offered()).isEqualTo(2);
    }

    @Test
    void shouldStayAtMostLookaheadEntriesAheadOfTheWorkers() throws Exception {
        // given a listing with lookahead 2 and a feeder on another thread
        Relisting<String> r = new Relisting<>(Set.of("a", "b", "c", "d"), 2, 1000);
        AtomicInteger fed = new AtomicInteger();
        CompletableFuture<Void> feeder = CompletableFuture.runAsync(() -> {
            try {
                for (String k : new String[] {"a", "b", "c", "d"}) {
                    fed.incrementAndGet();
                    if (!r.offer(k, k.toUpperCase())) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // when nobody takes anything, the feeder waits after 2 entries
        Thread.sleep(200);
        assertThat(fed.get()).isEqualTo(2);
        // then taking lets it go on, and a worker waiting for d gets it
        assertThat(r.take("a")).isEqualTo("A");
        assertThat(r.take("d")).isEqualTo("D");
        feeder.get(5, TimeUnit.SECONDS);
        assertThat(r.take("b")).isEqualTo("B");
        assertThat(r.take("c")).isEqualTo("C");
    }

    @Test
    void shouldStopTheFeederWhenCancelled() throws Exception {
        // given a feeder waiting at its lookahead
        Relisting<String> r = new Relisting<>(Set.of("a", "b", "c"), 1, 1000);
        CompletableFuture<Boolean> offer = CompletableFuture.supplyAsync(() -> {
            try {
                return r.offer("a", "1");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        });
        Thread.sleep(100);
        assertThat(offer).isNotDone();
        // when the phase ends, then it is told to stop
        assertThat(r.cancel(java.time.Duration.ofSeconds(1))).isTrue();
        assertThat(offer.get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(r.offer("b", "2")).isFalse();
    }
}
