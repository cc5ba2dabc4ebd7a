package io.acrlifecycle.engine.restore;

import java.util.List;

/** Per-item results in the order they were processed (children and subjects first), and totals. */
public record RestoreReport(String registry, boolean dryRun, boolean force, List<RestoreItemResult> items,
        Totals totals) {

    public RestoreReport {
        items = List.copyOf(items);
    }

    /** Counts per outcome; {@code wouldRestore} is only non-zero in a dry run, {@code restored} only in a real one. */
    public record Totals(int restored, int alreadyLive, int expired, int conflict, int notFound, int failed,
            int wouldRestore) {
        static Totals of(List<RestoreItemResult> items) {
            int[] n = new int[RestoreOutcome.values().length];
            items.forEach(i -> n[i.outcome().ordinal()]++);
            return new Totals(n[RestoreOutcome.RESTORED.ordinal()], n[RestoreOutcome.ALREADY_LIVE.ordinal()],
                    n[RestoreOutcome.EXPIRED.ordinal()], n[RestoreOutcome.CONFLICT.ordinal()],
                    n[RestoreOutcome.NOT_FOUND.ordinal()], n[RestoreOutcome.FAILED.ordinal()],
                    n[RestoreOutcome.WOULD_RESTORE.ordinal()]);
        }
    }

    /**
     * True when every item is restored or already live. In a dry run (where nothing is restored): true when every
     * item would be restored or is already live, i.e. the dry run found nothing that a real run would refuse.
     */
    public boolean complete() {
        return totals.restored() + totals.alreadyLive() + totals.wouldRestore() == items.size();
    }
}
