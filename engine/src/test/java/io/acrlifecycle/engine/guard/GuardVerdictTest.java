package io.acrlifecycle.engine.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.engine.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardVerdictTest {

    private static final String DIGEST = "sha256:" + "cd".repeat(32);

    /** The JSON carries the documented fields in order, ISO instants and no nulls. */
    @Test
    void shouldWriteTheDocumentedJson() throws Exception {
        GuardVerdict v = new GuardVerdict("app:1.2.3", DIGEST, Verdict.BLOCK, GuardMode.BLOCK,
                List.of(CheckResult.block("purge-window", "task x would delete it", Instant.parse("2026-12-01T01:00:00Z"),
                        List.of("fire 2026-12-01T01:00:00Z")), CheckResult.pass("missing", "app:1.2.3 exists", null)),
                List.of(new LockedItem("tag", "app", "1.2.3", DIGEST)), 4, Map.of("tags", 1, "policies", 1),
                Instant.parse("2026-11-26T22:00:00Z"), "7d");

        JsonNode json = Json.mapper().readTree(v.toJson());

        assertThat(json.fieldNames()).toIterable().containsExactly("image", "digest", "verdict", "mode", "checks",
                "locked", "registryCalls", "callsByOperation", "checkedAt", "window");
        assertThat(json.get("checks").get(0).get("earliestDeletion").asText()).isEqualTo("2026-12-01T01:00:00Z");
        assertThat(json.get("checks").get(1).has("earliestDeletion")).isFalse();
        assertThat(json.get("checkedAt").asText()).isEqualTo("2026-11-26T22:00:00Z");
        assertThat(json.get("registryCalls").asInt()).isEqualTo(4);
        assertThat(v.exitCode()).isEqualTo(3);
        assertThat(v.problems()).extracting(CheckResult::name).containsExactly("purge-window");
        assertThat(v.render()).contains("guard BLOCK for app:1.2.3").contains("locked tag app:1.2.3");
    }

    /** PASS and WARN exit 0, BLOCK exits 3. */
    @Test
    void shouldMapVerdictsToExitCodes() {
        assertThat(GuardVerdict.exitCode(Verdict.PASS)).isZero();
        assertThat(GuardVerdict.exitCode(Verdict.WARN)).isZero();
        assertThat(GuardVerdict.exitCode(Verdict.BLOCK)).isEqualTo(GuardVerdict.EXIT_BLOCK).isEqualTo(3);
        assertThat(Verdict.PASS.worst(Verdict.WARN)).isEqualTo(Verdict.WARN);
        assertThat(Verdict.BLOCK.worst(Verdict.WARN)).isEqualTo(Verdict.BLOCK);
    }

    /** Requests validate window, mode, stage and digests with the accepted forms named. */
    @Test
    void shouldValidateRequests() {
        assertThat(GuardRequest.of("app:1", "7d").windowLength()).isEqualTo(Duration.ofDays(7));
        assertThat(GuardRequest.parseWindow("1d12h")).isEqualTo(Duration.ofHours(36));
        assertThatThrownBy(() -> GuardRequest.of("app:1", "7x")).hasMessageContaining("window: '7x'")
                .hasMessageContaining("accepted: 30d, 1d12h");
        assertThatThrownBy(() -> GuardRequest.of("app:1", "500d")).hasMessageContaining("outside 0d-400d");
        assertThatThrownBy(() -> GuardRequest.of("app", "7d")).hasMessageContaining("accepted forms");
        assertThatThrownBy(() -> GuardRequest.of("app:1", "7d").withExpectedDigest("sha256:12"))
                .hasMessageContaining("expectedDigest");
        assertThatThrownBy(() -> GuardRequest.of("app@" + DIGEST, "7d").withExpectedDigest("sha256:" + "ef".repeat(32)))
                .hasMessageContaining("differs");
        assertThatThrownBy(() -> GuardRequest.of("app@" + DIGEST, "7d").withStage(Stage.PUSH))
                .hasMessageContaining("push stage needs a tag");
        assertThatThrownBy(() -> GuardMode.parse("stop")).hasMessageContaining("accepted: block, warn");
        assertThatThrownBy(() -> Stage.parse("build")).hasMessageContaining("accepted: deploy, push");
        assertThat(GuardRequest.of("app:1@" + DIGEST, "7d").expected()).isEqualTo(DIGEST);
    }
}
