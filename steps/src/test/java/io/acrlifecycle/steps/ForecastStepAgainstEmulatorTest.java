package io.acrlifecycle.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.steps.BuildSummary.Kind;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code acrForecast}'s engine side: parameters, the map a Pipeline script reads, the build-page rows. */
class ForecastStepAgainstEmulatorTest {

    @RegisterExtension
    static final AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    @Test
    @SuppressWarnings("unchecked")
    void shouldReturnTheForecastAsAMapAndARowPerDeletionPoint() {
        EMU.emulator().seed("""
                {"tasks": [{"name": "nightly", "cmd": "acr purge --filter 'app:.*' --ago 30d --untagged",
                            "schedule": "0 1 * * *", "status": "Enabled"}],
                 "repositories": [{"name": "app", "manifests": [
                   {"id": "old", "tags": ["v1"], "updated": "-40d", "size": 4096},
                   {"id": "new", "tags": ["v2"], "updated": "-1d"}]}]}
                """);
        try (AcrRegistry registry = EmulatorRegistries.open(EMU.emulator())) {
            BuildSummary s = StepRunner.run(StepKind.FORECAST, registry, Map.of("registry", EMU.emulator().loginServer(),
                    "window", "2d"), null, EngineLog.SILENT);

            assertThat(s.kind()).isEqualTo(Kind.FORECAST);
            assertThat(s.deletions()).as("a forecast deletes nothing: the trend does not count it").isZero();
            Map<String, Object> forecast = (Map<String, Object>) s.asMap().get("forecast");
            assertThat(forecast).containsEntry("window", "2d").containsEntry("tagsUntagged", 1L)
                    .containsEntry("manifestsDeleted", 1L).containsEntry("bytesDeleted", 4096L);
            List<Map<String, Object>> events = (List<Map<String, Object>>) forecast.get("events");
            assertThat(events).hasSize(1);
            assertThat(events.get(0)).containsEntry("source", "task nightly").containsEntry("kind", "RUN")
                    .containsEntry("tags", List.of("v1"));
            assertThat((String) events.get(0).get("at")).endsWith("T01:00:00Z");
            assertThat(s.rows()).singleElement().satisfies(r -> {
                assertThat(r.action()).isEqualTo("delete");
                assertThat(r.tag()).isEqualTo("v1");
                assertThat(r.detail()).contains("task nightly", "1 tag(s) untagged, 1 manifest(s), 4.0 KiB");
            });
            assertThat(s.headline()).startsWith("forecast: 1 tag(s) untagged, 1 manifest(s) deleted (4.0 KiB)");
        }
    }

    @Test
    void shouldNameABadWindow() {
        assertThatThrownBy(() -> StepRunner.validate(StepKind.FORECAST, Map.of("registry", "r.azurecr.io", "window", "week",
                "includeRetentionPolicy", "maybe")))
                .isInstanceOf(StepParameterException.class)
                .satisfies(e -> assertThat(((StepParameterException) e).problems())
                        .anySatisfy(p -> assertThat(p).startsWith("window"))
                        .anySatisfy(p -> assertThat(p).startsWith("includeRetentionPolicy")));
    }
}
