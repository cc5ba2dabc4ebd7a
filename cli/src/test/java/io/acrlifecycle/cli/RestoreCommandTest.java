package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RestoreCommandTest {

    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    @BeforeEach
    void seed() {
        EMU.emulator().seed(EmulatorArgs.SEED);
    }

    @Test
    void shouldListSoftDeletedImagesWithTheirExpiry() throws Exception {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "list-deleted", "-o", "json");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.get("command").asText()).isEqualTo("list-deleted");
        JsonNode manifest = json.at("/result/manifests/0");
        assertThat(manifest.get("repository").asText()).isEqualTo("app");
        assertThat(manifest.get("digest").asText()).isEqualTo(EMU.emulator().digestOf("app", "gone"));
        assertThat(manifest.get("formerTags").toString()).contains("v0");
        assertThat(manifest.has("expiresAt")).isTrue();
    }

    @Test
    void shouldRestoreByTag() throws Exception {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "restore", "--repository", "app", "--tag", "v0", "-o", "json");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.at("/result/items/0/outcome").asText()).isEqualTo("RESTORED");
        assertThat(json.at("/result/items/0/restoredTags/0").asText()).isEqualTo("v0");
        assertThat(json.at("/result/totals/restored").asInt()).isEqualTo(1);
        assertThat(EmulatorArgs.run(EMU.emulator(), "list-deleted", "-n", "app").out())
                .contains("0 soft-deleted manifest(s)");
    }

    @Test
    void shouldRestoreByDigestInADryRunWithoutChangingAnything() {
        // given
        String digest = EMU.emulator().digestOf("app", "gone");

        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "restore", "-n", "app", "-d", digest, "-t", "v0", "--dry-run");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("WOULD_RESTORE: app@" + digest);
        assertThat(EmulatorArgs.run(EMU.emulator(), "list-deleted", "-n", "app").out())
                .contains("1 soft-deleted manifest(s)");
    }

    @Test
    void shouldFailForATagThatWasNeverDeleted() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "restore", "-n", "app", "-t", "nope");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void shouldAskForADigestOrATag() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "restore", "-n", "app");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--digest or --tag");
    }

    @Test
    void shouldRefuseABadDigestNamingTheFlag() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "restore", "-n", "app", "-d", "sha256:xyz");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--digest: 'sha256:xyz'", "sha256:<64");
    }

    @Test
    void shouldRequireTheRepository() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "restore", "-t", "v0");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Missing required option: '--repository=REPO'");
    }
}
