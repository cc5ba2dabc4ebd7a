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
import io.acrlifecycle.engine.purge.plan.Spared;
import io.acrlifecycle.engine.purge.plan.TagAction;
import io.acrlifecycle.engine.registry.AcrRegistry;
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
 * this run is gone. Each item is re-checked just before its request and skipped when it changed since the plan (tag
 * moved or re-pushed; manifest tagged or newly locked): against one re-listing of the repository per phase, read
 * alongside the deletes, or with a GET per item when the phase is small next to the listing ({@link #useListing}). A delete that keeps failing after retries stops the run:
 * nothing new starts, the report lists what was and was not done. Outcomes are forced at the end of each phase;
 * on interrupt the workers are awaited (bounded) so no outcome is written after the journal is closed.
 */
public final class PurgeExecutor {
    private final Registry registry;
    private final ExecutorOptions options;
    private final PurgeProgress progress;
    private final EngineLog log;
    private final AdaptiveLimiter limiter;
    // the re-reads before each delete have their own gate: a worker holds no delete slot while it reads, so up to
    // `concurrency` DELETEs stay in flight while other workers re-read (the pool has twice as many threads)
    private final AdaptiveLimiter readLimiter;
    private final AtomicBoolean aborted = new AtomicBoolean();
    private final AtomicReference<String> failure = new AtomicReference<>();

    public PurgeExecutor(Registry registry, ExecutorOptions options, PurgeProgress progress, EngineLog log) {
        this.registry = registry;
        this.options = options == null ? ExecutorOptions.defaults() : options;
        this.progress = progress == null ? PurgeProgress.NONE : progress;
        this.log = log == null ? EngineLog.SILENT : log;
        this.limiter = new AdaptiveLimiter(this.options.concurrency());
        this.readLimiter = new AdaptiveLimiter(this.options.concurrency());
    }

    /**
     * Runs the plan; {@code journal} may be null here (the bench; no rerun dedupe) but {@link
     * io.acrlifecycle.engine.purge.PurgeService} refuses a real run without one.
     */
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
        ExecutorService pool = Executors.newFixedThreadPool(2 * options.concurrency(), daemonThreads());
        try {
            for (RepositoryPlan rp : plan.repositories()) {
                reports.add(runRepository(rp, journal, run, pool));
            }
        } finally {
            pool.shutdownNow();
            awaitWorkers(pool);
        }
        PurgeReport.Status status = aborted.get() ? PurgeReport.Status.FAILED : PurgeReport.Status.COMPLETED;
        return finish(plan, started, status, failure.get(), reports, journal, false);
    }

    /** Throttle count seen by this executor (for the bench and tests). */
    public int throttles() {
        return limiter.throttles() + readLimiter.throttles();
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
        // the tags are re-listed for the untag phase (or re-read one by one, see useListing)
        Set<String> tagKeys = new HashSet<>();
        for (TagAction t : rp.untag()) {
            if (journal == null || !journal.isDone(t.id())) {
                tagKeys.add(t.tag());
            }
        }
        Relisting<TagNow> tags = relist(rp.repository(), "tags", tagKeys, listedTags(rp), r -> {
            for (TagInfo t : registry.tags(rp.repository(), true)) {
                if (!r.offer(t.name(), new TagNow(t.digest(), t.lastUpdateTime()))) {
                    return;
                }
            }
        });
        List<Work> tagWork = new ArrayList<>();
        for (TagAction t : rp.untag()) {
            tagWork.add(new Work(t.id(), tagResult(t, Outcome.NOT_ATTEMPTED, null), () -> intent(t, run),
                    tags == null ? null : () -> listed(t, tags.take(t.tag())),
                    () -> recheck(t), t.unlock() ? () -> registry.updateTagLocks(t.repository(), t.tag(), Locks.NONE) : null,
                    () -> registry.deleteTag(t.repository(), t.tag()), "untag " + t.repository() + ":" + t.tag(),
                    (o, d) -> tagResult(t, o, d), () -> null));
        }
        List<ItemResult> tagResults;
        try {
            tagResults = runPhase(pool, tagWork, journal, run);
        } finally {
            cancel(tags);
        }
        Map<String, ItemResult> byTag = new ConcurrentHashMap<>();
        for (ItemResult r : tagResults) {
            byTag.put(r.tag(), r);
        }
        // listed only now, after the untags: the tags this run removed must be gone from the listing
        Set<String> digestKeys = new HashSet<>();
        for (ManifestAction m : rp.delete()) {
            if ((journal == null || !journal.isDone(m.id())) && tagsGone(m, byTag) == null) {
                digestKeys.add(m.digest());
            }
        }
        Relisting<ManifestNow> manifests = relist(rp.repository(), "manifests", digestKeys, listedManifests(rp), r -> {
            for (ManifestInfo m : registry.manifests(rp.repository())) {
                if (!r.offer(m.digest(), new ManifestNow(m.tags(), m.locks()))) {
                    return;
                }
            }
        });
        List<Work> manifestWork = new ArrayList<>();
        for (ManifestAction m : rp.delete()) {
            manifestWork.add(new Work(m.id(), manifestResult(m, Outcome.NOT_ATTEMPTED, null), () -> intent(m, run),
                    manifests == null ? null : () -> listed(m, manifests.take(m.digest())),
                    () -> recheck(m), m.unlock() ? () -> registry.updateManifestLocks(m.repository(), m.digest(), Locks.NONE) : null,
                    () -> registry.deleteManifest(m.repository(), m.digest()),
                    "delete " + m.repository() + "@" + m.digest(), (o, d) -> manifestResult(m, o, d),
                    () -> tagsGone(m, byTag)));
        }
        List<ItemResult> manifestResults;
        try {
            manifestResults = runPhase(pool, manifestWork, journal, run);
        } finally {
            cancel(manifests);
        }
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

    /** A manifest goes only when every tag it lost in this run is gone; else the reason it must stay. */
    private static String tagsGone(ManifestAction m, Map<String, ItemResult> byTag) {
        for (String tag : m.tags()) {
            ItemResult tr = byTag.get(tag);
            if (tr == null || !tr.isDone()) {
                return "tag " + tag + " was not removed (" + (tr == null ? "no result" : tr.outcome())
                        + "): deleting the manifest would take it along";
            }
        }
        return null;
    }

    /**
     * The plan was made from one listing of the whole registry, possibly long before this item's turn: re-check the
     * tag just before the untag. A tag moved to another digest (or re-pushed: new lastUpdateTime) is no longer the
     * one the rules selected, and untagging by name would remove the new image's tag.
     */
    private Check recheck(TagAction t) {
        Optional<TagInfo> now = registry.tag(t.repository(), t.tag());
        return now.isEmpty() ? new Check(Outcome.ALREADY_GONE, "gone when re-read before the untag")
                : compare(t, now.get().digest(), now.get().lastUpdateTime());
    }

    /** The tag as the phase's re-listing showed it; READ when the listing cannot tell (then it is re-read). */
    private static Check listed(TagAction t, TagNow now) {
        return now == null ? READ : compare(t, now.digest(), now.lastUpdateTime());
    }

    private static Check compare(TagAction t, String digest, Instant lastUpdateTime) {
        if (!digest.equals(t.digest())) {
            return new Check(Outcome.SKIPPED, "changed since plan: now points at " + digest);
        }
        if (!java.util.Objects.equals(lastUpdateTime, t.lastUpdateTime())) {
            return new Check(Outcome.SKIPPED, "changed since plan: updated " + lastUpdateTime + " (planned "
                    + t.lastUpdateTime() + ")");
        }
        return null;
    }

    /**
     * Re-checks the manifest just before its DELETE (which takes every tag along): a manifest tagged since the plan
     * (by a push, or a tag moved onto it) or locked since the plan is skipped. By then the tags the plan removes are
     * already gone, so any tag it still has is one the plan did not expect to remove.
     */
    private Check recheck(ManifestAction m) {
        Optional<ManifestInfo> now = registry.manifest(m.repository(), m.digest());
        return now.isEmpty() ? new Check(Outcome.ALREADY_GONE, "gone when re-read before the delete")
                : compare(m, now.get().tags(), now.get().locks());
    }

    private static Check listed(ManifestAction m, ManifestNow now) {
        return now == null ? READ : compare(m, now.tags(), now.locks());
    }

    private static Check compare(ManifestAction m, List<String> tags, Locks locks) {
        if (!tags.isEmpty()) {
            return new Check(Outcome.SKIPPED, "changed since plan: now tagged " + tags
                    + "; deleting the manifest would take the tag(s) along");
        }
        if (locks.blocksDelete() && !m.unlock()) {
            return new Check(Outcome.SKIPPED, "changed since plan: now locked (deleteEnabled="
                    + locks.deleteEnabled() + ", writeEnabled=" + locks.writeEnabled() + ")");
        }
        return null;
    }

    /** What a re-listing keeps of a tag / a manifest: only what the re-check compares. */
    private record TagNow(String digest, Instant lastUpdateTime) {
    }

    private record ManifestNow(List<String> tags, Locks locks) {
    }

    /** A phase's re-listing feed: pages through one listing, offering each entry until offer says stop. */
    private interface Feed<V> {
        void run(Relisting<V> r) throws InterruptedException;
    }

    /**
     * Starts the re-listing of one phase on its own thread (workers wait on it; a pool thread could be queued behind
     * them), or returns null when the items are re-read one by one. The listing goes through the read gate (AIMD,
     * Retry-After) and is restarted after a transient failure; if it fails for good, the items it has not shown are
     * re-read one by one.
     */
    private <V> Relisting<V> relist(String repo, String what, Set<String> wanted, int listedAtPlan, Feed<V> feed) {
        if (aborted.get() || !useListing(options.recheck(), wanted.size(), listedAtPlan, pageSize(),
                options.concurrency())) {
            return null;
        }
        Relisting<V> r = new Relisting<>(wanted, Math.max(2 * pageSize(), 4 * options.concurrency()),
                2L * listedAtPlan + 10L * pageSize() + wanted.size());
        Thread t = new Thread(() -> {
            try {
                call(() -> {
                    feed.run(r);
                    return null;
                }, readLimiter);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("re-listing the " + what + " of " + repo + " failed (" + e.getMessage()
                        + "); the items it did not show are re-read one by one");
            } finally {
                r.finish();
            }
        }, "purge-relist-" + repo);
        t.setDaemon(true);
        r.feeder(t);
        t.start();
        return r;
    }

    private void cancel(Relisting<?> r) {
        if (r != null && !r.cancel(WORKER_WAIT)) {
            log.warn("a re-listing request is still in flight after " + WORKER_WAIT.toSeconds() + " s");
        }
    }

    /**
     * The re-check rule: one listing per phase when the phase has at least {@code concurrency x pages} items
     * ({@code pages} = the listing's size at plan time / page size, at least 1), else a GET per item. Below that,
     * the listing would cost more requests (pages > items) or take longer than the GETs, which run
     * {@code concurrency} at a time while a listing is read page after page.
     */
    static boolean useListing(ExecutorOptions.Recheck mode, int items, int listedAtPlan, int pageSize, int concurrency) {
        if (items == 0) {
            return false;
        }
        return switch (mode) {
            case LISTING -> true;
            case PER_ITEM -> false;
            case AUTO -> {
                long pages = Math.max(1, (listedAtPlan + (long) pageSize - 1) / pageSize);
                yield items >= concurrency * pages;
            }
        };
    }

    /** Tags listed at plan time: each one was either planned for untag or spared. */
    private static int listedTags(RepositoryPlan rp) {
        return rp.untag().size() + (int) rp.spared().stream().filter(Spared::isTag).count();
    }

    private static int listedManifests(RepositoryPlan rp) {
        return rp.delete().size() + (int) rp.spared().stream().filter(x -> !x.isTag()).count();
    }

    private int pageSize() {
        return registry instanceof AcrRegistry a ? a.config().pageSize() : DEFAULT_PAGE_SIZE;
    }

    /** The registry layer's default page size ({@code n}). */
    static final int DEFAULT_PAGE_SIZE = 100;

    /** Sentinel: the re-listing cannot tell, re-read the item. */
    private static final Check READ = new Check(Outcome.NOT_ATTEMPTED, "re-read");

    /** The check against the phase's re-listing; may wait for the listing to reach the item (no gate held). */
    private interface ListedCheck {
        Check get() throws InterruptedException;
    }

    /** Why a re-read item is not sent: SKIPPED (changed since plan) or ALREADY_GONE. */
    private record Check(Outcome outcome, String detail) {
    }

    /** One planned delete, for the phase runner. */
    private record Work(String id, ItemResult notAttempted, java.util.function.Supplier<JournalRecord> intent,
            ListedCheck listed, Callable<Check> recheck, Callable<?> unlock, Callable<DeleteOutcome> delete, String what,
            java.util.function.BiFunction<Outcome, String, ItemResult> result,
            java.util.function.Supplier<String> blocker) {
    }

    /**
     * Runs one phase with the intents journaled ahead: the dispatching thread writes the intents of the next chunk
     * (one fsync per chunk) while the previous chunk's requests are in flight, and never runs more than three chunks
     * ahead. An intent is always durable before its request is sent; an intent whose request is then not sent
     * (the run stopped) gets a NOT_SENT outcome.
     */
    private List<ItemResult> runPhase(ExecutorService pool, List<Work> work, PurgeJournal journal, String run) {
        int chunk = Math.max(8, options.concurrency());
        java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(3 * chunk);
        java.util.concurrent.atomic.AtomicReferenceArray<ItemResult> results =
                new java.util.concurrent.atomic.AtomicReferenceArray<>(work.size());
        // the journaled intent per item and whether a worker picked it up: an intent whose task never started
        // (shutdownNow dropped it) gets a NOT_SENT outcome instead of staying open
        JournalRecord[] intentOf = new JournalRecord[work.size()];
        java.util.concurrent.atomic.AtomicIntegerArray started = new java.util.concurrent.atomic.AtomicIntegerArray(work.size());
        List<Future<?>> futures = new ArrayList<>(work.size());
        List<Integer> pending = new ArrayList<>(chunk);
        List<JournalRecord> intents = new ArrayList<>(chunk);
        try {
            for (int i = 0; i < work.size(); i++) {
                Work w = work.get(i);
                if (aborted.get()) {
                    results.set(i, report(w.notAttempted().withDetail("the run stopped before this item")));
                    continue;
                }
                String blocker = w.blocker().get();
                if (blocker != null) {
                    results.set(i, report(w.result().apply(Outcome.SKIPPED, blocker)));
                    continue;
                }
                if (journal != null && journal.isDone(w.id())) {
                    results.set(i, report(w.result().apply(Outcome.ALREADY_DONE, "recorded as done in " + journal.file())));
                    continue;
                }
                pending.add(i);
                if (journal != null) {
                    JournalRecord intent = w.intent().get();
                    intentOf[i] = intent;
                    intents.add(intent);
                }
                if (pending.size() == chunk || i == work.size() - 1) {
                    dispatch(pool, work, pending, intents, journal, run, window, results, futures, started);
                }
            }
            if (!pending.isEmpty()) {
                dispatch(pool, work, pending, intents, journal, run, window, results, futures, started);
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    abort("unexpected failure: " + e.getCause()); // and keep waiting for the others
                }
            }
        } catch (InterruptedException e) {
            abort("interrupted");
            // stop the workers and wait for the requests in flight: their outcomes must reach the journal before
            // it is closed, and results are read below only once no worker can still write them
            pool.shutdownNow();
            awaitWorkers(pool);
            if (journal != null && pool.isTerminated()) {
                for (int i = 0; i < intentOf.length; i++) {
                    if (intentOf[i] != null && started.get(i) == 0) {
                        journal.outcome(outcome(run, intentOf[i], "NOT_SENT", "the run was interrupted before this request"));
                    }
                }
            }
            Thread.currentThread().interrupt();
        } finally {
            if (journal != null) {
                journal.sync(); // every outcome of this phase durable now, not with the next chunk or on close
            }
        }
        List<ItemResult> out = new ArrayList<>(work.size());
        for (int i = 0; i < results.length(); i++) {
            ItemResult r = results.get(i);
            out.add(r != null ? r : work.get(i).notAttempted().withDetail("the run stopped before this item"));
        }
        return out;
    }

    private void dispatch(ExecutorService pool, List<Work> work, List<Integer> pending, List<JournalRecord> intents,
            PurgeJournal journal, String run, java.util.concurrent.Semaphore window,
            java.util.concurrent.atomic.AtomicReferenceArray<ItemResult> results, List<Future<?>> futures,
            java.util.concurrent.atomic.AtomicIntegerArray started) throws InterruptedException {
        window.acquire(pending.size());
        if (journal != null) {
            journal.intents(intents);
        }
        for (int k = 0; k < pending.size(); k++) {
            int index = pending.get(k);
            JournalRecord intent = journal == null ? null : intents.get(k);
            futures.add(pool.submit(() -> {
                started.set(index, 1);
                try {
                    results.set(index, send(work.get(index), intent, journal, run));
                } finally {
                    window.release();
                }
                return null;
            }));
        }
        pending.clear();
        intents.clear();
    }

    /**
     * Sends one item. Interrupted before its DELETE was ever attempted (waiting for a gate, re-reading), the intent
     * is closed as NOT_SENT; interrupted between retries of the DELETE, it stays open (the registry may have acted)
     * and a rerun re-checks it.
     */
    private ItemResult send(Work w, JournalRecord intent, PurgeJournal journal, String run) throws InterruptedException {
        AtomicBoolean attempted = new AtomicBoolean();
        try {
            return sendOnce(w, intent, journal, run, attempted);
        } catch (InterruptedException e) {
            if (!attempted.get() && journal != null) {
                journal.outcome(outcome(run, intent, "NOT_SENT", "interrupted before this request"));
            }
            throw e;
        }
    }

    private ItemResult sendOnce(Work w, JournalRecord intent, PurgeJournal journal, String run,
            AtomicBoolean attempted) throws InterruptedException {
        if (aborted.get()) {
            if (journal != null) {
                journal.outcome(outcome(run, intent, "NOT_SENT", "the run stopped before this request"));
            }
            return report(w.notAttempted().withDetail("the run stopped before this item"));
        }
        Check check;
        try {
            check = w.listed() == null ? READ : w.listed().get();
            if (check == READ) {
                check = call(w.recheck(), readLimiter);
            }
        } catch (RegistryException e) {
            abort("re-reading before " + w.what() + " failed: " + e.getMessage());
            ItemResult r = w.result().apply(Outcome.FAILED, "re-read failed: " + e.getMessage());
            if (journal != null) {
                journal.outcome(outcome(run, intent, "NOT_SENT", r.detail()));
            }
            return report(r);
        }
        if (check != null) {
            if (check.outcome() == Outcome.SKIPPED) {
                log.warn("skipped " + w.what() + ": " + check.detail());
            }
            ItemResult r = w.result().apply(check.outcome(), check.detail());
            if (journal != null) {
                journal.outcome(outcome(run, intent, journalOutcome(r), r.detail()));
            }
            return report(r);
        }
        if (w.unlock() != null) {
            try {
                call(w.unlock(), limiter);
            } catch (RegistryException e) {
                log.warn("cannot unlock (" + w.what() + "): " + e.getMessage() + "; deleting anyway");
            }
        }
        ItemResult r;
        try {
            DeleteOutcome o = call(() -> {
                attempted.set(true);
                return w.delete().call();
            }, limiter);
            r = w.result().apply(map(o), o == DeleteOutcome.LOCKED ? "405: locked on the registry" : null);
        } catch (RegistryException e) {
            abort(w.what() + " failed: " + e.getMessage());
            r = w.result().apply(Outcome.FAILED, e.getMessage());
        }
        if (journal != null) {
            journal.outcome(outcome(run, intent, journalOutcome(r), r.detail()));
        }
        return report(r);
    }

    private JournalRecord intent(TagAction t, String run) {
        return new JournalRecord(JournalRecord.INTENT, run, Instant.now(), t.id(), "untag", registry.loginServer(),
                t.repository(), t.digest(), t.tag(), null, null, null, t.rule(), t.reason(), null, null, null, null);
    }

    private JournalRecord intent(ManifestAction m, String run) {
        return new JournalRecord(JournalRecord.INTENT, run, Instant.now(), m.id(), "delete", registry.loginServer(),
                m.repository(), m.digest(), null, m.tags(), m.mediaType(), m.size(), m.rule(), m.reason(),
                m.subjectDigest(), m.childDigests(), null, null);
    }

    private <T> T call(Callable<T> c, AdaptiveLimiter limiter) throws InterruptedException {
        if (c == null) {
            return null;
        }
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

    /** Bounded wait for the workers after shutdownNow(); keeps waiting through interrupts, then restores the flag. */
    private void awaitWorkers(ExecutorService pool) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + WORKER_WAIT.toNanos();
        try {
            while (!pool.isTerminated()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn("requests still in flight after " + WORKER_WAIT.toSeconds() + " s; their journal intents"
                            + " stay open and a rerun re-checks them");
                    return;
                }
                try {
                    pool.awaitTermination(left, java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final Duration WORKER_WAIT = Duration.ofSeconds(30);

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
            case SKIPPED -> "SKIPPED";
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
