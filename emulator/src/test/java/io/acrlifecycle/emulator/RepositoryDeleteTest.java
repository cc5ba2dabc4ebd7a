package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.errorCode;
import static io.acrlifecycle.emulator.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code DELETE /acr/v1/{name}}: 202 with what went, then NAME_UNKNOWN; soft-deleted with the policy on; 405 when locked. */
class RepositoryDeleteTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private static final String REPO = """
            {"name": "team/app"%s, "manifests": [
               {"id": "a", "tags": ["v1", "stable"]},
               {"id": "b", "tags": ["v2"]},
               {"id": "idx", "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json", "children": ["a", "b"], "tags": ["multi"]},
               {"id": "sig", "subject": "a", "artifactType": "application/vnd.cncf.notary.signature"},
               {"id": "bare"}
             ]}""";
    private static final String OTHER = """
            {"name": "other", "manifests": [{"id": "o", "tags": ["v1"]}]}""";

    private RawClient raw;

    private void seed(boolean softDelete, String repoLocks) {
        EMU.emulator().seed("{\"registry\":{\"softDelete\":{\"enabled\":" + softDelete + ",\"retentionDays\":7}},"
                + "\"repositories\":[" + REPO.formatted(repoLocks) + "," + OTHER + "]}");
    }

    private String token() {
        return raw.token("repository:team/app:pull,delete,metadata_read,deleted_read", "repository:other:metadata_read",
                "registry:catalog:*", "registry:deleted_catalog:*");
    }

    private List<String> digests(String... ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            out.add(EMU.emulator().digestOf("team/app", id));
        }
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> field(JsonNode array, String name) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(name).asText()));
        return out;
    }

    @BeforeEach
    void setUp() {
        raw = new RawClient(EMU.emulator());
    }

    @Test
    void shouldDeleteTheRepositoryListingWhatWentThenAnswerNameUnknown() {
        // given
        seed(false, "");
        String token = token();
        // when
        HttpResponse<String> del = raw.call("DELETE", "/acr/v1/team%2Fapp", null, token);
        // then
        assertThat(del.statusCode()).isEqualTo(202);
        assertThat(texts(json(del).path("manifestsDeleted"))).containsExactlyInAnyOrderElementsOf(digests("a", "b", "idx", "sig", "bare"));
        assertThat(texts(json(del).path("tagsDeleted"))).containsExactlyInAnyOrder("v1", "stable", "v2", "multi");
        for (HttpResponse<String> gone : List.of(raw.call("GET", "/acr/v1/team%2Fapp", null, token),
                raw.call("GET", "/acr/v1/team%2Fapp/_tags", null, token),
                raw.call("GET", "/v2/team/app/tags/list", null, token),
                raw.call("DELETE", "/acr/v1/team%2Fapp", null, token))) {
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(errorCode(gone)).isEqualTo("NAME_UNKNOWN");
        }
        assertThat(texts(json(raw.call("GET", "/acr/v1/_catalog", null, token)).path("repositories"))).containsExactly("other");
        // policy off: nothing went to the deleted set
        assertThat(raw.call("GET", "/acr/v1/_deleted/team%2Fapp/_manifests", null, token).statusCode()).isEqualTo(404);
        assertThat(raw.call("GET", "/acr/v1/other/_tags/v1", null, token).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldMoveTheRepositorysManifestsAndTagsToTheDeletedSetWithSoftDeleteOn() {
        // given
        seed(true, "");
        String token = token();
        // when
        HttpResponse<String> del = raw.call("DELETE", "/acr/v1/team%2Fapp", null, token);
        // then
        assertThat(del.statusCode()).isEqualTo(202);
        assertThat(texts(json(del).path("manifestsDeleted"))).containsExactlyInAnyOrderElementsOf(digests("a", "b", "idx", "sig", "bare"));
        assertThat(raw.call("GET", "/acr/v1/team%2Fapp", null, token).statusCode()).isEqualTo(404);
        HttpResponse<String> manifests = raw.call("GET", "/acr/v1/_deleted/team%2Fapp/_manifests", null, token);
        assertThat(manifests.statusCode()).isEqualTo(200);
        assertThat(field(json(manifests).path("manifests"), "digest")).containsExactlyInAnyOrderElementsOf(digests("a", "b", "idx", "sig", "bare"));
        HttpResponse<String> tags = raw.call("GET", "/acr/v1/_deleted/team%2Fapp/_tags", null, token);
        assertThat(field(json(tags).path("tags"), "tag")).containsExactlyInAnyOrder("v1", "stable", "v2", "multi");
        HttpResponse<String> catalog = raw.call("GET", "/acr/v1/_deleted/_catalog", null, token);
        assertThat(field(json(catalog).path("repositories"), "repository")).containsExactly("team/app");
    }

    @Test
    void shouldRefuseToDeleteALockedRepositoryWith405AndKeepEverything() {
        for (String lock : List.of("\"deleteEnabled\": false", "\"writeEnabled\": false")) {
            // given
            EMU.emulator().reset();
            seed(true, ", \"locks\": {" + lock + "}");
            String token = token();
            // when
            HttpResponse<String> del = raw.call("DELETE", "/acr/v1/team%2Fapp", null, token);
            // then
            assertThat(del.statusCode()).as(lock).isEqualTo(405);
            assertThat(errorCode(del)).as(lock).isEqualTo("REGISTRY_DISALLOWED_OPERATION");
            assertThat(raw.call("GET", "/acr/v1/team%2Fapp/_tags/v1", null, token).statusCode()).as(lock).isEqualTo(200);
            assertThat(json(raw.call("GET", "/acr/v1/team%2Fapp/_manifests", null, token)).path("manifests")).as(lock).hasSize(5);
            HttpResponse<String> deleted = raw.call("GET", "/acr/v1/_deleted/team%2Fapp/_manifests", null, token);
            assertThat(deleted.statusCode()).as(lock).isEqualTo(200);
            assertThat(json(deleted).path("manifests").isArray()).as(lock).isTrue();
            assertThat(json(deleted).path("manifests")).as(lock).isEmpty();
        }
    }

    @Test
    void shouldRefuseToDeleteARepositoryHoldingALockedManifestAndDeleteNothing() {
        // given: the repository itself is unlocked, one tag in it is delete-locked
        seed(false, "");
        String token = token();
        String writeToken = raw.token("repository:team/app:metadata_write");
        assertThat(raw.call("PATCH", "/acr/v1/team%2Fapp/_tags/v2", "{\"deleteEnabled\":false}", writeToken).statusCode()).isEqualTo(200);
        // when
        HttpResponse<String> del = raw.call("DELETE", "/acr/v1/team%2Fapp", null, token);
        // then
        assertThat(del.statusCode()).isEqualTo(405);
        assertThat(errorCode(del)).isEqualTo("REGISTRY_DISALLOWED_OPERATION");
        assertThat(json(raw.call("GET", "/acr/v1/team%2Fapp/_manifests", null, token)).path("manifests")).hasSize(5);
    }
}
