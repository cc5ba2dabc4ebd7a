package io.acrlifecycle.engine.purge.undo;

import java.util.List;

/** Undo of one journal: per-item results in restore order, and totals (expired = soft delete already purged it). */
public record UndoReport(String journal, List<UndoItem> items, Totals totals) {

    public record Totals(int targets, int restored, int alreadyLive, int expired, int conflict, int notFound,
            int failed) {
    }

    public UndoReport {
        items = List.copyOf(items);
    }

    static UndoReport of(String journal, List<UndoItem> items) {
        int[] n = new int[UndoOutcome.values().length];
        items.forEach(i -> n[i.outcome().ordinal()]++);
        return new UndoReport(journal, items, new Totals(items.size(), n[0], n[1], n[2], n[3], n[4], n[5]));
    }
}
