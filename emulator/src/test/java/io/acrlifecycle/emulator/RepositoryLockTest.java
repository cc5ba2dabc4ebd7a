package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.errorCode;
import static io.acrlifecycle.emulator.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A repository locked with {@code az acr repository update --write-enabled false} (or {@code --delete-enabled
 * false}): ACR's image-lock docs say the repository "and all images in it" cannot be deleted or updated.
 */
class RepositoryLockTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private RawClient raw;
    private String token;

    @BeforeEach
    void setUp() {
        EMU.emulator().seed("{\"registry\":{\"softDelete\":{\"enabled\":true,\"retentionDays\":7}},\"repositories\":["
                + "{\"name\":\"team/app\",\"manifests\":[{\"id\":\"a\",\"tags\":[\"v1\"]},{\"id\":\"b\"}]}]}");
        raw = new RawClient(EMU.emulator());
        token = raw.token("repository:team/app:pull,delete,metadata_read,metadata_write,deleted_read");
    }

    @ParameterizedTest
    @ValueSource(strings = {"writeEnabled", "deleteEnabled"})
    void shouldRefuseDeletingTheImagesOfALockedRepository(String attribute) {
        // given
        HttpResponse<String> lock = raw.call("PATCH", "/acr/v1/team%2Fapp", "{\"" + attribute + "\":false}", token);
        String a = EMU.emulator().digestOf("team/app", "a");
        String b = EMU.emulator().digestOf("team/app", "b");

        // when
        HttpResponse<String> manifest = raw.call("DELETE", "/v2/team/app/manifests/" + b, null, token);
        HttpResponse<String> tagged = raw.call("DELETE", "/v2/team/app/manifests/" + a, null, token);
        HttpResponse<String> tag = raw.call("DELETE", "/acr/v1/team%2Fapp/_tags/v1", null, token);

        // then: 405 as for a locked image, and nothing moved to the soft-deleted set
        assertThat(lock.statusCode()).isEqualTo(200);
        for (HttpResponse<String> r : List.of(manifest, tagged, tag)) {
            assertThat(r.statusCode()).as(r.request().method() + " " + r.uri()).isEqualTo(405);
            assertThat(errorCode(r)).isEqualTo("REGISTRY_DISALLOWED_OPERATION");
        }
        assertThat(json(raw.call("GET", "/acr/v1/team%2Fapp/_manifests", null, token)).path("manifests")).hasSize(2);
        assertThat(json(raw.call("GET", "/acr/v1/_deleted/team%2Fapp/_manifests", null, token)).path("manifests")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"writeEnabled", "deleteEnabled"})
    void shouldDeleteAgainOnceTheRepositoryIsUnlocked(String attribute) {
        // given
        raw.call("PATCH", "/acr/v1/team%2Fapp", "{\"" + attribute + "\":false}", token);
        raw.call("PATCH", "/acr/v1/team%2Fapp", "{\"" + attribute + "\":true}", token);

        // when
        HttpResponse<String> r = raw.call("DELETE", "/v2/team/app/manifests/" + EMU.emulator().digestOf("team/app", "b"), null, token);

        // then
        assertThat(r.statusCode()).isEqualTo(202);
    }
}
