package io.acrlifecycle.emulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.base.AcrErrors;
import io.acrlifecycle.emulator.base.Json;
import io.acrlifecycle.emulator.store.ChildRef;
import java.util.ArrayList;
import java.util.List;

/** Reads what the registry needs from manifest bytes; malformed content is MANIFEST_INVALID. */
public final class ManifestParser {
    public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    /** The parts of a manifest that matter to the registry. */
    public record Parsed(String mediaType, String configDigest, String configMediaType, long configSize,
            List<String> layers, long layersSize, List<ChildRef> children, String subject, String artifactType) {
    }

    private ManifestParser() {
    }

    public static Parsed parse(byte[] body, String contentType) {
        if (body.length > MAX_MANIFEST_BYTES) {
            throw AcrErrors.manifestInvalid("manifest is larger than 4 MiB");
        }
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (IllegalArgumentException e) {
            throw AcrErrors.manifestInvalid("not JSON: " + e.getMessage());
        }
        if (!root.isObject()) {
            throw AcrErrors.manifestInvalid("not a JSON object");
        }
        if (root.path("schemaVersion").asInt(-1) != 2) {
            throw AcrErrors.manifestInvalid("schemaVersion must be 2");
        }
        String declared = root.path("mediaType").isTextual() ? root.get("mediaType").asText() : null;
        String ct = contentType == null ? null : contentType.split(";")[0].trim();
        if (ct != null && (ct.isEmpty() || ct.equals("application/json") || ct.equals("application/octet-stream"))) {
            ct = null;
        }
        if (declared != null && ct != null && !declared.equals(ct)) {
            throw AcrErrors.manifestInvalid("mediaType '" + declared + "' does not match Content-Type '" + ct + "'");
        }
        String mediaType = declared != null ? declared : ct;
        if (mediaType == null) {
            mediaType = root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        }
        if (!MediaTypes.MANIFESTS.contains(mediaType)) {
            throw AcrErrors.manifestInvalid("unsupported manifest media type '" + mediaType + "'; accepted: " + MediaTypes.MANIFESTS);
        }
        String subject = root.path("subject").path("digest").isTextual() ? root.path("subject").path("digest").asText() : null;
        if (subject != null && !Digests.isDigest(subject)) {
            throw AcrErrors.manifestInvalid("subject digest '" + subject + "' is invalid");
        }
        String artifactType = root.path("artifactType").isTextual() ? root.get("artifactType").asText() : null;
        if (MediaTypes.isIndex(mediaType)) {
            JsonNode ms = root.path("manifests");
            if (!ms.isArray()) {
                throw AcrErrors.manifestInvalid("an index needs a 'manifests' array");
            }
            List<ChildRef> children = new ArrayList<>();
            for (JsonNode d : ms) {
                String digest = descriptorDigest(d, "manifests[]");
                JsonNode platform = d.path("platform");
                children.add(new ChildRef(digest, d.path("mediaType").asText(null), d.path("size").asLong(0),
                        platform.path("architecture").asText(null), platform.path("os").asText(null)));
            }
            return new Parsed(mediaType, null, null, 0, List.of(), 0, children, subject, artifactType);
        }
        JsonNode config = root.path("config");
        if (!config.isObject()) {
            throw AcrErrors.manifestInvalid("an image manifest needs a 'config' descriptor");
        }
        String configDigest = descriptorDigest(config, "config");
        JsonNode layers = root.path("layers");
        if (!layers.isMissingNode() && !layers.isArray()) {
            throw AcrErrors.manifestInvalid("'layers' must be an array");
        }
        List<String> layerDigests = new ArrayList<>();
        long layersSize = 0;
        for (JsonNode l : layers) {
            layerDigests.add(descriptorDigest(l, "layers[]"));
            layersSize += l.path("size").asLong(0);
        }
        String configMediaType = config.path("mediaType").asText(null);
        if (artifactType == null && configMediaType != null && !configMediaType.equals(MediaTypes.OCI_CONFIG)
                && !configMediaType.equals(MediaTypes.DOCKER_CONFIG) && !configMediaType.equals(MediaTypes.OCI_EMPTY)) {
            artifactType = configMediaType;
        }
        return new Parsed(mediaType, configDigest, configMediaType, config.path("size").asLong(0), layerDigests, layersSize,
                List.of(), subject, artifactType);
    }

    private static String descriptorDigest(JsonNode d, String where) {
        String digest = d.path("digest").asText(null);
        if (!Digests.isDigest(digest)) {
            throw AcrErrors.manifestInvalid(where + " has an invalid digest '" + digest + "'");
        }
        return digest;
    }
}
