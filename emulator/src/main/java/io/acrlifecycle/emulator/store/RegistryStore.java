package io.acrlifecycle.emulator.store;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * All data-plane state. Every read and write happens under this object's monitor ({@code synchronized (store)}),
 * which the services take; handlers never touch it directly.
 */
public final class RegistryStore {
    public final TreeMap<String, Repo> repos = new TreeMap<>();
    /** Blobs by digest, shared by all repositories (ACR links blobs per repository; the emulator does not). */
    public final Map<String, byte[]> blobs = new HashMap<>();
    public final Map<String, Upload> uploads = new HashMap<>();
    /** Layers of seeded images: known (size only) so manifests can reference them; their content is not stored. */
    public final Map<String, Long> virtualBlobs = new HashMap<>();
    /** Soft-deleted manifests and tags, oldest deletion first, for auto-purge. */
    public final TreeSet<SoftDeleted> softDeleted = new TreeSet<>(SoftDeleted.BY_DELETION);
    /** Untagged manifests waiting for the retention policy, oldest untagging first. */
    public final TreeSet<RetentionEntry> retention = new TreeSet<>(RetentionEntry.ORDER);
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

    /** Caller holds the store's lock. */
    public void addStorage(long delta) {
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
        return ++seq;
    }

    /** Restarts numbering after restored records, so new ones sort after them. */
    public void advanceSeqTo(long at) {
        seq = Math.max(seq, at);
    }

    /** Repository {@code name} (its tags, manifests, soft-deleted records or its removal) changed. Caller holds the lock. */
    public void markDirty(String repo) {
        dirtyRepos.add(repo);
    }

    /** Everything changed (a reset): the next save writes the whole state. Caller holds the lock. */
    public void markAllDirty() {
        allDirty = true;
    }

    public void putBlob(String digest, byte[] content) {
        blobs.put(digest, content);
        dirtyBlobs.add(digest);
    }

    public byte[] removeBlob(String digest) {
        byte[] b = blobs.remove(digest);
        if (b != null) {
            dirtyBlobs.add(digest);
        }
        return b;
    }

    public void putVirtualBlob(String digest, long size) {
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
        Changes c = new Changes(allDirty, Set.copyOf(dirtyRepos), Set.copyOf(dirtyBlobs), Set.copyOf(dirtyVirtualBlobs));
        allDirty = false;
        dirtyRepos.clear();
        dirtyBlobs.clear();
        dirtyVirtualBlobs.clear();
        return c;
    }

    /** Puts back what a failed save took, so the next save tries again. Caller holds the lock. */
    public void restoreChanges(Changes c) {
        allDirty |= c.all();
        dirtyRepos.addAll(c.repos());
        dirtyBlobs.addAll(c.blobs());
        dirtyVirtualBlobs.addAll(c.virtualBlobs());
    }

    public void clear() {
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
