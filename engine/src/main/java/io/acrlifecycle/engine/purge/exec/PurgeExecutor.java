package io.acrlifecycle.engine.purge.exec;

import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.DeleteOutcome;
import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.RegistryPolicies;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.purge.ItemResult;
import io.acrlifecycle.engine.purge.ItemResult.Outcome;
import io.acrlifecycle.engine.purge.PurgeProgress;
import io.acrlifecycle.engine.purge.PurgeReport;
import io.acrlifecycle.engine.purge.RepositoryReport;
import io.acrlifecycle.engine.purge.journal.JournalRecord;
import io.acrlifecycle.engine.purge.journal.PurgeJournal;
import io.acrlifecycle.engine.purge.plan.ManifestAction;
import io.acrlifecycle.engine.purge.plan.PurgePlan;
import io.acrlifecycle.engine.purge.plan.RepositoryPlan;
import io.acrlifecycle.engine.purge.plan.TagAction;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.registry.RegistryException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Carries out a {@link PurgePlan}: safety net first (maxDeletes, soft delete), then per repository (name order)
 * the untags in parallel, then the manifest deletes in parallel, each one journaled (intent fsynced before the
 * request, outcome after). 404 = done, 405 = locked (skipped); a manifest is deleted only when every tag it lost in
 * this run is gone. A delete that keeps failing after retries stops the run: nothing new starts, the report lists
 * what was and was not done.
 */
public final class PurgeExecutor {
    private final Registry registry;
    private final ExecutorOptions options;
    private final PurgeProgress progress;
    private final EngineLog log;
    private final AdaptiveLimiter limiter;
    private final AtomicBoolean aborted = new AtomicBoolean();
    private final AtomicReference<String> failure = new AtomicReference<>();

    public PurgeExecutor(Registry registry, ExecutorOptions options, PurgeProgress progress, EngineLog log) {
        this.registry = registry;
        this.options = options == null ? ExecutorOptions.defaults() : options;
        this.progress = progress == null ? PurgeProgress.NONE : progress;
        this.log = log == null ? EngineLog.SILENT : log;
        this.limiter = new AdaptiveLimiter(this.options.concurrency());
    }

    /** Runs the plan; {@code journal} may be null (no journal, no rerun dedupe). */
    public PurgeReport execute(PurgePlan plan, PurgeJournal journal) {
        Instant started = Instant.now();
        String refusal = refusal(plan);
        if (refusal != null) {
            log.warn("purge refused: " + refusal);
            return finish(plan, started, PurgeReport.Status.REFUSED, refusal, notAttemptedReports(plan), journal,
                    true);
        }
        String run = UUID.randomUUID().toString();
        if (journal != null) {
            journal.run(new JournalRecord(JournalRecord.RUN, run, Instant.now(), null, null, plan.registry(), null,
                    null, null, null, null, null, plan.rules(), "planned " + plan.totals().tagsToUntag() + " untags, "
                            + plan.totals().manifestsToDelete() + " deletes", null, null, null, null));
            reconcile(plan, journal, run);
        }
        List<RepositoryReport> reports = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), daemonThreads());
        try {
            for (RepositoryPlan rp : plan.repositories()) {
                reports.add(runRepository(rp, journal, run, pool));
            }
        } finally {
            pool.shutdownNow();
        }
        PurgeReport.Status status = aborted.get() ? PurgeReport.Status.FAILED : PurgeReport.Status.COMPLETED;
        return finish(plan, started, status, failure.get(), reports, journal, false);
    }

    /** Throttle count seen by this executor (for the bench and tests). */
    public int throttles() {
        return limiter.throttles();
    }

    private String refusal(PurgePlan plan) {
        if (options.maxDeletes() != null && plan.deletes() > options.maxDeletes()) {
            return "the plan sends " + plan.deletes() + " deletes (" + plan.totals().tagsToUntag() + " untags, "
                    + plan.totals().manifestsToDelete() + " manifest deletes), more than maxDeletes "
                    + options.maxDeletes() + "; nothing was deleted. Review the plan, then raise maxDeletes or narrow the rules";
        }
        if (plan.deletes() > 0 && options.requireSoftDelete() && !options.allowPermanentDelete()) {
            RegistryPolicies p;
            try {
                p = registry.policies();
            } catch (RuntimeException e) {
                return "cannot confirm that soft delete is enabled on " + plan.registry() + " (" + e.getMessage()
                        + "); nothing was deleted. Pass allowPermanentDelete to purge without that check";
            }
            if (!p.softDeleteEnabled()) {
                return "soft delete is disabled on " + plan.registry() + ": deleted images could not be restored; "
                        + "nothing was deleted. Enable soft delete, or pass allowPermanentDelete to delete permanently";
            }
        }
        return null;
    }

    /** Closes intents left open by an earlier (crashed) run that this plan no longer contains. */
    private void reconcile(PurgePlan plan, PurgeJournal journal, String run) {
        Set<String> planned = new HashSet<>();
        for (RepositoryPlan rp : plan.repositories()) {
            rp.untag().forEach(t -> planned.add(t.id()));
            rp.delete().forEach(m -> planned.add(m.id()));
        }
        for (JournalRecord open : journal.openIntents()) {
            if (planned.contains(open.id())) {
                continue; // redone below, idempotently
            }
            boolean gone;
            try {
                if ("untag".equals(open.op())) {
                    Optional<TagInfo> t = registry.tag(open.repository(), open.tag());
                    gone = t.isEmpty() || !t.get().digest().equals(open.digest());
                } else {
                    Optional<ManifestInfo> m = registry.manifest(open.repository(), open.digest());
                    gone = m.isEmpty();
                }
            } catch (RegistryException e) {
                log.warn("cannot re-check " + open.id() + " left open by an earlier run: " + e.getMessage());
                continue;
            }
            journal.outcome(outcome(run, open, gone ? "NOT_FOUND" : "ABANDONED",
                    gone ? "gone when re-checked by a later run" : "still present and no longer planned"));
        }
    }

    private RepositoryReport runRepository(RepositoryPlan rp, PurgeJournal journal, String run, ExecutorService pool) {
        List<ItemResult> tagResults = runAll(pool, rp.untag().stream()
                .map(t -> (Callable<ItemResult>) () -> untag(t, journal, run)).toList(),
                i -> notAttempted(rp.untag().get(i)));
        Map<String, ItemResult> byTag = new ConcurrentHashMap<>();
        for (ItemResult r : tagResults) {
            byTag.put(r.tag(), r);
        }
        List<ItemResult> manifestResults = runAll(pool, rp.delete().stream()
                .map(m -> (Callable<ItemResult>) () -> delete(m, byTag, journal, run)).toList(),
                i -> notAttempted(rp.delete().get(i)));
        List<ItemResult> untagged = new ArrayList<>();
        List<ItemResult> deleted = new ArrayList<>();
        List<ItemResult> skipped = new ArrayList<>();
        List<ItemResult> errors = new ArrayList<>();
        List<ItemResult> notAttempted = new ArrayList<>();
        for (List<ItemResult> results : List.of(tagResults, manifestResults)) {
            for (ItemResult r : results) {
                switch (r.outcome()) {
                    case DELETED, ALREADY_GONE, ALREADY_DONE -> ("tag".equals(r.kind()) ? untagged : deleted).add(r);
                    case LOCKED, SKIPPED -> skipped.add(r);
                    case FAILED -> errors.add(r);
                    case NOT_ATTEMPTED -> notAttempted.add(r);
                    default -> throw new IllegalStateException(r.outcome().name());
                }
            }
        }
        return new RepositoryReport(rp.repository(), untagged, deleted, rp.spared(), skipped, errors, notAttempted);
    }

    private List<ItemResult> runAll(ExecutorService pool, List<Callable<ItemResult>> tasks,
            java.util.function.IntFunction<ItemResult> ifNotRun) {
        List<Future<ItemResult>> futures = new ArrayList<>(tasks.size());
        for (Callable<ItemResult> t : tasks) {
            futures.add(pool.submit(t));
        }
        List<ItemResult> out = new ArrayList<>(tasks.size());
        for (int i = 0; i < futures.size(); i++) {
            try {
                out.add(futures.get(i).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort("interrupted");
                out.add(ifNotRun.apply(i));
            } catch (ExecutionException e) {
                abort("unexpected failure: " + e.getCause());
                out.add(ifNotRun.apply(i));
            }
        }
        return out;
    }

    private ItemResult untag(TagAction t, PurgeJournal journal, String run) throws InterruptedException {
        if (aborted.get()) {
            return report(notAttempted(t));
        }
        if (journal != null && journal.isDone(t.id())) {
            return report(tagResult(t, Outcome.ALREADY_DONE, "recorded as done in " + journal.file()));
        }
        JournalRecord intent = new JournalRecord(JournalRecord.INTENT, run, Instant.now(), t.id(), "untag",
                registry.loginServer(), t.repository(), t.digest(), t.tag(), null, null, null, t.rule(), t.reason(),
                null, null, null, null);
        if (journal != null) {
            journal.intent(intent);
        }
        if (t.unlock()) {
            try {
                call(() -> registry.updateTagLocks(t.repository(), t.tag(), Locks.NONE));
            } catch (RegistryException e) {
                log.warn("cannot unlock " + t.repository() + ":" + t.tag() + " (" + e.getMessage() + "); deleting anyway");
            }
        }
        ItemResult r;
        try {
            DeleteOutcome o = call(() -> registry.deleteTag(t.repository(), t.tag()));
            r = tagResult(t, map(o), o == DeleteOutcome.LOCKED ? "405: locked on the registry" : null);
        } catch (RegistryException e) {
            abort("untag " + t.repository() + ":" + t.tag() + " failed: " + e.getMessage());
            r = tagResult(t, Outcome.FAILED, e.getMessage());
        }
        if (journal != null) {
            journal.outcome(outcome(run, intent, journalOutcome(r), r.detail()));
        }
        return report(r);
    }

    private ItemResult delete(ManifestAction m, Map<String, ItemResult> byTag, PurgeJournal journal, String run)
            throws InterruptedException {
        if (aborted.get()) {
            return report(notAttempted(m));
        }
        for (String tag : m.tags()) {
            ItemResult tr = byTag.get(tag);
            if (tr == null || !tr.isDone()) {
                return report(manifestResult(m, Outcome.SKIPPED, "tag " + tag + " was not removed ("
                        + (tr == null ? "no result" : tr.outcome()) + "): deleting the manifest would take it along"));
            }
        }
        if (journal != null && journal.isDone(m.id())) {
            return report(manifestResult(m, Outcome.ALREADY_DONE, "recorded as done in " + journal.file()));
        }
        JournalRecord intent = new JournalRecord(JournalRecord.INTENT, run, Instant.now(), m.id(), "delete",
                registry.loginServer(), m.repository(), m.digest(), null, m.tags(), m.mediaType(), m.size(), m.rule(),
                m.reason(), m.subjectDigest(), m.childDigests(), null, null);
        if (journal != null) {
            journal.intent(intent);
        }
        if (m.unlock()) {
            try {
                call(() -> registry.updateManifestLocks(m.repository(), m.digest(), Locks.NONE));
            } catch (RegistryException e) {
                log.warn("cannot unlock " + m.repository() + "@" + m.digest() + " (" + e.getMessage() + "); deleting anyway");
            }
        }
        ItemResult r;
        try {
            DeleteOutcome o = call(() -> registry.deleteManifest(m.repository(), m.digest()));
            r = manifestResult(m, map(o), o == DeleteOutcome.LOCKED ? "405: locked on the registry" : null);
        } catch (RegistryException e) {
            abort("delete " + m.repository() + "@" + m.digest() + " failed: " + e.getMessage());
            r = manifestResult(m, Outcome.FAILED, e.getMessage());
        }
        if (journal != null) {
            journal.outcome(outcome(run, intent, journalOutcome(r), r.detail()));
        }
        return report(r);
    }

    private <T> T call(Callable<T> c) throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            limiter.acquire();
            try {
                T v = c.call();
                limiter.release(false, Duration.ZERO);
                return v;
            } catch (RegistryException e) {
                int s = e.status();
                boolean throttled = s == 429 || s == 503;
                boolean transientError = throttled || s == 0 || s == 408 || s >= 500;
                Duration backoff = backoff(attempt);
                Duration ra = RetryAfter.from(e);
                Duration pause = ra != null ? ra : backoff;
                limiter.release(throttled, pause);
                if (!transientError || attempt >= options.maxAttempts() || aborted.get()) {
                    throw e;
                }
                if (!throttled) {
                    Thread.sleep(pause.toMillis());
                }
            } catch (InterruptedException e) {
                limiter.release(false, Duration.ZERO);
                throw e;
            } catch (Exception e) {
                limiter.release(false, Duration.ZERO);
                throw new RegistryException("unexpected failure: " + e, 0, null, e);
            }
        }
    }

    private Duration backoff(int attempt) {
        long ms = options.baseBackoff().toMillis() << Math.min(attempt - 1, 16);
        return Duration.ofMillis(Math.min(ms, options.maxBackoff().toMillis()));
    }

    private void abort(String why) {
        if (aborted.compareAndSet(false, true)) {
            failure.set(why);
            log.warn("stopping the purge: " + why);
        }
    }

    private ItemResult report(ItemResult r) {
        switch (r.outcome()) {
            case DELETED, ALREADY_GONE, ALREADY_DONE -> progress.onDeleted(r);
            case FAILED -> progress.onError(r);
            default -> progress.onSkipped(r);
        }
        return r;
    }

    private static Outcome map(DeleteOutcome o) {
        return switch (o) {
            case DELETED -> Outcome.DELETED;
            case NOT_FOUND -> Outcome.ALREADY_GONE;
            case LOCKED -> Outcome.LOCKED;
        };
    }

    private static String journalOutcome(ItemResult r) {
        return switch (r.outcome()) {
            case DELETED -> "DELETED";
            case ALREADY_GONE -> "NOT_FOUND";
            case LOCKED -> "LOCKED";
            default -> "FAILED";
        };
    }

    private static JournalRecord outcome(String run, JournalRecord intent, String outcome, String detail) {
        return new JournalRecord(JournalRecord.OUTCOME, run, Instant.now(), intent.id(), intent.op(), null,
                intent.repository(), intent.digest(), intent.tag(), null, null, null, null, null, null, null, outcome,
                detail);
    }

    private static ItemResult tagResult(TagAction t, Outcome o, String detail) {
        return new ItemResult("tag", t.repository(), t.tag(), t.digest(), null, 0, t.rule(), o, detail);
    }

    private static ItemResult manifestResult(ManifestAction m, Outcome o, String detail) {
        return new ItemResult("manifest", m.repository(), null, m.digest(), m.tags(), m.size(), m.rule(), o, detail);
    }

    private static ItemResult notAttempted(TagAction t) {
        return tagResult(t, Outcome.NOT_ATTEMPTED, "the run stopped before this item");
    }

    private static ItemResult notAttempted(ManifestAction m) {
        return manifestResult(m, Outcome.NOT_ATTEMPTED, "the run stopped before this item");
    }

    private static List<RepositoryReport> notAttemptedReports(PurgePlan plan) {
        List<RepositoryReport> out = new ArrayList<>();
        for (RepositoryPlan rp : plan.repositories()) {
            List<ItemResult> na = new ArrayList<>();
            rp.untag().forEach(t -> na.add(tagResult(t, Outcome.NOT_ATTEMPTED, "refused")));
            rp.delete().forEach(m -> na.add(manifestResult(m, Outcome.NOT_ATTEMPTED, "refused")));
            out.add(new RepositoryReport(rp.repository(), List.of(), List.of(), rp.spared(), List.of(), List.of(), na));
        }
        return out;
    }

    private PurgeReport finish(PurgePlan plan, Instant started, PurgeReport.Status status, String message,
            List<RepositoryReport> reports, PurgeJournal journal, boolean withPlan) {
        PurgeReport report = PurgeReport.of(plan, status, message, false, started, Instant.now(), reports,
                journal == null ? null : journal.file().toString(), withPlan ? plan : null);
        progress.done(report);
        return report;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "purge-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
