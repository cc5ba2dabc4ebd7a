package io.acrlifecycle.emulator.service;

import io.acrlifecycle.emulator.base.AcrErrors;
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
        return store().locked(() -> {
            byte[] b = store().blob(digest);
            if (b == null && store().virtualBlob(digest) != null) {
                throw AcrErrors.unsupported("download of seeded layer " + digest + " (seeded layers have a size but no content)");
            }
            if (b == null) {
                throw AcrErrors.blobUnknown(digest);
            }
            return b;
        });
    }

    public void deleteBlob(String digest) {
        store().locked(() -> {
            if (store().removeBlob(digest) == null) {
                throw AcrErrors.blobUnknown(digest);
            }
        });
    }

    public boolean exists(String digest) {
        return store().locked(() -> {
            return store().blob(digest) != null || store().virtualBlob(digest) != null;
        });
    }

    /** The size of a stored or seeded blob, or null. */
    public Long size(String digest) {
        return store().locked(() -> {
            byte[] b = store().blob(digest);
            return b != null ? Long.valueOf(b.length) : store().virtualBlob(digest);
        });
    }

    /** Starts an upload; returns its id. */
    public String start(String repo) {
        Names.checkRepository(repo);
        String id = UUID.randomUUID().toString();
        store().locked(() -> {
            store().putUpload(new RegistryStore.Upload(id, repo));
        });
        return id;
    }

    /** Appends a chunk; returns the upload's size. {@code rangeStart} (from Content-Range) must equal the size so far. */
    public long append(String repo, String id, byte[] chunk, Long rangeStart) {
        return store().locked(() -> {
            RegistryStore.Upload u = upload(repo, id);
            if (rangeStart != null && rangeStart != u.data.size()) {
                throw AcrErrors.badRequest("BLOB_UPLOAD_INVALID", "Content-Range starts at " + rangeStart
                        + " but the upload holds " + u.data.size() + " bytes");
            }
            u.data.writeBytes(chunk);
            return u.data.size();
        });
    }

    public long size(String repo, String id) {
        return store().locked(() -> {
            return upload(repo, id).data.size();
        });
    }

    /** Completes an upload with a final (possibly empty) chunk; the content must hash to {@code digest}. */
    public void finish(String repo, String id, byte[] lastChunk, String digest) {
        store().locked(() -> {
            RegistryStore.Upload u = upload(repo, id);
            u.data.writeBytes(lastChunk);
            store().removeUpload(id);
            put(u.data.toByteArray(), digest);
        });
    }

    public void cancel(String repo, String id) {
        store().locked(() -> {
            upload(repo, id);
            store().removeUpload(id);
        });
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
        store().locked(() -> {
            store().putBlob(digest, content);
        });
    }

    private RegistryStore.Upload upload(String repo, String id) {
        RegistryStore.Upload u = store().upload(id);
        if (u == null || !u.repo.equals(repo)) {
            throw AcrErrors.blobUploadUnknown(id);
        }
        return u;
    }
}
