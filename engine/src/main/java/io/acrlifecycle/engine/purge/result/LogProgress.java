package io.acrlifecycle.engine.purge.result;

import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.purge.plan.PurgePlan;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link PurgeProgress} as concise log lines (the Jenkins build log, the CLI's stderr): the plan size, one line per
 * 10 % of the planned deletes, every error at once, and the totals. Thread-safe: workers call it concurrently.
 */
final class LogProgress implements PurgeProgress {
    private final EngineLog log;
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger deleted = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private volatile int total;

    LogProgress(EngineLog log) {
        this.log = log == null ? EngineLog.SILENT : log;
    }

    @Override
    public void planned(PurgePlan plan) {
        total = plan.deletes();
        log.info("purge plan: " + plan.totals().tagsToUntag() + " untags and " + plan.totals().manifestsToDelete()
                + " manifest deletes in " + plan.totals().repositories() + " repositories");
    }

    @Override
    public void onDeleted(ItemResult result) {
        deleted.incrementAndGet();
        step();
    }

    @Override
    public void onSkipped(ItemResult result) {
        skipped.incrementAndGet();
        step();
    }

    @Override
    public void onError(ItemResult result) {
        errors.incrementAndGet();
        log.warn("purge error: " + what(result) + ": " + result.detail());
        step();
    }

    @Override
    public void done(PurgeReport report) {
        PurgeReport.Totals t = report.totals();
        log.info("purge " + report.status().name().toLowerCase(java.util.Locale.ROOT) + ": " + t.tagsUntagged()
                + " untagged, " + t.manifestsDeleted() + " manifests deleted, " + (t.skipped() + t.skippedLocked())
                + " skipped, " + t.errors() + " errors, " + t.notAttempted() + " not attempted"
                + (report.message() == null ? "" : " (" + report.message() + ")"));
    }

    /**
     * One line each time another tenth of the plan is through (at most 10 lines, whatever the plan's size).
     * Synchronized: counting and logging as one step, so the lines come out in order (two workers could otherwise
     * log "14/14" before "9/14").
     */
    private synchronized void step() {
        int n = finished.incrementAndGet();
        int t = total;
        if (t <= 0) {
            return;
        }
        int before = (int) ((n - 1) * 10L / t);
        int now = (int) (n * 10L / t);
        if (now > before) {
            log.info("purge progress: " + n + "/" + t + " (" + Math.min(100, now * 10) + " %): " + deleted.get()
                    + " done, " + skipped.get() + " skipped, " + errors.get() + " errors");
        }
    }

    private static String what(ItemResult r) {
        return "tag".equals(r.kind()) ? "untag " + r.repository() + ":" + r.tag()
                : "delete " + r.repository() + "@" + r.digest();
    }
}
