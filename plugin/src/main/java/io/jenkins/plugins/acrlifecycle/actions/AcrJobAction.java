package io.jenkins.plugins.acrlifecycle.actions;

import edu.hm.hafner.echarts.JacksonFacade;
import edu.hm.hafner.echarts.LineSeries;
import edu.hm.hafner.echarts.LinesChartModel;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.acrlifecycle.engine.summary.TrendPoint;
import io.acrlifecycle.engine.summary.TrendSeries;
import io.jenkins.plugins.echarts.AsyncTrendChart;
import io.jenkins.plugins.echarts.JenkinsPalette;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.bind.JavaScriptMethod;

/**
 * The job page's trend (bytes reclaimed, deletions, guard blocks per build), drawn by echarts-api's
 * {@code c:trend-chart} in {@code floatingBox.jelly}. The series come from the engine's {@link TrendSeries};
 * this class only turns them into the chart model.
 */
public class AcrJobAction implements Action, AsyncTrendChart {
    /** Builds read for one chart; the chart shows at most {@link TrendSeries#DEFAULT_LIMIT} of them. */
    static final int MAX_BUILDS_READ = 200;

    private final Job<?, ?> job;

    public AcrJobAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    /** No sidebar link: the chart is the whole job-level view. */
    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "ACR Lifecycle trend";
    }

    /** Same as the build action's, so clicking a point opens that build's ACR page. */
    @Override
    public String getUrlName() {
        return AcrBuildAction.URL_NAME;
    }

    @Override
    @JavaScriptMethod
    public String getBuildTrendModel() {
        return new JacksonFacade().toJson(createChartModel(series()));
    }

    @Override
    public boolean isTrendVisible() {
        return series().isDrawable();
    }

    TrendSeries series() {
        List<TrendPoint> points = new ArrayList<>();
        for (Run<?, ?> run : job.getBuilds().limit(MAX_BUILDS_READ)) {
            AcrBuildAction action = run.getAction(AcrBuildAction.class);
            points.add(TrendPoint.of(run.getNumber(), action == null ? List.of() : action.summaries()));
        }
        return TrendSeries.of(points, TrendSeries.DEFAULT_LIMIT);
    }

    static LinesChartModel createChartModel(TrendSeries series) {
        LinesChartModel model = new LinesChartModel(series.labels(), series.builds());
        model.addSeries(line("Reclaimed (MiB)", JenkinsPalette.GREEN, series.reclaimedMiB()),
                line("Deletions", JenkinsPalette.BLUE, series.deletions()),
                line("Guard blocks", JenkinsPalette.RED, series.guardBlocks()));
        return model;
    }

    private static LineSeries line(String name, JenkinsPalette color, List<Integer> values) {
        LineSeries line = new LineSeries(name, color.normal(), LineSeries.StackedMode.SEPARATE_LINES,
                LineSeries.FilledMode.LINES);
        line.addAll(values);
        return line;
    }
}
