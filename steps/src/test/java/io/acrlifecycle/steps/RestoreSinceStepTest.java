package io.acrlifecycle.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code acrRestore since: ...}: parameter checks and the build-page summary, against the emulator. */
class RestoreSinceStepTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private static final String SEED = """
            {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
             "repositories": [
               {"name": "shop/api", "manifests": [{"id": "a1", "tags": ["1.0", "latest"], "size": 2048}]},
               {"name": "tools", "manifests": [{"id": "t1", "tags": ["1.0"], "size": 7}]}
             ]}
            """;

    private static Map<String, Object> params(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("registry", "r.azurecr.io");
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    @Test
    void shouldNameEveryBadSinceParameter() {
        assertThatThrownBy(() -> StepRunner.validate(StepKind.RESTORE, params("since", "last tuesday", "tag", "1.0")))
                .satisfies(e -> assertThat(((StepParameterException) e).problems()).containsExactly(
                        "since: 'last tuesday' is not a time; accepted: " + io.acrlifecycle.engine.recovery
                                .RecoveryRequest.SINCE_FORMS,
                        "tag: does not go with since; accepted: since (with repository or filter), or repository "
                                + "with digest/tag, or journal"));
        assertThatThrownBy(() -> StepRunner.validate(StepKind.RESTORE, params("since", "2h", "repository", "a",
                "filter", "a.*"))).hasMessageContaining("filter: give repository or filter, not both");
        assertThatThrownBy(() -> StepRunner.validate(StepKind.RESTORE, params("since", "2h", "filter", "shop/(")))
                .hasMessageContaining("filter:");
        assertThatThrownBy(() -> StepRunner.validate(StepKind.RESTORE, params("since", "2h", "repository", "Shop")))
                .hasMessageContaining("repository: 'Shop' is not a repository name");
        assertThat(StepRunner.validate(StepKind.RESTORE, params("since", "2026-01-01T00:00:00Z", "filter", "shop/.*"))
                .problems()).isEmpty();
        assertThat(StepRunner.checkField("since", "tomorrow")).hasValueSatisfying(m -> assertThat(m)
                .startsWith("since: 'tomorrow' is not a time"));
    }

    @Test
    void shouldSummarizeWhatCameBackPerRepositoryWithBytes() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String since = emu.clock().now().toString();
        emu.clock().advance(Duration.ofSeconds(1));
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            registry.deleteManifest("shop/api", emu.digestOf("shop/api", "a1"));
            registry.deleteManifest("tools", emu.digestOf("tools", "t1"));

            BuildSummary dry = StepRunner.run(StepKind.RESTORE, registry, params("since", since, "filter", "shop/.*",
                    "dryRun", true), null, EngineLog.SILENT);
            assertThat(registry.tag("shop/api", "1.0")).isEmpty();
            BuildSummary real = StepRunner.run(StepKind.RESTORE, registry, params("since", since, "filter", "shop/.*"), null,
                    EngineLog.SILENT);

            assertThat(dry.dryRun()).isTrue();
            assertThat(dry.restored()).isEqualTo(1);
            assertThat(real.restored()).isEqualTo(1);
            assertThat(real.failure()).isNull();
            assertThat(real.messages()).containsExactly("brought back 1 manifest(s) and 2 tag(s), 2.0 KiB, deleted "
                    + "since " + since);
            assertThat(real.rows()).first().satisfies(r -> {
                assertThat(r.action()).isEqualTo("restored (repository)");
                assertThat(r.repository()).isEqualTo("shop/api");
                assertThat(r.detail()).isEqualTo("1 manifest(s), 2.0 KiB");
            });
            assertThat(registry.tag("shop/api", "latest")).isPresent();
            assertThat(registry.tag("tools", "1.0")).isEmpty();
        }
    }
}
