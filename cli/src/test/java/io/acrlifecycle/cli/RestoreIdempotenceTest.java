package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.emulator.AcrEmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Restore by tag is idempotent, and a live digest is never "restored" under a tag it never had (issue 10, 8). */
class RestoreIdempotenceTest {

    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    @BeforeEach
    void seed() {
        EMU.emulator().seed("""
                {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
                 "repositories": [
                   {"name": "other", "manifests": [
                     {"id": "o1", "tags": ["old1"], "updated": "-20d", "deleted": true, "deletedAt": "-2d"},
                     {"id": "o2", "tags": ["new1"], "updated": "-1d"},
                     {"id": "o3", "tags": ["old3"], "updated": "-20d", "deleted": true, "deletedAt": "-2d"},
                     {"id": "o4", "tags": ["live"], "updated": "-1d"}
                   ]}
                 ]}
                """);
    }

    private long restoreCalls() {
        return EMU.emulator().requestLog().entries().stream().filter(e -> e.method().equals("POST")
                && !e.path().startsWith("/oauth2/")).count();
    }

    @Test
    void shouldExitZeroWhenTheSameForcedRestoreByTagRunsTwice() {
        // given
        CliRun first = EmulatorArgs.run(EMU.emulator(), "restore", "-n", "other", "--tag", "old1", "--force");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("RESTORED: other@" + EMU.emulator().digestOf("other", "o1"));
        EMU.emulator().requestLog().clear();

        // when
        CliRun second = EmulatorArgs.run(EMU.emulator(), "restore", "-n", "other", "--tag", "old1", "--force");

        // then
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("ALREADY_LIVE: other@" + EMU.emulator().digestOf("other", "o1"))
                .doesNotContain("null");
        assertThat(restoreCalls()).isZero();
    }

    @Test
    void shouldExitZeroWhenTheSameRestoreByTagRunsTwice() {
        // given
        CliRun first = EmulatorArgs.run(EMU.emulator(), "restore", "-n", "other", "--tag", "old3");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        EMU.emulator().requestLog().clear();

        // when
        CliRun second = EmulatorArgs.run(EMU.emulator(), "restore", "-n", "other", "--tag", "old3");

        // then
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("ALREADY_LIVE: other@" + EMU.emulator().digestOf("other", "o3"));
        assertThat(restoreCalls()).isZero();
    }

    @Test
    void shouldNotSendARestoreForALiveDigestUnderATagItNeverHad() {
        // given
        String live = EMU.emulator().digestOf("other", "o4");
        EMU.emulator().requestLog().clear();

        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "restore", "-n", "other", "--digest", live, "--tag", "brand-new");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("NOT_FOUND: other@" + live, "the manifest is live", "[brand-new]",
                "not among its soft-deleted tags", "push or import");
        assertThat(restoreCalls()).isZero();
    }

    @Test
    void shouldSayAlreadyLiveForALiveDigestWithItsOwnTag() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "restore", "-n", "other", "--digest",
                EMU.emulator().digestOf("other", "o4"), "--tag", "live");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("ALREADY_LIVE");
    }
}
