package io.jenkins.plugins.acrlifecycle.actions;

import edu.hm.hafner.echarts.LineSeries;
import edu.hm.hafner.echarts.LinesChartModel;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.acrlifecycle.steps.TrendPoint;
import io.acrlifecycle.steps.TrendSeries;
import io.jenkins.plugins.echarts.AsyncTrendChart;
import io.jenkins.plugins.echarts.JenkinsPalette;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.bind.JavaScriptMethod;
import tools.jackson.databind.ObjectMapper;

/**
 * The job page's trend (bytes reclaimed, deletions, guard blocks per build), drawn by echarts-api's
 * {@code c:trend-chart} in {@code floatingBox.jelly}. The series come from the engine's {@link TrendSeries};
 * this class only turns them into the chart model.
 *
 * <p>Chart API: echarts-api 6.1.0-1306.vcee1648c16a_4 (bom-2.555.x 6916.v15ec97679743) unpacks echarts-build-trends
 * 6.0.0 into its jar (the only echarts-build-trends release up to that echarts-api release). There
 * {@code edu.hm.hafner.echarts.LineSeries#addAll} takes {@code List<Integer>}; the {@code List<Double>} variant is the
 * newer {@code edu.hm.hafner.echarts.line.LineSeries}, which pairs with {@code line.LinesChartModel}, not with the
 * {@code LinesChartModel} that echarts-api's {@code AsyncTrendChart} documents. Whole numbers fit our series.
 *
 * <p>The factory creates one instance per page render and {@code c:trend-chart} binds that instance
 * ({@code st:bind}) for the Ajax call of {@link #getBuildTrendModel()}, so the series is read once per instance.
 */
public class AcrJobAction implements Action, AsyncTrendChart {
    /**
     * Jackson 3 (the jackson3-api plugin, echarts-api's dependency), as echarts-api's own AsyncTrendJobAction writes
     * the model: echarts-build-trends' JacksonFacade is deprecated for removal.
     */
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Builds read for one chart: the newest {@link TrendSeries#DEFAULT_LIMIT}, so a render never loads more builds
     * than the chart can show. Builds among them without ACR results are skipped; older builds are not read.
     */
    static final int MAX_BUILDS_READ = TrendSeries.DEFAULT_LIMIT;

    private final Job<?, ?> job;
    /** Read on first use: isTrendVisible() (page render) and getBuildTrendModel() (Ajax) share it. */
    private transient volatile TrendSeries series;

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
        return JSON.writeValueAsString(createChartModel(series()));
    }

    @Override
    public boolean isTrendVisible() {
        return series().isDrawable();
    }

    TrendSeries series() {
        TrendSeries read = series;
        if (read == null) {
            read = readSeries();
            series = read;
        }
        return read;
    }

    private TrendSeries readSeries() {
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
