package io.acrlifecycle.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.emulator.base.Json;
import io.acrlifecycle.emulator.store.RegistryStore;
import io.acrlifecycle.emulator.store.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A state dir's persistence: a snapshot ({@code state.json}) plus an append-only journal ({@code state.journal})
 * of what each commit changed: the items of a repository that differ (a tag, a manifest, a soft-deleted record, a
 * retention entry, the repository's own fields; see {@link RepoItems}), a blob, the meta part. It is compacted into
 * a new snapshot when it outgrows the last one.
 *
 * <p>Why a journal: the emulator used to rewrite the whole state (every blob, every manifest) after each change, so
 * a change cost time in proportion to everything stored. A journal line costs in proportion to what changed, and
 * compaction keeps the journal's replay short. (Finding the changed items still reads the touched repository, a
 * CPU cost in proportion to its size, not a disk one.)
 *
 * <p>Durability: {@link #commit} runs before the answer goes out. It writes the line under the store's lock (so
 * lines are in the order of the changes and a later line always holds the later state of a part), then fsyncs
 * outside the lock with group commit: whoever fsyncs covers every line written so far, so concurrent requests
 * share one fsync instead of queueing for one each. A write acknowledged to a client is therefore on disk: it
 * survives {@code kill -9} and a power loss. A crash in the middle of a line leaves a last line without its
 * newline, which was never acknowledged and is dropped at the next start.
 */
final class Journal implements StatePersistence {
    /** The journal is compacted when it grows past the last snapshot's size, but never below this. */
    static final long MIN_COMPACT_BYTES = 4L << 20;

    private final StateFile snapshot;
    private final StateParts parts;
    private final RegistryStore store;
    private final FileChannel channel;
    // guarded by the store's lock
    private long seq;
    private long size;
    private long compactAt;
    private String lastMeta;
    private boolean closed;
    /** What the journal holds of each repository, item by item: a line writes only the items that differ. */
    private final Map<String, RepoItems.Image> images = new HashMap<>();
    private volatile boolean seedIdsChanged;
    private volatile long written;
    // group commit
    private final Object syncLock = new Object();
    private long synced;

    Journal(StateFile snapshot, Path journal, StateParts parts, long lastSeq) throws IOException {
        this.snapshot = snapshot;
        this.parts = parts;
        this.store = parts.store();
        this.seq = lastSeq;
        this.channel = StateFile.create(journal, StandardOpenOption.WRITE);
        store.locked(() -> unchecked(this::compact));
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void unchecked(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save emulator state: " + e.getMessage(), e);
        }
    }

    @Override
    public void markChanged() {
        seedIdsChanged = true;
    }

    @Override
    public void commit() {
        long upTo = store.locked(() -> {
            if (closed) {
                return -1L;
            }
            RegistryStore.Changes changes = store.takeChanges();
            boolean ids = seedIdsChanged;
            seedIdsChanged = false;
            try {
                if (changes.all()) {
                    compact();
                } else {
                    String meta = Json.write(StateCodec.meta(parts));
                    boolean metaChanged = !meta.equals(lastMeta);
                    Map<String, RepoItems.Image> newImages = new HashMap<>();
                    ObjectNode rec = record(changes, metaChanged ? meta : null, ids, newImages);
                    if (rec.size() > 1) {
                        append(rec);
                    }
                    // only once the line is written: a failed write leaves the journal's view as it was
                    lastMeta = meta;
                    newImages.forEach((name, img) -> {
                        if (img == REMOVED) {
                            images.remove(name);
                        } else {
                            images.put(name, img);
                        }
                    });
                    if (size > compactAt) {
                        compact();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // nothing acknowledged: the next commit tries again with the same changes
                store.restoreChanges(changes);
                seedIdsChanged |= ids;
                lastMeta = null;
                throw e instanceof IOException io ? new UncheckedIOException("cannot save emulator state: " + io.getMessage(), io)
                        : (RuntimeException) e;
            }
            return written;
        });
        if (upTo >= 0) {
            sync(upTo);
        }
    }

    private static final RepoItems.Image REMOVED = new RepoItems.Image("", Map.of());

    private ObjectNode record(RegistryStore.Changes changes, String meta, boolean ids, Map<String, RepoItems.Image> newImages) {
        ObjectNode rec = Json.object().put("seq", seq + 1);
        if (meta != null) {
            rec.set("meta", Json.parse(meta));
        }
        if (ids) {
            rec.set("seedIds", StateCodec.seedIds(parts.seedIds()));
        }
        ObjectNode repos = Json.object();
        for (String name : changes.repos()) {
            Repo r = store.repo(name);
            if (r == null) {
                if (images.containsKey(name)) {
                    repos.putNull(name);
                    newImages.put(name, REMOVED);
                }
                continue;
            }
            RepoItems items = RepoItems.split(StateCodec.repo(store, r), name);
            RepoItems.Image image = items.image();
            ObjectNode diff = RepoItems.diff(images.get(name), items, image);
            if (diff != null) {
                repos.set(name, diff);
                newImages.put(name, image);
            }
        }
        if (!repos.isEmpty()) {
            rec.set("repos", repos);
        }
        if (!changes.blobs().isEmpty()) {
            ObjectNode blobs = rec.putObject("blobs");
            for (String d : changes.blobs()) {
                byte[] b = store.blob(d);
                blobs.put(d, b == null ? null : Base64.getEncoder().encodeToString(b));
            }
        }
        if (!changes.virtualBlobs().isEmpty()) {
            ObjectNode v = rec.putObject("virtualBlobs");
            for (String d : changes.virtualBlobs()) {
                Long n = store.virtualBlob(d);
                if (n == null) {
                    v.putNull(d);
                } else {
                    v.put(d, n);
                }
            }
        }
        return rec;
    }

    /** One line; on a failed write the file is cut back to its last whole line. */
    private void append(JsonNode rec) throws IOException {
        byte[] json = Json.MAPPER.writeValueAsBytes(rec);
        ByteBuffer buf = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        long before = size;
        try {
            while (buf.hasRemaining()) {
                size += channel.write(buf, size);
            }
        } catch (IOException e) {
            size = before;
            channel.truncate(before);
            throw e;
        }
        seq++;
        written = seq;
    }

    /** The whole state into a new snapshot, then an empty journal (records up to {@code journalSeq} are in it). */
    private void compact() throws IOException {
        ObjectNode root = Json.object().put("version", StateFile.VERSION).put("journalSeq", seq);
        ObjectNode meta = StateCodec.meta(parts);
        root.setAll(meta);
        root.set("seedIds", StateCodec.seedIds(parts.seedIds()));
        ObjectNode blobs = root.putObject("blobs");
        store.blobs().forEach((d, b) -> blobs.put(d, Base64.getEncoder().encodeToString(b)));
        ObjectNode virtual = root.putObject("virtualBlobs");
        store.virtualBlobs().forEach(virtual::put);
        ArrayNode repos = root.putArray("repositories");
        Map<String, RepoItems.Image> all = new HashMap<>();
        for (Repo r : store.repos()) {
            ObjectNode json = StateCodec.repo(store, r);
            repos.add(json);
            all.put(r.name, RepoItems.split(json, r.name).image());
        }
        byte[] bytes = Json.MAPPER.writeValueAsBytes(root);
        snapshot.write(bytes);
        channel.truncate(0);
        channel.force(false);
        size = 0;
        compactAt = Math.max(MIN_COMPACT_BYTES, bytes.length);
        images.clear();
        images.putAll(all);
        lastMeta = Json.write(meta);
        written = seq;
    }

    /** Group commit: one fsync covers every line written before it. */
    private void sync(long upTo) {
        synchronized (syncLock) {
            if (synced >= upTo) {
                return;
            }
            long target = written;
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save emulator state: " + e.getMessage(), e);
            }
            synced = target;
        }
    }

    /** A clean stop folds the journal into the snapshot, so the next start reads one file. */
    @Override
    public void close() {
        commit();
        store.locked(() -> {
            if (closed) {
                return;
            }
            closed = true;
            try {
                compact();
            } catch (IOException e) {
                // every commit was fsynced already: the next start replays the journal instead
            } finally {
                try {
                    channel.close();
                } catch (IOException e) {
                    // as above
                }
            }
        });
    }
}
