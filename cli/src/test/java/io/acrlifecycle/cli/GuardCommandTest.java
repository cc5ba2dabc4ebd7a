package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GuardCommandTest {

    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    /** The seed plus a nightly task that purges app's v-tags older than 30 days. */
    private static final String TASK = """
            {"tasks": [{"name": "purge-nightly", "cmd": "acr purge --filter 'app:^v' --ago 30d --untagged",
                        "schedule": "0 1 * * *", "status": "Enabled"}]}
            """;

    @BeforeEach
    void seed() {
        EMU.emulator().seed(EmulatorArgs.SEED);
        EMU.emulator().seed(TASK);
    }

    @Test
    void shouldPassAndLockAFreshImage() throws Exception {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "guard", "--image", "app:v4", "--lock", "-o", "json");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.get("command").asText()).isEqualTo("guard");
        assertThat(json.get("status").asText()).isEqualTo("pass");
        assertThat(json.at("/result/verdict").asText()).isEqualTo("PASS");
        assertThat(json.at("/result/digest").asText()).isEqualTo(EMU.emulator().digestOf("app", "a4"));
        assertThat(json.at("/result/locked").size()).isGreaterThanOrEqualTo(2);
        assertThat(json.at("/result/registryCalls").asInt()).isPositive();
        assertThat(json.at("/result/checks").isArray()).isTrue();
    }

    @Test
    void shouldBlockAnImageTheScheduledTaskWillDeleteWithExitThree() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "guard", "--image", "app:v1", "--window", "2d");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.GUARD_BLOCKED);
        assertThat(run.out()).contains("guard BLOCK for app:v1", "purge-nightly");
    }

    @Test
    void shouldLeaveTheScheduledTasksOutWithNoTasks() {
        // when the same image that the nightly task blocks is guarded without reading the tasks
        CliRun run = EmulatorArgs.run(EMU.emulator(), "guard", "--image", "app:v1", "--window", "2d", "--no-tasks");

        // then the task is not considered, so nothing blocks
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).doesNotContain("purge-nightly");
    }

    @Test
    void shouldOnlyWarnInWarnMode() throws Exception {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "guard", "--image", "app:v1", "--mode", "warn", "-o", "json");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Json.mapper().readTree(run.out()).at("/result/verdict").asText()).isEqualTo("WARN");
    }

    @Test
    void shouldBlockAMissingImage() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "guard", "--image", "app:nope", "--no-tasks");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.GUARD_BLOCKED);
        assertThat(run.out()).contains("BLOCK missing");
    }

    @Test
    void shouldRefuseABadReferenceWithTheAcceptedForms() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "guard", "--image", "App:V1");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--image", "accepted forms: repo:tag");
    }

    @Test
    void shouldRefuseABadWindowAndMode() {
        // when
        CliRun window = EmulatorArgs.run(EMU.emulator(), "guard", "--image", "app:v1", "--window", "week");
        CliRun mode = EmulatorArgs.run(EMU.emulator(), "guard", "--image", "app:v1", "--mode", "stop");

        // then
        assertThat(window.exitCode()).as(window.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(window.err()).contains("--window", "'week'");
        assertThat(mode.exitCode()).as(mode.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(mode.err()).contains("--mode: 'stop'", "accepted: block, warn");
    }

    @Test
    void shouldLockAndUnlock() throws Exception {
        // when
        CliRun lock = EmulatorArgs.run(EMU.emulator(), "lock", "--image", "app:v2", "-o", "json");

        // then
        assertThat(lock.exitCode()).as(lock.toString()).isZero();
        assertThat(Json.mapper().readTree(lock.out()).at("/result/locked").size()).isGreaterThanOrEqualTo(2);
        CliRun purge = EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:^v2$", "--ago", "1d", "--execute",
                "--journal", EMU.emulator().caCertificatePem().resolveSibling("j.jsonl").toString());
        assertThat(purge.out()).contains("Number of deleted tags: 0");

        // when
        CliRun unlock = EmulatorArgs.run(EMU.emulator(), "unlock", "--image", "app:v2");

        // then
        assertThat(unlock.exitCode()).as(unlock.toString()).isZero();
        assertThat(unlock.out()).contains("unlocked ", "app:v2");
        assertThat(EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:^v2$", "--ago", "1d").out())
                .contains("Number of tags to be deleted: 1");
    }
}
