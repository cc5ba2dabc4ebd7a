package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The untagged retention policy, driven by the clock. */
class RetentionTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    @Test
    void shouldDeleteManifestsUntaggedAfterEnablingOnceDaysPassedSparingLockedOnes() {
        // given: "old" was untagged before the policy was enabled
        AcrEmulator emu = EMU.emulator();
        emu.seed("""
                {"registry": {"retention": {"enabled": true, "days": 3}},
                 "repositories": [{"name": "app", "manifests": [
                   {"id": "old", "updated": "-40d"},
                   {"id": "a", "tags": ["v1"]}, {"id": "b", "tags": ["v2"], "locks": {"deleteEnabled": false}}, {"id": "c", "tags": ["v3"]}
                 ]}]}""");
        RawClient raw = new RawClient(emu);
        String token = raw.token("repository:app:delete,metadata_read");
        raw.call("DELETE", "/acr/v1/app/_tags/v1", null, token);
        raw.call("DELETE", "/acr/v1/app/_tags/v2", null, token);
        // when
        emu.clock().advance(Duration.ofDays(2));
        List<String> afterTwo = digests(raw, token);
        emu.clock().advance(Duration.ofDays(1).plusMinutes(1));
        // then
        assertThat(afterTwo).hasSize(4);
        assertThat(digests(raw, token)).containsExactlyInAnyOrder(emu.digestOf("app", "old"), emu.digestOf("app", "b"), emu.digestOf("app", "c"));
    }

    private static List<String> digests(RawClient raw, String token) {
        List<String> out = new ArrayList<>();
        json(raw.call("GET", "/acr/v1/app/_manifests", null, token)).path("manifests").forEach(m -> out.add(m.path("digest").asText()));
        return out;
    }
}
