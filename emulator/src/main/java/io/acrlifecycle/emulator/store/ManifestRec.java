package io.acrlifecycle.emulator.store;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/** A manifest: exact bytes plus ACR's metadata. Guarded by the store's lock. */
public final class ManifestRec {
    public final String digest;
    public final String mediaType;
    public final byte[] body;
    public final long imageSize;
    public final String architecture;
    public final String os;
    public final String configMediaType;
    public final String artifactType;
    /** Digest of the {@code subject}, or null. */
    public final String subject;
    public final List<ChildRef> children;
    /** Config and layer digests (checked at push; not owned). */
    public final List<String> blobs;
    public Instant created;
    Instant updated;
    public Attrs attrs;
    public final TreeSet<String> tags = new TreeSet<>();
    /** When it last lost its last tag (or was pushed without one); null while tagged. */
    public Instant untaggedAt;

    public ManifestRec(String digest, String mediaType, byte[] body, long imageSize, String architecture, String os,
            String configMediaType, String artifactType, String subject, List<ChildRef> children, List<String> blobs,
            Instant created, Instant updated, Attrs attrs) {
        this.digest = digest;
        this.mediaType = mediaType;
        this.body = body;
        this.imageSize = imageSize;
        this.architecture = architecture;
        this.os = os;
        this.configMediaType = configMediaType;
        this.artifactType = artifactType;
        this.subject = subject;
        this.children = List.copyOf(children);
        this.blobs = List.copyOf(blobs);
        this.created = created;
        this.updated = updated;
        this.attrs = attrs;
    }

    public Instant updated() {
        return updated;
    }
}
