package io.acrlifecycle.steps;

import java.util.List;

/**
 * One build on the trend chart: the sums over every summary the build recorded (a build may purge twice and run a
 * guard). {@code present} is false for a build that recorded nothing, so the chart can leave a gap instead of a 0.
 */
public record TrendPoint(int build, boolean present, long bytesReclaimed, long deletions, long guardBlocks) {

    public static TrendPoint of(int build, List<BuildSummary> summaries) {
        long bytes = 0;
        long deletions = 0;
        long blocks = 0;
        for (BuildSummary s : summaries) {
            bytes += s.dryRun() ? 0 : s.bytesReclaimed();
            deletions += s.deletions();
            blocks += s.guardBlocks();
        }
        return new TrendPoint(build, !summaries.isEmpty(), bytes, deletions, blocks);
    }
}
