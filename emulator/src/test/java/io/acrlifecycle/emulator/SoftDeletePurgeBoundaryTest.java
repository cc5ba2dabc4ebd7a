package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Auto-purge happens exactly at deletedAt + retentionDays: a minute before, still listed; a minute after, gone. */
class SoftDeletePurgeBoundaryTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private static final Duration RETENTION = Duration.ofDays(7);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private RawClient raw;
    private String token;

    @BeforeEach
    void setUp() {
        EMU.emulator().seed("""
                {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
                 "repositories": [{"name": "app", "manifests": [
                   {"id": "live", "tags": ["v1"]},
                   {"id": "now", "tags": ["v2"]},
                   {"id": "seeded", "tags": ["v0"], "deleted": true, "deletedAt": "-2d"}
                 ]}]}""");
        raw = new RawClient(EMU.emulator());
        token = raw.token("repository:app:pull,delete,metadata_read,deleted_read", "registry:deleted_catalog:*");
    }

    /** digest -> deletedAt of the soft-deleted manifests. */
    private Map<String, Instant> deletedManifests() {
        HttpResponse<String> r = raw.call("GET", "/acr/v1/_deleted/app/_manifests", null, token);
        Map<String, Instant> out = new LinkedHashMap<>();
        if (r.statusCode() == 404) {
            return out;
        }
        assertThat(r.statusCode()).isEqualTo(200);
        json(r).path("manifests").forEach(m -> out.put(m.path("digest").asText(), Instant.parse(m.path("deletedAt").asText())));
        return out;
    }

    private Map<String, String> deletedTags() {
        HttpResponse<String> r = raw.call("GET", "/acr/v1/_deleted/app/_tags", null, token);
        Map<String, String> out = new LinkedHashMap<>();
        if (r.statusCode() == 404) {
            return out;
        }
        assertThat(r.statusCode()).isEqualTo(200);
        for (JsonNode t : json(r).path("tags")) {
            out.put(t.path("tag").asText(), t.path("digest").asText());
        }
        return out;
    }

    @Test
    void shouldKeepItemsUntilDeletedAtPlusRetentionAndPurgeThemRightAfter() {
        // given: one manifest deleted now, through the API; one seeded as deleted two days ago
        AcrEmulator emu = EMU.emulator();
        String now = emu.digestOf("app", "now");
        String seeded = emu.digestOf("app", "seeded");
        assertThat(raw.call("DELETE", "/v2/app/manifests/" + now, null, token).statusCode()).isEqualTo(202);
        Map<String, Instant> deleted = deletedManifests();
        assertThat(deleted).containsOnlyKeys(now, seeded);
        Instant nowDeletedAt = deleted.get(now);
        Instant seededDeletedAt = deleted.get(seeded);
        assertThat(Duration.between(seededDeletedAt, nowDeletedAt)).isBetween(Duration.ofDays(2).minusMinutes(1), Duration.ofDays(2).plusMinutes(1));

        // when / then: the seeded one's boundary
        emu.clock().set(seededDeletedAt.plus(RETENTION).minus(MINUTE));
        assertThat(deletedManifests()).containsOnlyKeys(now, seeded);
        assertThat(deletedTags()).containsEntry("v0", seeded).containsEntry("v2", now);
        emu.clock().set(seededDeletedAt.plus(RETENTION).plus(MINUTE));
        assertThat(deletedManifests()).containsOnlyKeys(now);
        assertThat(deletedTags()).containsOnlyKeys("v2");

        // when / then: the one deleted during the test
        emu.clock().set(nowDeletedAt.plus(RETENTION).minus(MINUTE));
        assertThat(deletedManifests()).containsOnlyKeys(now);
        assertThat(deletedTags()).containsOnlyKeys("v2");
        emu.clock().set(nowDeletedAt.plus(RETENTION).plus(MINUTE));
        assertThat(deletedManifests()).isEmpty();
        assertThat(deletedTags()).isEmpty();
        // the live manifest is untouched by the purge
        assertThat(raw.call("GET", "/acr/v1/app/_tags/v1", null, token).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldPurgeWhenTimeFlowsPastTheBoundaryWithoutAnotherClockMove() throws Exception {
        // given: a manifest deleted now, the clock put a second before its purge time
        AcrEmulator emu = EMU.emulator();
        String now = emu.digestOf("app", "now");
        assertThat(raw.call("DELETE", "/v2/app/manifests/" + now, null, token).statusCode()).isEqualTo(202);
        Instant deletedAt = deletedManifests().get(now);
        emu.clock().set(deletedAt.plus(RETENTION).minusSeconds(1));
        assertThat(deletedManifests()).containsKey(now);
        // when: real time carries the registry clock past the boundary
        Thread.sleep(1500);
        // then: the next request sees it purged (ACR purges on its own schedule; nobody moves its clock)
        assertThat(deletedManifests()).doesNotContainKey(now);
    }
}
