package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SoftDeleteCommandTest {

    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    @Test
    void shouldShowThePolicyAsText() {
        // given
        EMU.emulator().seed(EmulatorArgs.SEED);

        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "soft-delete", "show");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("soft delete:        enabled (7 days)", "untagged retention: disabled");
    }

    @Test
    void shouldShowThePolicyAsJsonEnvelope() throws Exception {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "soft-delete", "show", "--output", "json");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.get("command").asText()).isEqualTo("soft-delete show");
        assertThat(json.get("status").asText()).isEqualTo("done");
        assertThat(json.get("exitCode").asInt()).isZero();
        assertThat(json.get("registry").asText()).isEqualTo(EMU.emulator().loginServer());
        assertThat(json.at("/result/softDeleteEnabled").asBoolean()).isFalse();
        assertThat(json.at("/result/softDeleteRetentionDays").asInt()).isEqualTo(7);
        assertThat(json.at("/result/sku").asText()).isNotEmpty();
    }

    @Test
    void shouldEnsureSoftDeleteOnceAndThenFindNothingToChange() throws Exception {
        // when
        CliRun first = EmulatorArgs.run(EMU.emulator(), "soft-delete", "ensure", "--days", "14", "-o", "json");
        CliRun second = EmulatorArgs.run(EMU.emulator(), "soft-delete", "ensure", "--days", "14", "-o", "json");

        // then
        assertThat(first.exitCode()).as(first.toString()).isZero();
        JsonNode changed = Json.mapper().readTree(first.out());
        assertThat(changed.get("status").asText()).isEqualTo("changed");
        assertThat(changed.at("/result/after/softDeleteEnabled").asBoolean()).isTrue();
        assertThat(changed.at("/result/after/softDeleteRetentionDays").asInt()).isEqualTo(14);
        assertThat(Json.mapper().readTree(second.out()).get("status").asText()).isEqualTo("unchanged");
        assertThat(EMU.emulator().registry().softDeleteEnabled()).isTrue();
        assertThat(EMU.emulator().registry().softDeleteRetentionDays()).isEqualTo(14);
    }

    @Test
    void shouldChangeNothingInADryRun() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "soft-delete", "ensure", "--dry-run");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("dry run");
        assertThat(EMU.emulator().registry().softDeleteEnabled()).isFalse();
    }

    @Test
    void shouldRefuseDaysOutOfRangeNamingTheFlag() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "soft-delete", "ensure", "--days", "100");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--days: 100", "accepted: 1..90");
    }

    @Test
    void shouldRefuseABadStatusNamingTheAcceptedValues() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "soft-delete", "ensure", "--status", "on");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--status: 'on'", "accepted: enabled, disabled");
    }

    @Test
    void shouldRefuseSoftDeleteTogetherWithUntaggedRetention() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "soft-delete", "ensure", "--untagged-retention", "enabled");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err()).contains("cannot both be enabled");
        assertThat(EMU.emulator().registry().softDeleteEnabled()).isFalse();
    }
}
