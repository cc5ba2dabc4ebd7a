package io.acrlifecycle.emulator.store;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
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
    private boolean dirty;
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

    public void markDirty() {
        dirty = true;
    }

    /** Returns and clears the dirty flag (for persistence after a request). */
    public boolean takeDirty() {
        boolean d = dirty;
        dirty = false;
        return d;
    }

    public void clear() {
        repos.clear();
        blobs.clear();
        virtualBlobs.clear();
        uploads.clear();
        softDeleted.clear();
        retention.clear();
        storageBytes = 0;
        dirty = true;
    }
}
