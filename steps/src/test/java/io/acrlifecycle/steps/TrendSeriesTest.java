package io.acrlifecycle.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.steps.BuildSummary.Kind;
import io.acrlifecycle.engine.guard.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendSeriesTest {

    private static BuildSummary purge(long deleted, long bytes) {
        return BuildSummary.builder(Kind.PURGE, "r").manifestsDeleted(deleted).bytesReclaimed(bytes).build();
    }

    @Test
    void shouldSumEverySummaryOfABuild() {
        BuildSummary guard = BuildSummary.builder(Kind.GUARD, "r").verdict(Verdict.BLOCK).build();

        TrendPoint p = TrendPoint.of(7, List.of(purge(2, 100), purge(1, 50), guard));

        assertThat(p).isEqualTo(new TrendPoint(7, true, 150, 3, 1));
    }

    @Test
    void shouldIgnoreDryRunBytes() {
        BuildSummary dry = BuildSummary.builder(Kind.PURGE, "r").dryRun(true).manifestsDeleted(4)
                .bytesReclaimed(1 << 30).build();

        assertThat(TrendPoint.of(1, List.of(dry))).isEqualTo(new TrendPoint(1, true, 0, 0, 0));
    }

    @Test
    void shouldOrderOldestFirstSkipGapsAndKeepTheNewestN() {
        List<TrendPoint> newestFirst = List.of(
                TrendPoint.of(5, List.of(purge(5, 1))),
                TrendPoint.of(4, List.of()),
                TrendPoint.of(3, List.of(purge(3, 3L * 1024 * 1024))),
                TrendPoint.of(2, List.of(purge(2, 0))),
                TrendPoint.of(1, List.of(purge(1, 0))));

        TrendSeries s = TrendSeries.of(newestFirst, 3);

        assertThat(s.builds()).containsExactly(2, 3, 5);
        assertThat(s.labels()).containsExactly("#2", "#3", "#5");
        assertThat(s.deletions()).containsExactly(2, 3, 5);
        assertThat(s.reclaimedMiB()).containsExactly(0, 3, 1);
        assertThat(s.guardBlocks()).containsExactly(0, 0, 0);
        assertThat(s.isDrawable()).isTrue();
    }

    @Test
    void shouldNotDrawASinglePoint() {
        TrendSeries s = TrendSeries.of(List.of(TrendPoint.of(1, List.of(purge(1, 1)))), 10);

        assertThat(s.isDrawable()).isFalse();
    }

    @Test
    void shouldRefuseAZeroLimit() {
        assertThatThrownBy(() -> TrendSeries.of(List.of(), 0)).hasMessageStartingWith("limit: 0");
    }
}
