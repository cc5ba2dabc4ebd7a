package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ARM on the emulator's port: AAD Bearer check, then the ARM helper's ArmApi; policies reach the data plane. */
class ArmOverHttpsTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private HttpResponse<String> arm(String method, String suffix, String body) {
        return new RawClient(EMU.emulator()).arm(method, suffix, body);
    }

    @Test
    void shouldServeTheRegistryAndApplyAPolicyChangeToTheDataPlane() {
        // given
        EMU.emulator().seed("""
                {"tasks": [{"name": "purge-nightly", "cmd": "acr purge --filter 'app:.*' --ago 30d --untagged", "schedule": "0 1 * * *"}],
                 "repositories": [{"name": "app", "manifests": [{"id": "a", "tags": ["v1"], "size": 5000}, {"id": "b", "size": 700}]}]}""");
        // when
        HttpResponse<String> get = arm("GET", "?api-version=2025-05-01-preview", null);
        HttpResponse<String> patch = arm("PATCH", "?api-version=2025-05-01-preview",
                "{\"properties\":{\"policies\":{\"softDeletePolicy\":{\"status\":\"enabled\",\"retentionDays\":3}}}}");
        HttpResponse<String> tasks = arm("GET", "/tasks?api-version=2019-06-01-preview", null);
        RawClient raw = new RawClient(EMU.emulator());
        String token = raw.token("repository:app:delete,deleted_read");
        raw.call("DELETE", "/acr/v1/app/_tags/v1", null, token);
        HttpResponse<String> deletedTags = raw.call("GET", "/acr/v1/_deleted/app/_tags", null, token);
        raw.call("DELETE", "/v2/app/manifests/" + EMU.emulator().digestOf("app", "b"), null, token);
        HttpResponse<String> usages = arm("GET", "/listUsages?api-version=2025-05-01-preview", null);
        // then
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(json(get).path("properties").path("loginServer").asText()).isEqualTo(EMU.emulator().loginServer());
        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);
        assertThat(EMU.emulator().registry().softDeleteEnabled()).isTrue();
        assertThat(EMU.emulator().registry().softDeleteRetentionDays()).isEqualTo(3);
        assertThat(json(tasks).path("value").get(0).path("name").asText()).isEqualTo("purge-nightly");
        assertThat(json(deletedTags).path("tags").get(0).path("tag").asText()).isEqualTo("v1");
        assertThat(json(usages).path("value").get(0).path("name").asText()).isEqualTo("Size");
        assertThat(json(usages).path("value").get(0).path("currentValue").asLong()).isEqualTo(5700);
    }
}
