package io.acrlifecycle.emulator.service;

import io.acrlifecycle.emulator.http.AcrErrors;
import io.acrlifecycle.emulator.store.RegistryStore;
import java.util.UUID;

/** Blobs and blob uploads (monolithic and chunked). Blobs are shared by all repositories. */
public final class BlobService {
    private final Env env;

    public BlobService(Env env) {
        this.env = env;
    }

    private RegistryStore store() {
        return env.store();
    }

    public byte[] blob(String digest) {
        if (!Digests.isDigest(digest)) {
            throw AcrErrors.digestInvalid("invalid digest '" + digest + "'");
        }
        synchronized (store()) {
            byte[] b = store().blobs.get(digest);
            if (b == null && store().virtualBlobs.containsKey(digest)) {
                throw AcrErrors.unsupported("download of seeded layer " + digest + " (seeded layers have a size but no content)");
            }
            if (b == null) {
                throw AcrErrors.blobUnknown(digest);
            }
            return b;
        }
    }

    public void deleteBlob(String digest) {
        synchronized (store()) {
            if (store().blobs.remove(digest) == null) {
                throw AcrErrors.blobUnknown(digest);
            }
            store().markDirty();
        }
    }

    public boolean exists(String digest) {
        synchronized (store()) {
            return store().blobs.containsKey(digest) || store().virtualBlobs.containsKey(digest);
        }
    }

    /** The size of a stored or seeded blob, or null. */
    public Long size(String digest) {
        synchronized (store()) {
            byte[] b = store().blobs.get(digest);
            return b != null ? Long.valueOf(b.length) : store().virtualBlobs.get(digest);
        }
    }

    /** Starts an upload; returns its id. */
    public String start(String repo) {
        Names.checkRepository(repo);
        String id = UUID.randomUUID().toString();
        synchronized (store()) {
            store().uploads.put(id, new RegistryStore.Upload(id, repo));
        }
        return id;
    }

    /** Appends a chunk; returns the upload's size. {@code rangeStart} (from Content-Range) must equal the size so far. */
    public long append(String repo, String id, byte[] chunk, Long rangeStart) {
        synchronized (store()) {
            RegistryStore.Upload u = upload(repo, id);
            if (rangeStart != null && rangeStart != u.data.size()) {
                throw AcrErrors.uploadOutOfOrder(rangeStart, u.data.size());
            }
            u.data.writeBytes(chunk);
            return u.data.size();
        }
    }

    public long size(String repo, String id) {
        synchronized (store()) {
            return upload(repo, id).data.size();
        }
    }

    /** Completes an upload with a final (possibly empty) chunk; the content must hash to {@code digest}. */
    public void finish(String repo, String id, byte[] lastChunk, String digest) {
        synchronized (store()) {
            RegistryStore.Upload u = upload(repo, id);
            u.data.writeBytes(lastChunk);
            store().uploads.remove(id);
            put(u.data.toByteArray(), digest);
        }
    }

    public void cancel(String repo, String id) {
        synchronized (store()) {
            upload(repo, id);
            store().uploads.remove(id);
        }
    }

    /** Stores a blob whose content must hash to {@code digest}. */
    public void put(byte[] content, String digest) {
        if (digest == null || !Digests.isDigest(digest)) {
            throw AcrErrors.digestInvalid("invalid or missing digest '" + digest + "'; accepted: sha256:<64 lowercase hex>");
        }
        String actual = Digests.sha256(content);
        if (!actual.equals(digest)) {
            throw AcrErrors.digestInvalid("provided digest " + digest + " did not match uploaded content " + actual);
        }
        synchronized (store()) {
            store().blobs.put(digest, content);
            store().markDirty();
        }
    }

    private RegistryStore.Upload upload(String repo, String id) {
        RegistryStore.Upload u = store().uploads.get(id);
        if (u == null || !u.repo.equals(repo)) {
            throw AcrErrors.blobUploadUnknown(id);
        }
        return u;
    }
}
