package io.acrlifecycle.emulator.store;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * All data-plane state, behind one lock that the store owns: callers run their reads and changes inside
 * {@link #locked(Supplier)} (or {@link #locked(Runnable)}), and every accessor checks that the lock is held, so a
 * read or change outside it fails at once instead of racing. Repositories and their records are guarded by the
 * same lock.
 */
public final class RegistryStore {
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<String, Repo> repos = new TreeMap<>();
    /** Blobs by digest, shared by all repositories (ACR links blobs per repository; the emulator does not). */
    private final Map<String, byte[]> blobs = new HashMap<>();
    private final Map<String, Upload> uploads = new HashMap<>();
    /** Layers of seeded images: known (size only) so manifests can reference them; their content is not stored. */
    private final Map<String, Long> virtualBlobs = new HashMap<>();
    /** Soft-deleted manifests and tags, oldest deletion first, for auto-purge. */
    private final TreeSet<SoftDeleted> softDeleted = new TreeSet<>(SoftDeleted.BY_DELETION);
    /** Untagged manifests waiting for the retention policy, oldest untagging first. */
    private final TreeSet<RetentionEntry> retention = new TreeSet<>(RetentionEntry.ORDER);
    private long seq;
    /** What changed since the last {@link #takeChanges}: what the state dir's journal writes next. */
    private final Set<String> dirtyRepos = new HashSet<>();
    private final Set<String> dirtyBlobs = new HashSet<>();
    private final Set<String> dirtyVirtualBlobs = new HashSet<>();
    private boolean allDirty;
    /**
     * imageSize of live and soft-deleted manifests, kept up to date on every change so that ARM's listUsages can read
     * it without the store's lock (ARM holds the registry resource's lock; taking ours there could deadlock).
     */
    private volatile long storageBytes;

    public long storageBytes() {
        return storageBytes;
    }

    /** Runs {@code action} holding the store's lock (reentrant) and returns its result. */
    public <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} holding the store's lock (reentrant). */
    public void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    private void held() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("the registry store is read or changed outside RegistryStore.locked");
        }
    }

    // ---- repositories

    public Repo repo(String name) {
        held();
        return repos.get(name);
    }

    /** All repositories by name. */
    public Collection<Repo> repos() {
        held();
        return Collections.unmodifiableCollection(repos.values());
    }

    /** Repositories by name after {@code last} (all when null). */
    public Collection<Repo> reposAfter(String last) {
        held();
        return Collections.unmodifiableCollection((last == null ? repos : repos.tailMap(last, false)).values());
    }

    public void putRepo(Repo r) {
        held();
        repos.put(r.name, r);
    }

    public Repo repoOrCreate(String name, Instant now) {
        held();
        return repos.computeIfAbsent(name, n -> new Repo(n, now));
    }

    public void removeRepo(String name) {
        held();
        repos.remove(name);
    }

    // ---- blobs and uploads

    public byte[] blob(String digest) {
        held();
        return blobs.get(digest);
    }

    /** All stored blobs by digest. */
    public Map<String, byte[]> blobs() {
        held();
        return Collections.unmodifiableMap(blobs);
    }

    /** The size of a seeded layer, or null. */
    public Long virtualBlob(String digest) {
        held();
        return virtualBlobs.get(digest);
    }

    public Map<String, Long> virtualBlobs() {
        held();
        return Collections.unmodifiableMap(virtualBlobs);
    }

    public Upload upload(String id) {
        held();
        return uploads.get(id);
    }

    public void putUpload(Upload u) {
        held();
        uploads.put(u.id, u);
    }

    public void removeUpload(String id) {
        held();
        uploads.remove(id);
    }

    // ---- soft-deleted records and retention entries, in due order

    public void addSoftDeleted(SoftDeleted d) {
        held();
        softDeleted.add(d);
    }

    public void removeSoftDeleted(SoftDeleted d) {
        held();
        softDeleted.remove(d);
    }

    /** The next soft-deleted record due, or null. */
    public SoftDeleted firstSoftDeleted() {
        held();
        return softDeleted.isEmpty() ? null : softDeleted.first();
    }

    public void pollSoftDeleted() {
        held();
        softDeleted.pollFirst();
    }

    public void addRetention(RetentionEntry e) {
        held();
        retention.add(e);
    }

    /** The next retention entry due, or null. */
    public RetentionEntry firstRetention() {
        held();
        return retention.isEmpty() ? null : retention.first();
    }

    public void pollRetention() {
        held();
        retention.pollFirst();
    }

    /** Retention entries in due order. */
    public Collection<RetentionEntry> retention() {
        held();
        return Collections.unmodifiableCollection(retention);
    }

    public void addStorage(long delta) {
        held();
        storageBytes += delta;
    }

    /** An upload session. */
    public static final class Upload {
        public final String id;
        public final String repo;
        public final ByteArrayOutputStream data = new ByteArrayOutputStream();

        public Upload(String id, String repo) {
            this.id = id;
            this.repo = repo;
        }
    }

    /** A manifest that went untagged at {@code untaggedAt}. */
    public record RetentionEntry(Instant untaggedAt, String repo, String digest, long seq) {
        static final Comparator<RetentionEntry> ORDER =
                Comparator.comparing(RetentionEntry::untaggedAt).thenComparingLong(RetentionEntry::seq);
    }

    public long nextSeq() {
        held();
        return ++seq;
    }

    /** Restarts numbering after restored records, so new ones sort after them. */
    public void advanceSeqTo(long at) {
        held();
        seq = Math.max(seq, at);
    }

    /** Repository {@code name} (its tags, manifests, soft-deleted records or its removal) changed. Caller holds the lock. */
    public void markDirty(String repo) {
        held();
        dirtyRepos.add(repo);
    }

    /** Everything changed (a reset): the next save writes the whole state. Caller holds the lock. */
    public void markAllDirty() {
        held();
        allDirty = true;
    }

    public void putBlob(String digest, byte[] content) {
        held();
        blobs.put(digest, content);
        dirtyBlobs.add(digest);
    }

    public byte[] removeBlob(String digest) {
        held();
        byte[] b = blobs.remove(digest);
        if (b != null) {
            dirtyBlobs.add(digest);
        }
        return b;
    }

    public void putVirtualBlob(String digest, long size) {
        held();
        Long old = virtualBlobs.put(digest, size);
        if (old == null || old != size) {
            dirtyVirtualBlobs.add(digest);
        }
    }

    /** What changed since the last call (keys; a key no longer in the store was removed). */
    public record Changes(boolean all, Set<String> repos, Set<String> blobs, Set<String> virtualBlobs) {
        public boolean isEmpty() {
            return !all && repos.isEmpty() && blobs.isEmpty() && virtualBlobs.isEmpty();
        }
    }

    /** Returns and clears what changed. Caller holds the lock. */
    public Changes takeChanges() {
        held();
        Changes c = new Changes(allDirty, Set.copyOf(dirtyRepos), Set.copyOf(dirtyBlobs), Set.copyOf(dirtyVirtualBlobs));
        allDirty = false;
        dirtyRepos.clear();
        dirtyBlobs.clear();
        dirtyVirtualBlobs.clear();
        return c;
    }

    /** Puts back what a failed save took, so the next save tries again. Caller holds the lock. */
    public void restoreChanges(Changes c) {
        held();
        allDirty |= c.all();
        dirtyRepos.addAll(c.repos());
        dirtyBlobs.addAll(c.blobs());
        dirtyVirtualBlobs.addAll(c.virtualBlobs());
    }

    public void clear() {
        held();
        repos.clear();
        blobs.clear();
        virtualBlobs.clear();
        uploads.clear();
        softDeleted.clear();
        retention.clear();
        storageBytes = 0;
        allDirty = true;
    }
}
