package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.errorCode;
import static io.acrlifecycle.emulator.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Docker manifest list pushed over /v2 after its two children: exact bytes back, and {@code references} on /acr/v1. */
class ManifestListTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    private static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    private RawClient raw;
    private String token;

    @BeforeEach
    void setUp() {
        raw = new RawClient(EMU.emulator());
        token = raw.token("repository:multi:pull,push,metadata_read");
    }

    @Test
    void shouldPushAndGetAManifestListWithItsExactBytesAndReferences() throws Exception {
        // given: two platform images pushed first
        byte[] amd64 = image("amd64");
        byte[] arm64 = image("arm64");
        assertThat(raw.put("/v2/multi/manifests/" + sha256(amd64), DOCKER_MANIFEST, amd64, token).statusCode()).isEqualTo(201);
        assertThat(raw.put("/v2/multi/manifests/" + sha256(arm64), DOCKER_MANIFEST, arm64, token).statusCode()).isEqualTo(201);
        // odd spacing and key order on purpose: the registry must hand back these bytes, not a re-serialisation
        byte[] list = ("{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"" + DOCKER_LIST + "\",\n  \"manifests\": [\n"
                + "    " + descriptor(amd64, "amd64") + ",\n    " + descriptor(arm64, "arm64") + "\n  ]\n}\n")
                .getBytes(StandardCharsets.UTF_8);
        // when
        HttpResponse<String> put = raw.put("/v2/multi/manifests/latest", DOCKER_LIST, list, token);
        HttpResponse<byte[]> get = getBytes("/v2/multi/manifests/latest");
        HttpResponse<byte[]> byDigest = getBytes("/v2/multi/manifests/" + sha256(list));
        HttpResponse<String> attrs = raw.call("GET", "/acr/v1/multi/_manifests/" + sha256(list), null, token);
        // then
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(sha256(list));
        for (HttpResponse<byte[]> r : List.of(get, byDigest)) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(list);
            assertThat(r.headers().firstValue("Content-Type")).hasValue(DOCKER_LIST);
            assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(sha256(list));
        }
        assertThat(attrs.statusCode()).isEqualTo(200);
        JsonNode m = json(attrs).path("manifest");
        assertThat(m.path("mediaType").asText()).isEqualTo(DOCKER_LIST);
        assertThat(m.path("tags").get(0).asText()).isEqualTo("latest");
        List<String> refs = new ArrayList<>();
        m.path("references").forEach(r -> refs.add(r.path("digest").asText() + " " + r.path("os").asText() + "/" + r.path("architecture").asText()));
        assertThat(refs).containsExactly(sha256(amd64) + " linux/amd64", sha256(arm64) + " linux/arm64");
    }

    @Test
    void shouldRefuseAManifestListReferencingAMissingChild() throws Exception {
        // given: only one of the two children exists
        byte[] amd64 = image("amd64");
        byte[] arm64 = image("arm64");
        assertThat(raw.put("/v2/multi/manifests/" + sha256(amd64), DOCKER_MANIFEST, amd64, token).statusCode()).isEqualTo(201);
        byte[] list = ("{\"schemaVersion\":2,\"mediaType\":\"" + DOCKER_LIST + "\",\"manifests\":["
                + descriptor(amd64, "amd64") + "," + descriptor(arm64, "arm64") + "]}").getBytes(StandardCharsets.UTF_8);
        // when
        HttpResponse<String> put = raw.put("/v2/multi/manifests/latest", DOCKER_LIST, list, token);
        // then: the documented 400 MANIFEST_BLOB_UNKNOWN naming the missing child, and nothing was stored
        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(errorCode(put)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
        assertThat(json(put).path("errors").get(0).path("detail").path("digest").asText()).isEqualTo(sha256(arm64));
        assertThat(raw.call("GET", "/v2/multi/manifests/latest", null, token).statusCode()).isEqualTo(404);
        assertThat(raw.call("GET", "/v2/multi/manifests/" + sha256(list), null, token).statusCode()).isEqualTo(404);
    }

    /** Uploads a config and a layer for {@code arch} and returns the bytes of a Docker v2 image manifest using them. */
    private byte[] image(String arch) {
        byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer for " + arch).getBytes(StandardCharsets.UTF_8);
        upload(config);
        upload(layer);
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + DOCKER_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":" + config.length
                + ",\"digest\":\"" + sha256(config) + "\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":" + layer.length
                + ",\"digest\":\"" + sha256(layer) + "\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static String descriptor(byte[] manifest, String arch) {
        return "{\"mediaType\":\"" + DOCKER_MANIFEST + "\",\"size\":" + manifest.length + ",\"digest\":\"" + sha256(manifest)
                + "\",\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}}";
    }

    private void upload(byte[] blob) {
        HttpResponse<String> r = raw.send(HttpRequest.newBuilder(raw.uri("/v2/multi/blobs/uploads/?digest=" + sha256(blob)))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(blob)).build());
        assertThat(r.statusCode()).isEqualTo(201);
    }

    private HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return raw.http.send(HttpRequest.newBuilder(raw.uri(path)).header("Authorization", "Bearer " + token)
                .header("Accept", DOCKER_LIST + ", " + DOCKER_MANIFEST).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sha256(byte[] b) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
