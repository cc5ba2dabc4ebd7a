package io.acrlifecycle.engine.restore;

import java.util.List;

/** Per-item results in the order they were processed (children and subjects first), and totals. */
public record RestoreReport(String registry, boolean dryRun, boolean force, List<RestoreItemResult> items,
        Totals totals) {

    public RestoreReport {
        items = List.copyOf(items);
    }

    public record Totals(int restored, int alreadyLive, int expired, int conflict, int notFound, int failed) {
        static Totals of(List<RestoreItemResult> items) {
            int[] n = new int[RestoreOutcome.values().length];
            items.forEach(i -> n[i.outcome().ordinal()]++);
            return new Totals(n[0], n[1], n[2], n[3], n[4], n[5]);
        }
    }

    /** True when every item is restored or already live. */
    public boolean complete() {
        return totals.restored() + totals.alreadyLive() == items.size();
    }
}
