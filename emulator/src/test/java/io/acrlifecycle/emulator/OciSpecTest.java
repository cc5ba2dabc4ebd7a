package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OCI distribution-spec v1.1 MUSTs that the conformance suite checks (chunk order, referrers media type) and the
 * OCI artifact manifest that ACR accepts and acr purge treats as a referrer.
 */
class OciSpecTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    static final String ARTIFACT_MANIFEST = "application/vnd.oci.artifact.manifest.v1+json";

    private RawClient raw;
    private String token;

    @BeforeEach
    void setUp() {
        EMU.emulator().seed("{\"repositories\":[{\"name\":\"app\",\"manifests\":[{\"id\":\"a\",\"tags\":[\"v1\"]},"
                + "{\"id\":\"sig\",\"subject\":\"a\"}]}]}");
        raw = new RawClient(EMU.emulator());
        token = raw.token("repository:app:pull,push,delete,metadata_read");
    }

    @Test
    void shouldAnswer416ToAChunkThatDoesNotStartWhereTheUploadEnds() {
        // given: an upload session holding 5 bytes
        String location = raw.call("POST", "/v2/app/blobs/uploads/", null, token).headers().firstValue("Location").orElseThrow();
        HttpResponse<String> first = patch(location, "0-4", "hello");

        // when: the same chunk again (a retry), a chunk past the end (a gap), then the right one
        HttpResponse<String> retried = patch(location, "0-4", "hello");
        HttpResponse<String> gap = patch(location, "10-14", "world");
        HttpResponse<String> next = patch(location, "5-9", "world");

        // then: 416 for the two, and the session is still usable at its real size
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retried.statusCode()).isEqualTo(416);
        assertThat(retried.headers().firstValue("Range")).hasValue("0-4");
        assertThat(retried.headers().firstValue("Location")).isPresent();
        assertThat(gap.statusCode()).isEqualTo(416);
        assertThat(next.statusCode()).isEqualTo(202);
        assertThat(next.headers().firstValue("Range")).hasValue("0-9");
    }

    @Test
    void shouldServeReferrersAsAnOciImageIndexExactly() {
        // when
        HttpResponse<String> r = raw.call("GET", "/v2/app/referrers/" + EMU.emulator().digestOf("app", "a"), null, token);
        HttpResponse<String> none = raw.call("GET", "/v2/app/referrers/sha256:" + "0".repeat(64), null, token);

        // then
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/vnd.oci.image.index.v1+json");
        assertThat(json(r).path("manifests")).hasSize(1);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/vnd.oci.image.index.v1+json");
    }

    @Test
    void shouldAcceptAnOciArtifactManifestAndListItAsAReferrerOfItsSubject() throws Exception {
        // given: a blob, and an artifact manifest (no schemaVersion, no config, blobs instead of layers) on image a
        byte[] blob = "sbom".getBytes(StandardCharsets.UTF_8);
        String blobDigest = sha256(blob);
        HttpResponse<String> upload = raw.send(HttpRequest.newBuilder(raw.uri("/v2/app/blobs/uploads/?digest=" + blobDigest))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(blob)).build());
        String a = EMU.emulator().digestOf("app", "a");
        String artifact = "{\"mediaType\":\"" + ARTIFACT_MANIFEST + "\",\"artifactType\":\"application/spdx+json\","
                + "\"blobs\":[{\"mediaType\":\"application/spdx+json\",\"digest\":\"" + blobDigest + "\",\"size\":" + blob.length + "}],"
                + "\"subject\":{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"digest\":\"" + a
                + "\",\"size\":100},\"annotations\":{\"org.opencontainers.image.created\":\"2026-12-01T00:00:00Z\"}}";
        byte[] body = artifact.getBytes(StandardCharsets.UTF_8);

        // when
        HttpResponse<String> pushed = raw.put("/v2/app/manifests/" + sha256(body), ARTIFACT_MANIFEST, body, token);
        HttpResponse<String> pulled = raw.call("GET", "/v2/app/manifests/" + sha256(body), null, token);
        JsonNode referrers = json(raw.call("GET", "/v2/app/referrers/" + a + "?artifactType=application%2Fspdx%2Bjson", null, token));
        JsonNode listed = json(raw.call("GET", "/acr/v1/app/_manifests/" + sha256(body), null, token));
        HttpResponse<String> deleted = raw.call("DELETE", "/v2/app/manifests/" + a, null, token);

        // then
        assertThat(upload.statusCode()).isEqualTo(201);
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
        assertThat(pushed.headers().firstValue("OCI-Subject")).hasValue(a);
        assertThat(pulled.body()).isEqualTo(artifact);
        assertThat(pulled.headers().firstValue("Content-Type")).hasValue(ARTIFACT_MANIFEST);
        assertThat(referrers.path("manifests")).hasSize(1);
        assertThat(referrers.at("/manifests/0/mediaType").asText()).isEqualTo(ARTIFACT_MANIFEST);
        assertThat(referrers.at("/manifests/0/artifactType").asText()).isEqualTo("application/spdx+json");
        assertThat(referrers.at("/manifests/0/annotations/org.opencontainers.image.created").asText()).startsWith("2026-12-01");
        assertThat(listed.at("/manifest/mediaType").asText()).isEqualTo(ARTIFACT_MANIFEST);
        assertThat(deleted.statusCode()).isEqualTo(202);
        assertThat(raw.call("GET", "/v2/app/manifests/" + sha256(body), null, token).statusCode())
                .as("a referrer goes with its subject").isEqualTo(404);
    }

    @Test
    void shouldRefuseAnArtifactManifestWithoutArtifactTypeOrWithAMissingBlob() throws Exception {
        // given
        String noType = "{\"mediaType\":\"" + ARTIFACT_MANIFEST + "\",\"blobs\":[]}";
        String missingBlob = "{\"mediaType\":\"" + ARTIFACT_MANIFEST + "\",\"artifactType\":\"x/y\",\"blobs\":[{\"mediaType\":"
                + "\"x/y\",\"digest\":\"sha256:" + "1".repeat(64) + "\",\"size\":1}]}";

        // when
        HttpResponse<String> a = raw.put("/v2/app/manifests/t1", ARTIFACT_MANIFEST, noType.getBytes(StandardCharsets.UTF_8), token);
        HttpResponse<String> b = raw.put("/v2/app/manifests/t2", ARTIFACT_MANIFEST, missingBlob.getBytes(StandardCharsets.UTF_8), token);

        // then
        assertThat(a.statusCode()).isEqualTo(400);
        assertThat(RawClient.errorCode(a)).isEqualTo("MANIFEST_INVALID");
        assertThat(json(a).at("/errors/0/message").asText()).contains("artifactType");
        assertThat(b.statusCode()).isEqualTo(400);
        assertThat(RawClient.errorCode(b)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
    }

    private HttpResponse<String> patch(String location, String range, String chunk) {
        return raw.send(HttpRequest.newBuilder(raw.uri(location)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream").header("Content-Range", range)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(chunk)).build());
    }

    private static String sha256(byte[] b) throws NoSuchAlgorithmException {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
