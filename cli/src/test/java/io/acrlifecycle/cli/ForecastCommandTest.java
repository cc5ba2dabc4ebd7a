package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code forecast} end to end against the emulator, its clock at the instant given with {@code --as-of}. */
class ForecastCommandTest {

    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private static final String T = "2026-12-01T00:30:00Z";

    /** Two tasks that feed each other, and a soft-deleted manifest: every deletion in time order, with bytes. */
    private static final String SEED = """
            {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
             "tasks": [
               {"name": "a-untag-old", "cmd": "acr purge --filter 'app:.*' --ago 30d", "schedule": "0 1 * * *",
                "status": "Enabled"},
               {"name": "b-delete-untagged", "cmd": "acr purge --untagged-only", "schedule": "0 3 * * *",
                "status": "Enabled"}],
             "repositories": [
               {"name": "app", "manifests": [
                 {"id": "old", "tags": ["1.0"], "updated": "-40d", "size": 5000},
                 {"id": "new", "tags": ["2.0"], "updated": "-1d", "size": 6000},
                 {"id": "gone", "tags": ["0.9"], "deleted": true, "deletedAt": "-2d", "updated": "-70d",
                  "size": 7000}]},
               {"name": "web", "manifests": [{"id": "w1", "tags": ["1"], "updated": "-45d", "size": 100}]}]}
            """;

    @Test
    void shouldForecastEveryDeletionOfTheWindowInTimeOrder(@TempDir final Path reports) throws Exception {
        EMU.emulator().clock().set(Instant.parse(T));
        EMU.emulator().seed(SEED);

        CliRun run = EmulatorArgs.run(EMU.emulator(), "forecast", "--window", "7d", "--as-of", T, "-o", "json",
                "--report-dir", reports.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode f = Json.mapper().readTree(run.out()).at("/result");
        JsonNode events = f.get("events");
        // 01:00 task A untags the old tag of app (web is not in its filter); 03:00 task B deletes what A left
        // untagged; the soft-deleted 0.9 expires 5 days later (deleted 2 days ago, 7 days' retention); the later
        // runs of A and B find nothing more
        assertThat(events.size()).as(events.toPrettyString()).isEqualTo(3);
        assertThat(events.get(0).get("at").asText()).isEqualTo("2026-12-01T01:00:00Z");
        assertThat(events.get(0).get("source").asText()).isEqualTo("task a-untag-old");
        assertThat(events.get(0).get("repository").asText()).isEqualTo("app");
        assertThat(events.get(0).get("tags").toString()).isEqualTo("[\"1.0\"]");
        assertThat(events.get(1).get("at").asText()).isEqualTo("2026-12-01T03:00:00Z");
        assertThat(events.get(1).get("source").asText()).isEqualTo("task b-delete-untagged");
        assertThat(events.get(1).at("/manifests/0/digest").asText()).isEqualTo(EMU.emulator().digestOf("app", "old"));
        assertThat(events.get(1).get("bytes").asLong()).isEqualTo(5000);
        assertThat(events.get(2).get("kind").asText()).isEqualTo("EXPIRY");
        // the seed's "-2d" is read from the emulator's running clock, a moment after it was set
        assertThat(events.get(2).get("at").asText()).startsWith("2026-12-06T00:30:0");
        assertThat(events.get(2).at("/manifests/0/digest").asText()).isEqualTo(EMU.emulator().digestOf("app", "gone"));
        assertThat(f.get("tagsUntagged").asInt()).isEqualTo(1);
        assertThat(f.get("manifestsDeleted").asInt()).isEqualTo(1);
        assertThat(f.get("bytesDeleted").asLong()).isEqualTo(5000);
        assertThat(f.get("softDeletedExpiring").asInt()).isEqualTo(1);
        String html = Files.readString(reports.resolve("forecast.html"));
        assertThat(html).contains("<svg", "task b-delete-untagged", "soft-delete expiry");
        assertThat(EMU.emulator().requestLog().count("DELETE", ".*")).isZero();
    }

    @Test
    void shouldPrintOneLinePerDeletionPoint() {
        EMU.emulator().clock().set(Instant.parse(T));
        EMU.emulator().seed(SEED);

        CliRun run = EmulatorArgs.run(EMU.emulator(), "forecast", "--window", "7d", "--as-of", T);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("2026-12-01T01:00Z  task a-untag-old  app: untags 1.0")
                .contains("2026-12-01T03:00Z  task b-delete-untagged  app: deletes 1 manifest(s)")
                .contains("2026-12-06T00:30Z  soft-delete expiry (7 days)  app: expire (no restore after): 1");
    }

    @Test
    void shouldRefuseABadWindow() {
        CliRun run = EmulatorArgs.run(EMU.emulator(), "forecast", "--window", "week");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--window", "'week'");
    }
}
