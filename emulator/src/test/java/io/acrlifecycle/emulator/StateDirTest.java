package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a state dir, state, clock, credentials and the CA survive a restart. */
class StateDirTest {
    @TempDir
    Path dir;

    @Test
    void shouldSurviveARestart() throws Exception {
        // given
        EmulatorOptions options = EmulatorOptions.defaults().stateDir(dir).loginServer("myregistry.azurecr.io");
        String password;
        String ca;
        String digest;
        Duration offset;
        try (AcrEmulator first = AcrEmulator.start(options)) {
            first.seed("{\"registry\":{\"softDelete\":{\"enabled\":true,\"retentionDays\":30}},\"repositories\":[{\"name\":\"app\","
                    + "\"manifests\":[{\"id\":\"a\",\"tags\":[\"v1\",\"v2\"]},{\"id\":\"b\",\"tags\":[\"old\"],\"updated\":\"-3d\"},"
                    + "{\"id\":\"bare\",\"mediaType\":null,\"tags\":[\"bare\"]}]}]}");
            first.addScopedToken("ci", "pw", Map.of("app", Set.of("metadata_read")));
            RawClient raw = new RawClient(first);
            String token = raw.token("repository:app:delete,metadata_read,metadata_write");
            assertThat(raw.call("PATCH", "/acr/v1/app/_tags/v1", "{\"deleteEnabled\":false}", token).statusCode()).isEqualTo(200);
            assertThat(raw.call("DELETE", "/v2/app/manifests/" + first.digestOf("app", "b"), null, token).statusCode()).isEqualTo(202);
            first.clock().advance(Duration.ofDays(2));
            password = first.adminPassword();
            ca = Files.readString(first.caCertificatePem());
            digest = first.digestOf("app", "a");
            offset = first.clock().offset();
        }
        // when
        try (AcrEmulator second = AcrEmulator.start(options)) {
            // then
            assertThat(second.adminPassword()).isEqualTo(password);
            assertThat(Files.readString(second.caCertificatePem())).isEqualTo(ca);
            assertThat(second.clock().offset()).isBetween(offset.minusSeconds(5), offset.plusSeconds(5));
            assertThat(second.registry().softDeleteEnabled()).isTrue();
            assertThat(second.registry().softDeleteRetentionDays()).isEqualTo(30);
            assertThat(second.digestOf("app", "a")).isEqualTo(digest);
            RawClient raw = new RawClient(second);
            String token = raw.token("repository:app:metadata_read,deleted_read");
            var v1 = json(raw.call("GET", "/acr/v1/app/_tags/v1", null, token));
            assertThat(v1.path("tag").path("digest").asText()).isEqualTo(digest);
            assertThat(v1.path("tag").path("changeableAttributes").path("deleteEnabled").asBoolean()).isFalse();
            var bare = json(raw.call("GET", "/acr/v1/app/_manifests/" + second.digestOf("app", "bare"), null, token));
            assertThat(bare.path("manifest").has("mediaType")).as("listed without mediaType after a restart too").isFalse();
            var deleted = json(raw.call("GET", "/acr/v1/_deleted/app/_manifests", null, token));
            assertThat(deleted.path("manifests").get(0).path("digest").asText()).isEqualTo(second.digestOf("app", "b"));
            RawClient ci = new RawClient(second, "ci", "pw");
            assertThat(ci.basic("GET", "/acr/v1/app/_tags", null).statusCode()).isEqualTo(200);
            assertThat(Files.list(dir).map(p -> p.getFileName().toString())).contains("state.json").noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
