package io.acrlifecycle.engine.purge.result;

import io.acrlifecycle.engine.json.Json;
import io.acrlifecycle.engine.purge.plan.PurgePlan;
import java.time.Instant;
import java.util.List;

/**
 * The result of {@link PurgeService#run}: per repository what was done, plan vs result totals, and the plan itself
 * for dry runs and refusals. JSON field names are stable (docs/purge.md "Report").
 *
 * @param status  DRY_RUN, COMPLETED, FAILED (stopped on an error; see errors/notAttempted) or REFUSED (safety net)
 * @param message why it failed or was refused; null when completed
 * @param plan    the full plan for DRY_RUN and REFUSED; null otherwise (the repositories carry the detail)
 */
public record PurgeReport(String registry, String rules, Status status, String message, boolean dryRun,
        Instant startedAt, Instant finishedAt, PurgePlan.Totals planned, Totals totals, String journal, String note,
        List<RepositoryReport> repositories, PurgePlan plan) {

    public enum Status {
        DRY_RUN, COMPLETED, FAILED, REFUSED
    }

    /**
     * What was done. {@code bytesReclaimed} sums the sizes of deleted manifests; layers shared with other images
     * are not freed, and with soft delete on the bytes still count (and are billed) until retention expires.
     */
    public record Totals(int tagsUntagged, int manifestsDeleted, long bytesReclaimed, int spared, int skippedLocked,
            int skipped, int alreadyDone, int errors, int notAttempted) {
    }

    public PurgeReport {
        repositories = List.copyOf(repositories);
    }

    static final String NOTE = "bytesReclaimed sums the sizes of deleted manifests; layers shared with other images"
            + " are not freed, and while soft delete is enabled deleted manifests still count against storage (and"
            + " are billed) until their soft-delete retention expires";

    /** Builds a report with totals computed from {@code repositories}. */
    public static PurgeReport of(PurgePlan plan, Status status, String message, boolean dryRun, Instant startedAt,
            Instant finishedAt, List<RepositoryReport> repositories, String journal, PurgePlan attachPlan) {
        return new PurgeReport(plan.registry(), plan.rules(), status, message, dryRun, startedAt, finishedAt,
                plan.totals(), totals(repositories), journal, NOTE, repositories, attachPlan);
    }

    public String toJson() {
        return Json.writePretty(this);
    }

    static Totals totals(List<RepositoryReport> repos) {
        int tags = 0;
        int manifests = 0;
        long bytes = 0;
        int spared = 0;
        int locked = 0;
        int skipped = 0;
        int already = 0;
        int errors = 0;
        int notAttempted = 0;
        for (RepositoryReport r : repos) {
            for (ItemResult i : r.untagged()) {
                tags++;
                already += i.outcome() == ItemResult.Outcome.ALREADY_DONE ? 1 : 0;
            }
            for (ItemResult i : r.deleted()) {
                manifests++;
                bytes += Math.max(0, i.bytes());
                already += i.outcome() == ItemResult.Outcome.ALREADY_DONE ? 1 : 0;
            }
            spared += r.spared().size();
            for (ItemResult i : r.skipped()) {
                if (i.outcome() == ItemResult.Outcome.LOCKED) {
                    locked++;
                } else {
                    skipped++;
                }
            }
            errors += r.errors().size();
            notAttempted += r.notAttempted().size();
        }
        return new Totals(tags, manifests, bytes, spared, locked, skipped, already, errors, notAttempted);
    }
}
