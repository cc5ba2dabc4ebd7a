package io.acrlifecycle.emulator.seed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.emulator.base.Json;
import io.acrlifecycle.emulator.service.Digests;
import io.acrlifecycle.emulator.service.MediaTypes;
import io.acrlifecycle.emulator.store.ManifestRec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Real manifest bodies for seed entries, so digests, /v2 GET, children and {@code subject} agree. Config blobs are
 * stored; layers are descriptors only (sized so that the manifest's imageSize matches the seed's {@code size}).
 */
final class SeedManifests {
    static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);

    private SeedManifests() {
    }

    /** A generated body and the config blob it needs (null for indexes). */
    record Generated(byte[] body, byte[] config, String layerDigest, long layerSize) {
        Generated(byte[] body, byte[] config) {
            this(body, config, null, 0);
        }
    }

    static Generated image(String repo, String id, String mediaType, String arch, String os, Instant created, long size) {
        boolean oci = MediaTypes.OCI_MANIFEST.equals(mediaType);
        ObjectNode cfg = Json.object().put("architecture", arch).put("os", os).put("created", created.toString());
        cfg.putObject("config").putObject("Labels").put("io.acrlifecycle.seed", repo + "/" + id);
        cfg.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        byte[] config = Json.write(cfg).getBytes(StandardCharsets.UTF_8);
        ObjectNode m = Json.object().put("schemaVersion", 2).put("mediaType", mediaType);
        m.putObject("config").put("mediaType", oci ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG)
                .put("size", config.length).put("digest", Digests.sha256(config));
        long layerSize = Math.max(1, size - config.length);
        m.putArray("layers").addObject().put("mediaType", oci ? MediaTypes.OCI_LAYER : MediaTypes.DOCKER_LAYER)
                .put("size", layerSize).put("digest", virtualDigest(repo, id));
        return new Generated(Json.write(m).getBytes(StandardCharsets.UTF_8), config, virtualDigest(repo, id), layerSize);
    }

    static Generated referrer(String repo, String id, String artifactType, ManifestRec subject, Instant created, long size) {
        ObjectNode m = Json.object().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST)
                .put("artifactType", artifactType);
        m.putObject("config").put("mediaType", MediaTypes.OCI_EMPTY).put("size", EMPTY_CONFIG.length)
                .put("digest", Digests.sha256(EMPTY_CONFIG));
        m.putArray("layers").addObject().put("mediaType", "application/octet-stream").put("size", Math.max(1, size))
                .put("digest", virtualDigest(repo, id));
        m.putObject("subject").put("mediaType", subject.mediaType).put("digest", subject.digest).put("size", subject.body.length);
        m.putObject("annotations").put("org.opencontainers.image.created", created.toString())
                .put("io.acrlifecycle.seed", repo + "/" + id);
        return new Generated(Json.write(m).getBytes(StandardCharsets.UTF_8), EMPTY_CONFIG, virtualDigest(repo, id), Math.max(1, size));
    }

    static Generated index(String repo, String id, String mediaType, List<ManifestRec> children) {
        ObjectNode m = Json.object().put("schemaVersion", 2).put("mediaType", mediaType);
        ArrayNode ms = m.putArray("manifests");
        for (ManifestRec c : children) {
            ObjectNode d = ms.addObject().put("mediaType", c.mediaType).put("size", c.body.length).put("digest", c.digest);
            if (c.architecture != null || c.os != null) {
                d.putObject("platform").put("architecture", c.architecture).put("os", c.os);
            }
        }
        if (MediaTypes.OCI_INDEX.equals(mediaType)) {
            m.putObject("annotations").put("io.acrlifecycle.seed", repo + "/" + id);
        }
        return new Generated(Json.write(m).getBytes(StandardCharsets.UTF_8), null);
    }

    private static String virtualDigest(String repo, String id) {
        return Digests.sha256(("acr-lifecycle seed layer " + repo + "/" + id).getBytes(StandardCharsets.UTF_8));
    }
}
