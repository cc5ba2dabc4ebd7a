package io.jenkins.plugins.acrlifecycle.actions;

import static org.assertj.core.api.Assertions.assertThat;

import edu.hm.hafner.echarts.LineSeries;
import edu.hm.hafner.echarts.LinesChartModel;
import io.acrlifecycle.engine.guard.Verdict;
import io.acrlifecycle.steps.BuildSummary;
import io.acrlifecycle.steps.TrendPoint;
import io.acrlifecycle.steps.TrendSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart model is the engine's series, unchanged: no Jenkins needed to check that. */
class AcrJobActionTest {

    @Test
    void shouldDrawOneLinePerSeriesOldestBuildFirst() {
        BuildSummary purge = BuildSummary.builder(BuildSummary.Kind.PURGE, "r").manifestsDeleted(3)
                .bytesReclaimed(5L * 1024 * 1024).build();
        BuildSummary block = BuildSummary.builder(BuildSummary.Kind.GUARD, "r")
                .verdict(Verdict.BLOCK).build();
        TrendSeries series = TrendSeries.of(List.of(TrendPoint.of(2, List.of(block)), TrendPoint.of(1,
                List.of(purge))), TrendSeries.DEFAULT_LIMIT);

        LinesChartModel model = AcrJobAction.createChartModel(series);

        assertThat(model.getDomainAxisLabels()).containsExactly("#1", "#2");
        assertThat(model.getBuildNumbers()).containsExactly(1, 2);
        assertThat(model.getSeries()).extracting(LineSeries::getName)
                .containsExactly("Reclaimed (MiB)", "Deletions", "Guard blocks");
        assertThat(model.getSeries()).extracting(LineSeries::getData)
                .containsExactly(List.of(5, 0), List.of(3, 0), List.of(0, 1));
    }
}
