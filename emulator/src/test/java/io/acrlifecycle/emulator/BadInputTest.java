package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.errorCode;
import static io.acrlifecycle.emulator.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Malformed requests get ACR's status and error code. */
class BadInputTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private RawClient raw;
    private String token;

    @BeforeEach
    void setUp() {
        EMU.emulator().seed("{\"repositories\":[{\"name\":\"app\",\"manifests\":[{\"id\":\"a\",\"tags\":[\"v1\"]}]}]}");
        raw = new RawClient(EMU.emulator());
        token = raw.token("repository:app:pull,push,delete,metadata_read,metadata_write", "repository:nope:metadata_read");
    }

    private HttpResponse<String> put(String path, String contentType, byte[] body) {
        return raw.put(path, contentType, body, token);
    }

    @Test
    void shouldRejectAMalformedManifest() {
        // when
        HttpResponse<String> notJson = put("/v2/app/manifests/bad", "application/vnd.oci.image.manifest.v1+json", "{not json".getBytes());
        HttpResponse<String> missingBlob = put("/v2/app/manifests/bad", "application/vnd.oci.image.manifest.v1+json",
                ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
                        + "\"application/vnd.oci.image.config.v1+json\",\"size\":2,\"digest\":\"sha256:" + "1".repeat(64) + "\"},\"layers\":[]}").getBytes());
        // then
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(errorCode(notJson)).isEqualTo("MANIFEST_INVALID");
        assertThat(missingBlob.statusCode()).isEqualTo(400);
        assertThat(errorCode(missingBlob)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
    }

    @Test
    void shouldRejectAnUploadWhoseDigestDoesNotMatch() {
        // given
        HttpResponse<String> start = raw.call("POST", "/v2/app/blobs/uploads/", null, token);
        String location = start.headers().firstValue("Location").orElseThrow();
        // when
        HttpResponse<String> r = put(location + "?digest=sha256:" + "a".repeat(64), "application/octet-stream", "hello".getBytes());
        // then
        assertThat(start.statusCode()).isEqualTo(202);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(errorCode(r)).isEqualTo("DIGEST_INVALID");
    }

    @Test
    void shouldAnswerNameUnknownForAnUnknownRepository() {
        // when
        HttpResponse<String> r = raw.call("GET", "/acr/v1/nope/_tags", null, token);
        // then
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(errorCode(r)).isEqualTo("NAME_UNKNOWN");
        assertThat(json(r).path("errors").get(0).path("detail").path("name").asText()).isEqualTo("nope");
    }

    @Test
    void shouldRejectAnInvalidPageSize() {
        for (String n : new String[] {"abc", "0", "-5"}) {
            // when
            HttpResponse<String> r = raw.call("GET", "/acr/v1/app/_tags?n=" + n, null, token);
            // then
            assertThat(r.statusCode()).as("n=" + n).isEqualTo(400);
            assertThat(errorCode(r)).isEqualTo("PAGINATION_NUMBER_INVALID");
        }
    }

    @Test
    void shouldRejectBadJsonInAPatch() {
        // when
        HttpResponse<String> notJson = raw.call("PATCH", "/acr/v1/app/_tags/v1", "{deleteEnabled:", token);
        HttpResponse<String> wrongType = raw.call("PATCH", "/acr/v1/app/_tags/v1", "{\"deleteEnabled\":\"no\"}", token);
        // then
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(errorCode(notJson)).isEqualTo("INVALID_REQUEST");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType).path("errors").get(0).path("message").asText()).contains("deleteEnabled");
    }

    @Test
    void shouldRejectDeleteByTagAndAnswer501ForWhatIsNotEmulated() {
        // when
        HttpResponse<String> byTag = raw.call("DELETE", "/v2/app/manifests/v1", null, token);
        HttpResponse<String> unknown = raw.call("GET", "/acr/v2/whatever", null, token);
        // then
        assertThat(byTag.statusCode()).isEqualTo(400);
        assertThat(errorCode(byTag)).isEqualTo("UNSUPPORTED");
        assertThat(unknown.statusCode()).isEqualTo(501);
        assertThat(errorCode(unknown)).isEqualTo("UNSUPPORTED");
        assertThat(json(unknown).path("errors").get(0).path("message").asText()).contains("GET /acr/v2/whatever");
    }
}
