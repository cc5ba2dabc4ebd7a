package io.acrlifecycle.engine.purge.result;

import io.acrlifecycle.engine.purge.plan.PurgePlan;

/**
 * Progress callbacks the CLI and the Jenkins plugin render. Called from worker threads (implementations must be
 * thread-safe); every method has a no-op default.
 */
public interface PurgeProgress {

    /** The plan is ready; nothing has been deleted yet. */
    default void planned(PurgePlan plan) {
    }

    /** An untag or manifest delete is done (DELETED, ALREADY_GONE or ALREADY_DONE). */
    default void onDeleted(ItemResult result) {
    }

    /** An action was not carried out: LOCKED, SKIPPED or NOT_ATTEMPTED. */
    default void onSkipped(ItemResult result) {
    }

    /** An action failed; the run stops after the requests in flight. */
    default void onError(ItemResult result) {
    }

    /** The run is over (also for dry runs and refusals). */
    default void done(PurgeReport report) {
    }

    PurgeProgress NONE = new PurgeProgress() {
    };

    /**
     * Concise lines to {@code log}: the plan size, a line per 10 % of the planned deletes, each error as a warning,
     * the totals at the end (what the Jenkins build log shows).
     */
    static PurgeProgress toLog(io.acrlifecycle.engine.log.EngineLog log) {
        return new LogProgress(log);
    }
}
