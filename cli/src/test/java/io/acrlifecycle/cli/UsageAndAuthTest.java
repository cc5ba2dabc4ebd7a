package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.json.Json;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UsageAndAuthTest {

    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    @BeforeEach
    void seed() {
        EMU.emulator().seed(EmulatorArgs.SEED);
    }

    @Test
    void shouldReportUsageAsJson() throws Exception {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "usage", "-o", "json");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.get("command").asText()).isEqualTo("usage");
        assertThat(json.at("/result/storageUsedBytes").asLong()).isPositive();
        assertThat(json.at("/result/softDeletedManifests").asInt()).isEqualTo(1);
        assertThat(json.at("/result/usages").isArray()).isTrue();
    }

    @Test
    void shouldReportUsageAsText() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "usage");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("storage used: ", "soft-deleted: 1 manifest(s)");
    }

    @Test
    void shouldTakeThePasswordFromStdinNeverFromAFlag() {
        // given the admin user, password piped in
        String[] args = EmulatorArgs.args(EMU.emulator(), "list-deleted", "-n", "app", "-u",
                EMU.emulator().adminUsername(), "--password-stdin");

        // when
        CliRun run = CliRun.run(Map.of(), EMU.emulator().adminPassword() + "\n", args);

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("1 soft-deleted manifest(s)");
        assertThat(run.out() + run.err()).doesNotContain(EMU.emulator().adminPassword());
    }

    @Test
    void shouldTakeThePasswordFromTheEnvironment() {
        // given
        String[] args = EmulatorArgs.args(EMU.emulator(), "list-deleted", "-n", "app", "-u",
                EMU.emulator().adminUsername());

        // when
        CliRun run = CliRun.run(Map.of("ACR_PASSWORD", EMU.emulator().adminPassword()), "", args);

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void shouldFailWithoutLeakingAWrongPassword() {
        // given
        String[] args = EmulatorArgs.args(EMU.emulator(), "list-deleted", "-n", "app", "-u", "nobody");

        // when
        CliRun run = CliRun.run(Map.of("ACR_PASSWORD", "s3cret-wrong-pw"), "", args);

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out() + run.err()).doesNotContain("s3cret-wrong-pw");
    }

    @Test
    void shouldAskForAPasswordSourceWhenAUsernameIsGiven() {
        // when
        CliRun run = CliRun.run("usage", "-r", "myregistry", "-u", "admin");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--username: needs a password", "--password-stdin", "ACR_PASSWORD");
    }

    @Test
    void shouldHaveNoPasswordFlag() {
        // when
        CliRun run = CliRun.run("usage", "-r", "myregistry", "-u", "admin", "--password", "x");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unknown option");
    }

    @Test
    void shouldRefuseABadRegistryNameWithTheAcceptedForms() {
        // when
        CliRun run = CliRun.run(Map.of("AZURE_ACCESS_TOKEN", "x"), "", "usage", "-r", "a_b");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--registry: 'a_b'", "myregistry.azurecr.io");
    }

    @Test
    void shouldRefuseAPlainHttpEndpoint() {
        // when
        CliRun run = CliRun.run(Map.of("AZURE_ACCESS_TOKEN", "x"), "", "usage", "--endpoint", "http://127.0.0.1:1");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--endpoint", "https://");
    }

    @Test
    void shouldRefuseTheEmulatorWithoutItsCa() {
        // when: no --ca-file, so the emulator's certificate is not trusted
        CliRun run = CliRun.run(EmulatorArgs.env(EMU.emulator()), "", "usage", "--endpoint",
                EMU.emulator().endpoint().toString(), "--resource-id", EMU.emulator().resourceId());

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void shouldRequireARegistry() {
        // when
        CliRun run = CliRun.run("usage");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--registry: missing");
    }
}
