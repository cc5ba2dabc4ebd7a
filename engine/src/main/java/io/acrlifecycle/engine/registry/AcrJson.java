package io.acrlifecycle.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.TagInfo;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * ACR's JSON shapes to engine records. Lenient where real responses vary: untagged manifests have no {@code tags},
 * missing lock fields mean "enabled", timestamps may lack an offset (read as UTC).
 */
final class AcrJson {
    private AcrJson() {
    }

    static TagInfo toTag(String repository, JsonNode t) {
        return new TagInfo(repository, t.path("name").asText(), t.path("digest").asText(),
                instant(t.path("createdTime")), instant(t.path("lastUpdateTime")),
                locks(t.path("changeableAttributes")));
    }

    static ManifestInfo toManifest(String repository, JsonNode m) {
        List<String> tags = new ArrayList<>();
        m.path("tags").forEach(t -> tags.add(t.asText()));
        return new ManifestInfo(repository, m.path("digest").asText(), m.path("mediaType").asText(null),
                m.path("imageSize").asLong(0), instant(m.path("createdTime")), instant(m.path("lastUpdateTime")),
                tags, locks(m.path("changeableAttributes")));
    }

    static Locks locks(JsonNode c) {
        return new Locks(c.path("deleteEnabled").asBoolean(true), c.path("writeEnabled").asBoolean(true),
                c.path("readEnabled").asBoolean(true), c.path("listEnabled").asBoolean(true));
    }

    static Instant instant(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull() || n.asText().isBlank()) {
            return null;
        }
        String s = n.asText();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (RuntimeException e) {
            return java.time.LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        }
    }

    static String sha256(byte[] body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
