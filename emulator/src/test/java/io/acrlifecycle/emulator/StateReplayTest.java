package io.acrlifecycle.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.base.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal holds every change: after a workload that touches every kind of state (pushes, untags, deletes with
 * referrers, restores, locks, auto-purge, retention, a repository delete, blobs, a scoped token, an ARM policy),
 * the state rebuilt from the snapshot and the journal equals the live state, part for part.
 */
class StateReplayTest {
    @TempDir
    Path dir;

    @Test
    void shouldRebuildFromSnapshotAndJournalExactlyTheLiveState() throws Exception {
        // given
        Path live = dir.resolve("live");
        Path copy = dir.resolve("copy");
        EmulatorOptions options = EmulatorOptions.defaults().stateDir(live).loginServer("myregistry.azurecr.io");
        try (AcrEmulator emu = AcrEmulator.start(options)) {
            emu.seed("{\"registry\":{\"softDelete\":{\"enabled\":true,\"retentionDays\":3},\"retention\":{\"enabled\":true,\"days\":1}},"
                    + "\"repositories\":[{\"name\":\"app\",\"manifests\":[{\"id\":\"a\",\"tags\":[\"v1\",\"v2\"]},{\"id\":\"b\",\"tags\":[\"b1\"]},"
                    + "{\"id\":\"sig\",\"subject\":\"b\"},{\"id\":\"c\",\"tags\":[\"c1\"]}]},"
                    + "{\"name\":\"team/other\",\"manifests\":[{\"id\":\"o\",\"tags\":[\"x\"]}]}]}");
            RawClient raw = new RawClient(emu);
            String token = raw.token("repository:app:pull,push,delete,metadata_read,metadata_write,deleted_read,deleted_restore",
                    "repository:team/other:pull,delete,metadata_write");
            // when: every kind of change
            HttpResponse<String> m = raw.call("GET", "/v2/app/manifests/v1", null, token);
            byte[] body = m.body().getBytes(StandardCharsets.UTF_8);
            String type = m.headers().firstValue("Content-Type").orElseThrow();
            ok(raw.put("/v2/app/manifests/pushed", type, body, token));
            ok(raw.put("/v2/app/manifests/c1", type, body, token));                       // moves c1: c untagged, deleted tag record
            ok(raw.call("DELETE", "/acr/v1/app/_tags/v2", null, token));
            ok(raw.call("PATCH", "/acr/v1/app/_tags/v1", "{\"deleteEnabled\":false}", token));
            ok(raw.call("PATCH", "/acr/v1/app/_manifests/" + emu.digestOf("app", "b"), "{\"listEnabled\":false}", token));
            ok(raw.call("PATCH", "/acr/v1/app", "{\"readEnabled\":true,\"writeEnabled\":true}", token));
            ok(raw.call("DELETE", "/v2/app/manifests/" + emu.digestOf("app", "b"), null, token)); // with its referrer
            ok(raw.call("POST", "/acr/v1/_deleted/app/_manifests/" + emu.digestOf("app", "b"), "{\"tag\":\"back\"}", token));
            ok(raw.call("PATCH", "/acr/v1/team%2Fother/_tags/x", "{\"writeEnabled\":true}", token));
            ok(raw.call("DELETE", "/acr/v1/team%2Fother", null, token));
            byte[] blob = "a blob".getBytes(StandardCharsets.UTF_8);
            String digest = "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(blob));
            ok(raw.send(java.net.http.HttpRequest.newBuilder(raw.uri("/v2/app/blobs/uploads/?digest=" + digest))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(blob)).build()));
            emu.addScopedToken("ci", "pw", Map.of("app", Set.of("pull")));
            ok(raw.arm("PATCH", "?api-version=2025-05-01-preview",
                    "{\"properties\":{\"policies\":{\"softDeletePolicy\":{\"status\":\"enabled\",\"retentionDays\":5}}}}"));
            emu.clock().advance(Duration.ofDays(2));                                      // retention deletes untagged c
            ok(raw.call("DELETE", "/acr/v1/app/_tags/pushed", null, token));
            emu.clock().advance(Duration.ofDays(4));                                      // auto-purge of the first deletions
            ok(raw.call("GET", "/acr/v1/app/_tags", null, token));
            // a copy of the state dir as it is now: the state a kill -9 would leave
            Files.createDirectories(copy);
            for (String f : new String[] {"state.json", "state.journal"}) {
                Files.copy(live.resolve(f), copy.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            assertThat(Files.readAllLines(copy.resolve("state.journal"))).hasSizeGreaterThan(10);
        }
        // then: the clean stop wrote the live state whole; a start on the copy rebuilds it from the journal
        JsonNode expected = Json.parse(Files.readAllBytes(live.resolve("state.json")));
        try (AcrEmulator replayed = AcrEmulator.start(options.stateDir(copy))) {
            assertThat(replayed.loginServer()).isEqualTo("myregistry.azurecr.io");
        }
        JsonNode actual = Json.parse(Files.readAllBytes(copy.resolve("state.json")));
        for (String part : new String[] {"repositories", "blobs", "virtualBlobs", "registry", "scopedTokens", "seedIds",
                "adminPassword", "tokenSecret", "clockOffsetMillis"}) {
            assertThat(actual.get(part)).as(part).isEqualTo(expected.get(part));
        }
        assertThat(expected.path("repositories").toString()).contains("\"deletedTags\":[{", "\"retention\":[");
    }

    private static void ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.request().method() + " " + r.uri() + ": " + r.body()).isBetween(200, 299);
    }
}
