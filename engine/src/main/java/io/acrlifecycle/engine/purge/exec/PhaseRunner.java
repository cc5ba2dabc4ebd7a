package io.acrlifecycle.engine.purge.exec;

import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.DeleteOutcome;
import io.acrlifecycle.engine.purge.result.ItemResult;
import io.acrlifecycle.engine.purge.result.ItemResult.Outcome;
import io.acrlifecycle.engine.purge.result.PurgeProgress;
import io.acrlifecycle.engine.purge.exec.Rechecks.Check;
import io.acrlifecycle.engine.purge.journal.JournalOutcome;
import io.acrlifecycle.engine.purge.journal.JournalRecord;
import io.acrlifecycle.engine.purge.journal.PurgeJournal;
import io.acrlifecycle.engine.registry.RegistryException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Runs one phase (a repository's untags, or its manifest deletes) with the intents journaled ahead: the dispatching
 * thread writes the intents of the next chunk (one fsync per chunk) while the previous chunk's requests are in
 * flight, and never runs more than three chunks ahead. An intent is always durable before its request is sent; an
 * intent whose request is then not sent (the run stopped, or was interrupted) gets a NOT_SENT outcome. Each item is
 * re-checked (listing, else a GET through the read gate), optionally unlocked, then deleted through the delete
 * gate; a delete that fails stops the run. Outcomes are forced at the end of the phase.
 */
final class PhaseRunner {
    /** How long a stop waits for the requests in flight before leaving their intents open. */
    static final Duration WORKER_WAIT = Duration.ofSeconds(30);

    /** The check against the phase's re-listing; may wait for the listing to reach the item (no gate held). */
    interface ListedCheck {
        Check get() throws InterruptedException;
    }

    /**
     * One planned delete, for the phase runner.
     *
     * @param listed  the check against the phase's re-listing; null when there is none (then {@code recheck})
     * @param unlock  the unlock before the delete (includeLocked), or null
     * @param result  the item's result for an outcome and detail
     * @param blocker why it must not be sent at all (a tag it had is still there), or null
     * @param alongWith the re-check of what the delete removes along with the item (after the item's own check
     *                passed), or null
     * @param companions what the registry removes along with the item (its referrers; its tags when one manifest
     *                DELETE replaces their untags): journaled with it, before the request, and closed with its outcome
     */
    record Work(String id, ItemResult notAttempted, Supplier<JournalRecord> intent, ListedCheck listed,
            Callable<Check> recheck, Callable<?> unlock, Callable<DeleteOutcome> delete, String what,
            BiFunction<Outcome, String, ItemResult> result, Supplier<String> blocker, ListedCheck alongWith,
            List<Companion> companions) {

        Work {
            companions = companions == null ? List.of() : List.copyOf(companions);
        }

        /** An item that removes nothing else. */
        Work(String id, ItemResult notAttempted, Supplier<JournalRecord> intent, ListedCheck listed,
                Callable<Check> recheck, Callable<?> unlock, Callable<DeleteOutcome> delete, String what,
                BiFunction<Outcome, String, ItemResult> result, Supplier<String> blocker) {
            this(id, notAttempted, intent, listed, recheck, unlock, delete, what, result, blocker, null, List.of());
        }
    }

    /**
     * Something the registry removes along with an item, with no request of its own: its own intent, and its result
     * from the item's outcome and detail (it shares the item's fate).
     */
    record Companion(Supplier<JournalRecord> intent, BiFunction<Outcome, String, ItemResult> result) {
    }

    private final ExecutorService pool;
    private final int concurrency;
    private final PurgeJournal journal;
    private final String run;
    private final Gate deleteGate;
    private final Gate readGate;
    private final RunStop stop;
    private final PurgeProgress progress;
    private final EngineLog log;

    PhaseRunner(ExecutorService pool, int concurrency, PurgeJournal journal, String run, Gate deleteGate,
            Gate readGate, RunStop stop, PurgeProgress progress, EngineLog log) {
        this.pool = pool;
        this.concurrency = concurrency;
        this.journal = journal;
        this.run = run;
        this.deleteGate = deleteGate;
        this.readGate = readGate;
        this.stop = stop;
        this.progress = progress;
        this.log = log;
    }

    /** Runs {@code work} and answers one result per item, in order. */
    List<ItemResult> run(List<Work> work) {
        int chunk = Math.max(8, concurrency);
        Semaphore window = new Semaphore(3 * chunk);
        AtomicReferenceArray<ItemResult> results = new AtomicReferenceArray<>(work.size());
        // the journaled intents per item (its companions', then its own) and whether a worker picked it up: intents
        // whose task never started (shutdownNow dropped it) get a NOT_SENT outcome instead of staying open
        JournalRecord[][] intentOf = new JournalRecord[work.size()][];
        AtomicIntegerArray started = new AtomicIntegerArray(work.size());
        List<Future<?>> futures = new ArrayList<>(work.size());
        List<Integer> pending = new ArrayList<>(chunk);
        List<JournalRecord[]> intents = new ArrayList<>(chunk);
        try {
            for (int i = 0; i < work.size(); i++) {
                Work w = work.get(i);
                if (stop.isStopped()) {
                    results.set(i, report(w, w.notAttempted().withDetail("the run stopped before this item")));
                    continue;
                }
                String blocker = w.blocker().get();
                if (blocker != null) {
                    results.set(i, report(w, w.result().apply(Outcome.SKIPPED, blocker)));
                    continue;
                }
                // no shortcut for what an earlier run recorded as done: the item was planned, so it was listed
                // (live) moments ago; it is re-checked and, if really gone, reported ALREADY_DONE (issue 10 item 3)
                pending.add(i);
                if (journal != null) {
                    JournalRecord[] records = new JournalRecord[w.companions().size() + 1];
                    for (int c = 0; c < w.companions().size(); c++) {
                        records[c] = w.companions().get(c).intent().get();
                    }
                    records[records.length - 1] = w.intent().get();
                    intentOf[i] = records;
                    intents.add(records);
                }
                if (pending.size() == chunk || i == work.size() - 1) {
                    dispatch(work, pending, intents, window, results, futures, started);
                }
            }
            if (!pending.isEmpty()) {
                dispatch(work, pending, intents, window, results, futures, started);
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    stop.stop("unexpected failure: " + e.getCause()); // and keep waiting for the others
                }
            }
        } catch (InterruptedException e) {
            stop.stop("interrupted");
            // stop the workers and wait for the requests in flight: their outcomes must reach the journal before
            // it is closed, and results are read below only once no worker can still write them
            pool.shutdownNow();
            awaitWorkers(pool, log);
            if (journal != null && pool.isTerminated()) {
                for (int i = 0; i < intentOf.length; i++) {
                    if (intentOf[i] != null && started.get(i) == 0) {
                        close(intentOf[i], JournalOutcome.NOT_SENT, "the run was interrupted before this request");
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
            Work w = work.get(i);
            r = r != null ? r : w.notAttempted().withDetail("the run stopped before this item");
            out.add(r);
            for (Companion c : w.companions()) {
                out.add(c.result().apply(r.outcome(), r.detail()));
            }
        }
        return out;
    }

    private void dispatch(List<Work> work, List<Integer> pending, List<JournalRecord[]> intents, Semaphore window,
            AtomicReferenceArray<ItemResult> results, List<Future<?>> futures, AtomicIntegerArray started)
            throws InterruptedException {
        window.acquire(pending.size());
        if (journal != null) {
            List<JournalRecord> all = new ArrayList<>();
            intents.forEach(r -> all.addAll(List.of(r)));
            journal.intents(all);
        }
        for (int k = 0; k < pending.size(); k++) {
            int index = pending.get(k);
            JournalRecord[] intent = journal == null ? null : intents.get(k);
            futures.add(pool.submit(() -> {
                started.set(index, 1);
                try {
                    Work w = work.get(index);
                    results.set(index, report(w, send(w, intent)));
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
     * is closed as NOT_SENT; interrupted while the DELETE was under way, it stays open (the registry may have acted)
     * and a rerun re-checks it.
     */
    private ItemResult send(Work w, JournalRecord[] intent) throws InterruptedException {
        AtomicBoolean attempted = new AtomicBoolean();
        try {
            return sendOnce(w, intent, attempted);
        } catch (InterruptedException e) {
            if (!attempted.get()) {
                close(intent, JournalOutcome.NOT_SENT, "interrupted before this request");
            }
            throw e;
        }
    }

    private ItemResult sendOnce(Work w, JournalRecord[] intent, AtomicBoolean attempted) throws InterruptedException {
        if (stop.isStopped()) {
            close(intent, JournalOutcome.NOT_SENT, "the run stopped before this request");
            return w.notAttempted().withDetail("the run stopped before this item");
        }
        Check check;
        try {
            check = w.listed() == null ? Rechecks.READ : w.listed().get();
            if (check == Rechecks.READ) {
                check = readGate.call(w.recheck());
            }
            if (check == null && w.alongWith() != null) {
                check = w.alongWith().get(); // reads through the read gate itself (it may wait for a listing)
            }
        } catch (RegistryException e) {
            stop.stop("re-reading before " + w.what() + " failed: " + e.getMessage());
            ItemResult r = w.result().apply(Outcome.FAILED, "re-read failed: " + e.getMessage());
            close(intent, JournalOutcome.NOT_SENT, r.detail());
            return r;
        }
        if (check != null) {
            if (check.outcome() == Outcome.SKIPPED) {
                log.warn("skipped " + w.what() + ": " + check.detail());
            }
            return closed(intent, gone(w, w.result().apply(check.outcome(), check.detail())));
        }
        if (w.unlock() != null) {
            try {
                deleteGate.call(w.unlock());
            } catch (RegistryException e) {
                log.warn("cannot unlock (" + w.what() + "): " + e.getMessage() + "; deleting anyway");
            }
        }
        ItemResult r;
        ItemResult[] failed = new ItemResult[1];
        try {
            // the gate may hold the delete back (a throttle pause, a paced slot): if the run stopped meanwhile,
            // it is not sent
            DeleteOutcome o = deleteGate.call(() -> {
                attempted.set(true);
                try {
                    return w.delete().call();
                } catch (RegistryException e) {
                    // journaled, then the run stopped, while this call still holds its gate slot: a delete waiting
                    // for the slot sees the stop and is not sent
                    failed[0] = closed(intent, w.result().apply(Outcome.FAILED, e.getMessage()));
                    stop.stop(w.what() + " failed: " + e.getMessage());
                    throw e;
                }
            }, () -> !stop.isStopped());
            if (o == null) {
                close(intent, JournalOutcome.NOT_SENT, "the run stopped before this request");
                return w.notAttempted().withDetail("the run stopped before this item");
            }
            r = w.result().apply(map(o), o == DeleteOutcome.LOCKED ? "405: locked on the registry" : null);
        } catch (RegistryException e) {
            if (failed[0] != null) {
                return failed[0];
            }
            // journaled before the stop, so the failure is the first outcome and the others' NOT_SENT follow it
            ItemResult r2 = closed(intent, w.result().apply(Outcome.FAILED, e.getMessage()));
            stop.stop(w.what() + " failed: " + e.getMessage());
            return r2;
        }
        return closed(intent, gone(w, r));
    }

    /** Gone, and an earlier run's journal says it removed it: ALREADY_DONE (the registry confirmed the journal). */
    private ItemResult gone(Work w, ItemResult r) {
        if (r.outcome() == Outcome.ALREADY_GONE && journal != null && journal.isDone(w.id())) {
            return w.result().apply(Outcome.ALREADY_DONE, "recorded as done in " + journal.file()
                    + ", and gone when re-checked");
        }
        return r;
    }

    /** Journals the outcome of a sent (or re-checked) item, and of everything removed along with it. */
    private ItemResult closed(JournalRecord[] intent, ItemResult r) {
        close(intent, journalOutcome(r.outcome()), r.detail());
        return r;
    }

    private void close(JournalRecord[] intents, JournalOutcome outcome, String detail) {
        if (journal != null && intents != null) {
            for (JournalRecord intent : intents) {
                journal.outcome(JournalRecord.outcome(run, Instant.now(), intent, outcome, detail));
            }
        }
    }

    /** Reports an item's result, and the results of what it removed (or did not remove) along with it. */
    private ItemResult report(Work w, ItemResult r) {
        report(r);
        for (Companion c : w.companions()) {
            report(c.result().apply(r.outcome(), r.detail()));
        }
        return r;
    }

    private void report(ItemResult r) {
        switch (r.outcome()) {
            case DELETED, ALREADY_GONE, ALREADY_DONE -> progress.onDeleted(r);
            case FAILED -> progress.onError(r);
            default -> progress.onSkipped(r);
        }
    }

    private static Outcome map(DeleteOutcome o) {
        return switch (o) {
            case DELETED -> Outcome.DELETED;
            case NOT_FOUND -> Outcome.ALREADY_GONE;
            case LOCKED -> Outcome.LOCKED;
        };
    }

    private static JournalOutcome journalOutcome(Outcome o) {
        return switch (o) {
            case DELETED -> JournalOutcome.DELETED;
            case ALREADY_GONE, ALREADY_DONE -> JournalOutcome.NOT_FOUND;
            case LOCKED -> JournalOutcome.LOCKED;
            case SKIPPED -> JournalOutcome.SKIPPED;
            default -> JournalOutcome.FAILED;
        };
    }

    /** Bounded wait for the workers after shutdownNow(); keeps waiting through interrupts, then restores the flag. */
    static void awaitWorkers(ExecutorService pool, EngineLog log) {
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
                    pool.awaitTermination(left, TimeUnit.NANOSECONDS);
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
}
