package io.acrlifecycle.steps;

import java.util.ArrayList;
import java.util.List;

/**
 * The three trend lines for a job page, oldest build first (left to right), built from the newest {@code limit}
 * builds that recorded something. Builds without results are skipped rather than drawn as zero: a failed build
 * that never reached the purge did not "reclaim 0 bytes". Values are whole numbers as charts want them; bytes
 * are given in MiB, rounded up so a small purge still shows.
 */
public record TrendSeries(List<Integer> builds, List<Integer> reclaimedMiB, List<Integer> deletions,
        List<Integer> guardBlocks) {

    public static final int DEFAULT_LIMIT = 50;
    private static final long MIB = 1024L * 1024L;

    public TrendSeries {
        builds = List.copyOf(builds);
        reclaimedMiB = List.copyOf(reclaimedMiB);
        deletions = List.copyOf(deletions);
        guardBlocks = List.copyOf(guardBlocks);
    }

    /** @param newestFirst points in the order a build history is walked (newest first) */
    public static TrendSeries of(Iterable<TrendPoint> newestFirst, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit: " + limit + " must be at least 1");
        }
        List<TrendPoint> kept = new ArrayList<>();
        for (TrendPoint p : newestFirst) {
            if (kept.size() == limit) {
                break;
            }
            if (p.present()) {
                kept.add(0, p);
            }
        }
        List<Integer> builds = new ArrayList<>();
        List<Integer> mib = new ArrayList<>();
        List<Integer> deletions = new ArrayList<>();
        List<Integer> blocks = new ArrayList<>();
        for (TrendPoint p : kept) {
            builds.add(p.build());
            mib.add(clamp((p.bytesReclaimed() + MIB - 1) / MIB));
            deletions.add(clamp(p.deletions()));
            blocks.add(clamp(p.guardBlocks()));
        }
        return new TrendSeries(builds, mib, deletions, blocks);
    }

    /** Two points are needed to draw a line. */
    public boolean isDrawable() {
        return builds.size() >= 2;
    }

    /** Labels for the x axis: {@code #12}. */
    public List<String> labels() {
        return builds.stream().map(b -> "#" + b).toList();
    }

    private static int clamp(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }
}
