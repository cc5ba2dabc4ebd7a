package io.acrlifecycle.engine.purge.exec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One re-listing of a repository's tags or manifests, read while a phase runs instead of one GET per item. A
 * dedicated thread pages through the listing and {@link #offer}s each entry; only the entries of the phase's items
 * are kept (memory bounded by the plan). A worker about to send {@link #take}s its item's entry, waiting until the
 * listing has shown it. The listing runs at most {@code lookahead} kept entries ahead of the workers (unless one is
 * waiting), so an entry is checked shortly after it was listed, not a whole phase later.
 *
 * <p>{@link #take} answers null when the listing cannot tell: the item was not listed (gone, or moved in the
 * listing order while it was paged), was listed twice with different values, or the listing failed or was cut
 * short. The caller then re-reads that item with a GET, so "gone" is never concluded from a listing alone.
 */
final class Relisting<V> {
    private final Set<String> wanted;
    private final int lookahead;
    private final long maxEntries;
    private final Map<String, V> seen = new HashMap<>();
    private final Set<String> conflicting = new HashSet<>();
    private long offered;
    private int consumed;
    private int waiters;
    private boolean done;
    private Thread feeder;

    /**
     * @param wanted     keys (tag names or digests) of the items the phase will send
     * @param lookahead  kept entries the listing may run ahead of the workers
     * @param maxEntries listing entries read at most (a listing that never ends is cut short)
     */
    Relisting(Set<String> wanted, int lookahead, long maxEntries) {
        this.wanted = wanted;
        this.lookahead = Math.max(1, lookahead);
        this.maxEntries = maxEntries;
    }

    /** Listing thread: one listed entry. False when the listing should stop (all found, cut short, cancelled). */
    synchronized boolean offer(String key, V value) throws InterruptedException {
        if (done) {
            return false;
        }
        if (++offered > maxEntries) {
            return false;
        }
        if (!wanted.contains(key)) {
            return true;
        }
        V old = seen.putIfAbsent(key, value);
        if (old != null && !old.equals(value)) {
            conflicting.add(key); // changed while being listed (or listed twice by paging): re-read it
        }
        if (old == null && waiters > 0) {
            notifyAll();
        }
        if (seen.size() == wanted.size()) {
            return false; // every item of the phase found: no need to page further
        }
        while (!done && waiters == 0 && seen.size() - consumed >= lookahead) {
            wait();
        }
        return !done;
    }

    /** Listing thread: the listing ended, complete or not. Workers still waiting get null (re-read). */
    synchronized void finish() {
        done = true;
        notifyAll();
    }

    /** The thread reading the listing, joined by {@link #cancel}. */
    void feeder(Thread t) {
        this.feeder = t;
    }

    /**
     * Phase end (or stop): the listing thread stops at its next entry; waits (at most {@code wait}) for it, so no
     * listing request is still running when the executor returns. Keeps waiting through an interrupt, then
     * restores the flag.
     */
    boolean cancel(java.time.Duration wait) {
        finish();
        Thread t = feeder;
        if (t == null) {
            return true;
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (t.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    t.join(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Worker: the listed value of {@code key}, once the listing has shown it; null = unknown, re-read the item. */
    synchronized V take(String key) throws InterruptedException {
        waiters++;
        notifyAll(); // a waiting worker lets the listing run past its lookahead
        try {
            while (!done && !seen.containsKey(key)) {
                wait();
            }
        } finally {
            waiters--;
        }
        V v = seen.get(key);
        if (v == null || conflicting.contains(key)) {
            return null;
        }
        consumed++;
        notifyAll();
        return v;
    }

    /** Entries read from the listing so far (tests, bench). */
    synchronized long offered() {
        return offered;
    }
}
