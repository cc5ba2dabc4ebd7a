package io.acrlifecycle.engine.purge.exec;

import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.purge.result.ItemResult;
import io.acrlifecycle.engine.purge.result.ItemResult.Outcome;
import io.acrlifecycle.engine.purge.result.PurgeProgress;
import io.acrlifecycle.engine.purge.result.PurgeReport;
import io.acrlifecycle.engine.purge.result.RepositoryReport;
import io.acrlifecycle.engine.purge.exec.PhaseRunner.Work;
import io.acrlifecycle.engine.purge.exec.Rechecks.ManifestNow;
import io.acrlifecycle.engine.purge.exec.Rechecks.TagNow;
import io.acrlifecycle.engine.purge.journal.JournalRecord;
import io.acrlifecycle.engine.purge.journal.PurgeJournal;
import io.acrlifecycle.engine.purge.plan.CascadeAction;
import io.acrlifecycle.engine.purge.plan.ManifestAction;
import io.acrlifecycle.engine.purge.plan.PurgePlan;
import io.acrlifecycle.engine.purge.plan.RepositoryPlan;
import io.acrlifecycle.engine.purge.plan.TagAction;
import io.acrlifecycle.engine.registry.Registry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Carries out a {@link PurgePlan} that passed the safety net ({@code PurgeService}): journals the run, closes the
 * intents an earlier run left open ({@link Reconciliation}), then per repository (name order) runs the untags, then
 * the manifest deletes, each phase in parallel through a {@link PhaseRunner} (intent fsynced before the request,
 * outcome after). 404 = done, 405 = locked (skipped); a manifest is deleted only when every tag it lost in this run
 * is gone. Each item is re-checked just before its request ({@link Rechecks}). A delete that fails (after the
 * registry layer's retries) stops the run: nothing new starts, the report lists what was and was not done.
 */
public final class PurgeExecutor {
    private final Registry registry;
    private final ExecutorOptions options;
    private final PurgeProgress progress;
    private final EngineLog log;
    // the writes (deletes, unlocks) are paced to the rate the registry's quota sustains, learned from its 429s
    private final RatePacer writePacer;
    private final Gate deleteGate;
    // the re-reads before each delete have their own gate: a worker holds no delete slot while it reads, so up to
    // `concurrency` DELETEs stay in flight while other workers re-read (the pool has twice as many threads)
    private final Gate readGate;
    private final RunStop stop;
    private final Rechecks rechecks;

    public PurgeExecutor(Registry registry, ExecutorOptions options, PurgeProgress progress, EngineLog log) {
        this.registry = registry;
        this.options = options == null ? ExecutorOptions.defaults() : options;
        this.progress = progress == null ? PurgeProgress.NONE : progress;
        this.log = log == null ? EngineLog.SILENT : log;
        this.writePacer = new RatePacer(this.options.throttlePause());
        this.deleteGate = new Gate(new AdaptiveLimiter(this.options.concurrency()), this.options.throttlePause(),
                writePacer);
        this.readGate = new Gate(new AdaptiveLimiter(this.options.concurrency()), this.options.throttlePause());
        this.stop = new RunStop(this.log);
        this.rechecks = new Rechecks(registry, this.options, readGate, stop, this.log);
    }

    /**
     * Runs the plan; {@code journal} may be null here (the bench; no rerun dedupe) but {@code PurgeService}
     * refuses a real run without one. The safety net (maxDeletes, soft
     * delete) is the caller's: this sends what the plan says.
     */
    public PurgeReport execute(PurgePlan plan, PurgeJournal journal) {
        Instant started = Instant.now();
        String run = UUID.randomUUID().toString();
        if (journal != null) {
            journal.run(JournalRecord.run(run, Instant.now(), plan.registry(), plan.rules(), "planned "
                    + plan.totals().tagsToUntag() + " untags, " + plan.totals().manifestsToDelete() + " deletes"));
            Reconciliation.closeOpenIntents(registry, plan, journal, run, log);
        }
        List<RepositoryReport> reports = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2 * options.concurrency(), daemonThreads());
        PhaseRunner phases = new PhaseRunner(pool, options.concurrency(), journal, run, deleteGate, readGate, stop,
                progress, log);
        AutoCloseable hearing = registry.onThrottle(writePacer.writeListener());
        try {
            for (RepositoryPlan rp : plan.repositories()) {
                reports.add(runRepository(rp, journal, run, phases));
            }
        } finally {
            pool.shutdownNow();
            PhaseRunner.awaitWorkers(pool, log);
            closeQuietly(hearing);
        }
        PurgeReport.Status status = stop.isStopped() ? PurgeReport.Status.FAILED : PurgeReport.Status.COMPLETED;
        PurgeReport report = PurgeReport.of(plan, status, stop.reason(), false, started, Instant.now(), reports,
                journal == null ? null : journal.file().toString(), null);
        progress.done(report);
        return report;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // removing a listener from a list does not fail
        }
    }

    /**
     * The write rate the registry sustains, as measured from its 429s (requests per second; 0 when it never
     * throttled this run), and the pace the writes are held to now.
     */
    public Pacing pacing() {
        return new Pacing(writePacer.measured(), writePacer.rate(), writePacer.throttledAnswers(), writePacer.events());
    }

    /** See {@link #pacing()}; {@code throttled} counts every 429/503 the registry layer saw on a write. */
    public record Pacing(double measuredPerSecond, double pacePerSecond, long throttled, int events) {
    }

    /** Throttle count seen by this executor (for the bench and tests). */
    public int throttles() {
        return deleteGate.throttles() + readGate.throttles();
    }

    private RepositoryReport runRepository(RepositoryPlan rp, PurgeJournal journal, String run, PhaseRunner phases) {
        // tags that go with their manifest's DELETE: no untag request of their own
        Map<String, List<TagAction>> carried = carriedTags(rp);
        Set<String> carriedIds = new HashSet<>();
        carried.values().forEach(ts -> ts.forEach(t -> carriedIds.add(t.id())));
        // the tags are re-listed for the untag phase (or re-read one by one, see Rechecks.useListing)
        Set<String> tagKeys = new HashSet<>();
        for (TagAction t : rp.untag()) {
            if (!carriedIds.contains(t.id())) {
                tagKeys.add(t.tag());
            }
        }
        Relisting<TagNow> tags = rechecks.relistTags(rp, tagKeys);
        List<Work> tagWork = new ArrayList<>();
        for (TagAction t : rp.untag()) {
            if (carriedIds.contains(t.id())) {
                continue;
            }
            tagWork.add(new Work(t.id(), ItemResult.of(t, Outcome.NOT_ATTEMPTED, null),
                    () -> JournalRecord.intent(run, Instant.now(), registry.loginServer(), t),
                    tags == null ? null : () -> Rechecks.listed(t, tags.take(t.tag())),
                    () -> rechecks.recheck(t),
                    t.unlock() ? () -> registry.updateTagLocks(t.repository(), t.tag(), Locks.NONE) : null,
                    () -> registry.deleteTag(t.repository(), t.tag()), "untag " + t.repository() + ":" + t.tag(),
                    (o, d) -> ItemResult.of(t, o, d), () -> null));
        }
        List<ItemResult> tagResults;
        try {
            tagResults = phases.run(tagWork);
        } finally {
            rechecks.cancel(tags);
        }
        Map<String, ItemResult> byTag = new ConcurrentHashMap<>();
        for (ItemResult r : tagResults) {
            byTag.put(r.tag(), r);
        }
        // listed only now, after the untags: the tags this run removed must be gone from the listing
        Set<String> digestKeys = new HashSet<>();
        for (ManifestAction m : rp.delete()) {
            if (tagsGone(m, byTag, carried) == null) {
                digestKeys.add(m.digest());
            }
        }
        Relisting<ManifestNow> manifests = rechecks.relistManifests(rp, digestKeys);
        // the tags that go with their manifest's DELETE are re-checked against a tag listing too (or a GET each)
        Set<String> carriedKeys = new HashSet<>();
        carried.values().forEach(ts -> ts.forEach(t -> carriedKeys.add(t.tag())));
        Relisting<TagNow> carriedTags = rechecks.relistTags(rp, carriedKeys);
        List<Work> manifestWork = new ArrayList<>();
        for (ManifestAction m : rp.delete()) {
            List<TagAction> with = carried.getOrDefault(m.digest(), List.of());
            Set<String> withNames = new HashSet<>();
            with.forEach(t -> withNames.add(t.tag()));
            manifestWork.add(new Work(m.id(), ItemResult.of(m, Outcome.NOT_ATTEMPTED, null),
                    () -> JournalRecord.intent(run, Instant.now(), registry.loginServer(), m),
                    manifests == null ? null : () -> Rechecks.listed(m, withNames, manifests.take(m.digest())),
                    () -> rechecks.recheck(m, withNames),
                    m.unlock() ? () -> registry.updateManifestLocks(m.repository(), m.digest(), Locks.NONE) : null,
                    () -> registry.deleteManifest(m.repository(), m.digest()),
                    "delete " + m.repository() + "@" + m.digest(), (o, d) -> ItemResult.of(m, o, d),
                    () -> tagsGone(m, byTag, carried), () -> rechecks.alongWith(m, with, carriedTags),
                    companions(m, with, run)));
        }
        List<ItemResult> manifestResults;
        try {
            manifestResults = phases.run(manifestWork);
        } finally {
            rechecks.cancel(manifests);
            rechecks.cancel(carriedTags);
        }
        return tally(rp, tagResults, manifestResults);
    }

    /**
     * The tags one manifest DELETE removes instead of an untag each (issue 14): those of a manifest the plan deletes
     * when the plan removes every tag it has, none of them locked (a locked tag is unlocked and untagged on its own,
     * so that the lock is handled as the rules say). A manifest that keeps a tag is not deleted, so its removed tags
     * are always untagged one by one.
     */
    private static Map<String, List<TagAction>> carriedTags(RepositoryPlan rp) {
        Map<String, List<TagAction>> byDigest = new java.util.HashMap<>();
        for (TagAction t : rp.untag()) {
            byDigest.computeIfAbsent(t.digest(), k -> new ArrayList<>()).add(t);
        }
        Map<String, List<TagAction>> out = new java.util.HashMap<>();
        for (ManifestAction m : rp.delete()) {
            List<TagAction> ts = byDigest.getOrDefault(m.digest(), List.of());
            Set<String> names = new HashSet<>();
            ts.forEach(t -> names.add(t.tag()));
            if (!m.tags().isEmpty() && names.equals(new HashSet<>(m.tags())) && ts.size() == names.size()
                    && ts.stream().noneMatch(TagAction::unlock)) {
                out.put(m.digest(), List.copyOf(ts));
            }
        }
        return out;
    }

    /** The tags and referrers a manifest's DELETE removes along with it: journaled with it, sharing its outcome. */
    private List<PhaseRunner.Companion> companions(ManifestAction m, List<TagAction> with, String run) {
        List<PhaseRunner.Companion> out = new ArrayList<>();
        for (TagAction t : with) {
            out.add(new PhaseRunner.Companion(
                    () -> JournalRecord.intent(run, Instant.now(), registry.loginServer(), t, m.id()),
                    (o, d) -> ItemResult.of(t, o, o == Outcome.DELETED ? "removed by the DELETE of its manifest"
                            : along(m, d))));
        }
        for (CascadeAction c : m.cascade()) {
            out.add(new PhaseRunner.Companion(
                    () -> JournalRecord.intent(run, Instant.now(), registry.loginServer(), c, m),
                    (o, d) -> ItemResult.of(c, m, o, o == Outcome.DELETED
                            ? "deleted by the registry with its subject " + c.subjectDigest() : along(m, d))));
        }
        return out;
    }

    private static String along(ManifestAction m, String detail) {
        return "with " + m.repository() + "@" + m.digest() + (detail == null ? "" : ": " + detail);
    }

    private static RepositoryReport tally(RepositoryPlan rp, List<ItemResult> tagResults,
            List<ItemResult> manifestResults) {
        List<ItemResult> untagged = new ArrayList<>();
        List<ItemResult> deleted = new ArrayList<>();
        List<ItemResult> skipped = new ArrayList<>();
        List<ItemResult> errors = new ArrayList<>();
        List<ItemResult> notAttempted = new ArrayList<>();
        for (List<ItemResult> results : List.of(tagResults, manifestResults)) {
            for (ItemResult r : results) {
                switch (r.outcome()) {
                    case DELETED, ALREADY_GONE, ALREADY_DONE -> (ItemResult.TAG.equals(r.kind()) ? untagged : deleted)
                            .add(r);
                    case LOCKED, SKIPPED -> skipped.add(r);
                    case FAILED -> errors.add(r);
                    case NOT_ATTEMPTED -> notAttempted.add(r);
                    default -> throw new IllegalStateException(r.outcome().name());
                }
            }
        }
        return new RepositoryReport(rp.repository(), untagged, deleted, rp.spared(), skipped, errors, notAttempted);
    }

    /**
     * A manifest goes only when every tag it lost in this run is gone (or goes with its DELETE); else the reason it
     * must stay.
     */
    private static String tagsGone(ManifestAction m, Map<String, ItemResult> byTag,
            Map<String, List<TagAction>> carried) {
        if (carried.containsKey(m.digest())) {
            return null;
        }
        for (String tag : m.tags()) {
            ItemResult tr = byTag.get(tag);
            if (tr == null || !tr.isDone()) {
                return "tag " + tag + " was not removed (" + (tr == null ? "no result" : tr.outcome())
                        + "): deleting the manifest would take it along";
            }
        }
        return null;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "purge-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
