package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.errorCode;
import static io.acrlifecycle.emulator.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Soft delete over raw HTTPS: delete, list deleted, restore (with and without force), auto-purge by the clock. */
class SoftDeleteTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private static final String SEED = """
            {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
             "repositories": [{"name": "team/app", "manifests": [
               {"id": "a", "tags": ["v1", "stable"], "updated": "-10d"},
               {"id": "b", "tags": ["v2"], "updated": "-5d"},
               {"id": "sig", "subject": "a"},
               {"id": "gone", "tags": ["v0"], "deleted": true, "deletedAt": "-2d"}
             ]}]}""";

    private RawClient raw;
    private String token;

    @BeforeEach
    void setUp() {
        EMU.emulator().seed(SEED);
        raw = new RawClient(EMU.emulator());
        token = raw.token("repository:team/app:pull,delete,metadata_read,deleted_read,deleted_restore", "registry:deleted_catalog:*");
    }

    private String digest(String id) {
        return EMU.emulator().digestOf("team/app", id);
    }

    private List<String> deletedDigests() {
        HttpResponse<String> r = raw.call("GET", "/acr/v1/_deleted/team%2Fapp/_manifests", null, token);
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        json(r).path("manifests").forEach(m -> out.add(m.path("digest").asText()));
        return out;
    }

    @Test
    void shouldMoveDeletedManifestWithTagsAndReferrersToTheDeletedSet() {
        // when
        HttpResponse<String> del = raw.call("DELETE", "/v2/team/app/manifests/" + digest("a"), null, token);
        // then
        assertThat(del.statusCode()).isEqualTo(202);
        assertThat(deletedDigests()).containsExactlyInAnyOrder(digest("a"), digest("sig"), digest("gone"));
        JsonNode tags = json(raw.call("GET", "/acr/v1/_deleted/team%2Fapp/_tags", null, token)).path("tags");
        List<String> names = new ArrayList<>();
        tags.forEach(t -> names.add(t.path("tag").asText() + "@" + t.path("digest").asText()));
        assertThat(names).containsExactly("stable@" + digest("a"), "v0@" + digest("gone"), "v1@" + digest("a"));
        assertThat(tags.get(0).path("deletedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");
        JsonNode catalog = json(raw.call("GET", "/acr/v1/_deleted/_catalog", null, token));
        assertThat(catalog.path("repositories").get(0).path("repository").asText()).isEqualTo("team/app");
        assertThat(raw.call("GET", "/acr/v1/team%2Fapp/_tags/v1", null, token).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRestoreAManifestWithOneTagAndRefuseAConflictUnlessForced() {
        // given: v1's manifest is deleted, then v1 is pushed again... emulated by moving the tag name onto b first
        raw.call("DELETE", "/v2/team/app/manifests/" + digest("a"), null, token);
        String pushToken = raw.token("repository:team/app:pull,push");
        HttpResponse<String> manifestB = raw.call("GET", "/v2/team/app/manifests/v2", null, pushToken);
        assertThat(raw.put("/v2/team/app/manifests/v1", manifestB.headers().firstValue("Content-Type").orElseThrow(),
                manifestB.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), pushToken).statusCode()).isEqualTo(201);
        String path = "/acr/v1/_deleted/team%2Fapp/_manifests/" + digest("a");
        // when
        HttpResponse<String> conflict = raw.call("POST", path + "?force=False", "{\"tag\":\"v1\"}", token);
        HttpResponse<String> plain = raw.call("POST", path + "?force=False", "{\"tag\":\"stable\"}", token);
        HttpResponse<String> forced = raw.call("POST", path + "?force=True", "{\"tag\":\"v1\"}", token);
        // then
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(errorCode(conflict)).isEqualTo("TAG_CONFLICT");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(json(plain).path("digest").asText()).isEqualTo(digest("a"));
        assertThat(json(plain).path("tag").asText()).isEqualTo("stable");
        assertThat(forced.statusCode()).isEqualTo(200);
        JsonNode v1 = json(raw.call("GET", "/acr/v1/team%2Fapp/_tags/v1", null, token));
        assertThat(v1.path("tag").path("digest").asText()).isEqualTo(digest("a"));
        assertThat(deletedDigests()).containsExactlyInAnyOrder(digest("sig"), digest("gone"));
        JsonNode deletedTags = json(raw.call("GET", "/acr/v1/_deleted/team%2Fapp/_tags", null, token)).path("tags");
        List<String> names = new ArrayList<>();
        deletedTags.forEach(t -> names.add(t.path("tag").asText() + "@" + t.path("digest").asText()));
        assertThat(names).contains("v1@" + digest("b"));
    }

    @Test
    void shouldRefuseRestoringAReferrerBeforeItsSubjectAndUnknownDigests() {
        // given
        raw.call("DELETE", "/v2/team/app/manifests/" + digest("a"), null, token);
        // when
        HttpResponse<String> referrer = raw.call("POST", "/acr/v1/_deleted/team%2Fapp/_manifests/" + digest("sig") + "?force=false",
                "{\"tag\":\"sig\"}", token);
        HttpResponse<String> unknown = raw.call("POST", "/acr/v1/_deleted/team%2Fapp/_manifests/sha256:" + "0".repeat(64),
                "{\"tag\":\"x\"}", token);
        // then
        assertThat(referrer.statusCode()).isEqualTo(409);
        assertThat(errorCode(referrer)).isEqualTo("SUBJECT_NOT_FOUND");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(errorCode(unknown)).isEqualTo("MANIFEST_UNKNOWN");
    }

    @Test
    void shouldPurgeSoftDeletedItemsWhenTheClockPassesRetention() {
        // given
        raw.call("DELETE", "/acr/v1/team%2Fapp/_tags/v2", null, token);
        assertThat(deletedDigests()).containsExactly(digest("gone"));
        // when
        EMU.emulator().clock().advance(Duration.ofDays(5).plusHours(1));
        List<String> afterFive = deletedDigests();
        EMU.emulator().clock().advance(Duration.ofDays(2));
        // then
        assertThat(afterFive).isEmpty();
        assertThat(deletedDigests()).isEmpty();
        assertThat(json(raw.call("GET", "/acr/v1/_deleted/team%2Fapp/_tags", null, token)).path("tags")).isEmpty();
        HttpResponse<String> restore = raw.call("POST", "/acr/v1/_deleted/team%2Fapp/_manifests/" + digest("gone"),
                "{\"tag\":\"v0\"}", token);
        assertThat(restore.statusCode()).isEqualTo(404);
    }

    @Test
    void shouldDeletePermanentlyWhenThePolicyIsDisabled() {
        // given
        EMU.emulator().registry().setSoftDelete(false, 7, EMU.emulator().clock().now());
        // when
        raw.call("DELETE", "/v2/team/app/manifests/" + digest("b"), null, token);
        // then
        assertThat(deletedDigests()).containsExactly(digest("gone"));
        assertThat(raw.call("GET", "/acr/v1/team%2Fapp/_manifests/" + digest("b"), null, token).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRefusePushingASoftDeletedDigest() {
        // given
        HttpResponse<String> body = raw.call("GET", "/v2/team/app/manifests/v2", null, raw.token("repository:team/app:pull"));
        raw.call("DELETE", "/v2/team/app/manifests/" + digest("b"), null, token);
        String push = raw.token("repository:team/app:pull,push");
        // when
        HttpResponse<String> r = raw.put("/v2/team/app/manifests/again", body.headers().firstValue("Content-Type").orElseThrow(),
                body.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), push);
        // then
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(errorCode(r)).isEqualTo("DENIED");
    }
}
