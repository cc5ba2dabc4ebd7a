package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.acrlifecycle.emulator.AcrEmulatorExtension;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors that came late or raw (issue 10, finding 9): each is now refused before any call, naming the flag and the
 * accepted form, or reported for what it is.
 */
class EarlyErrorsTest {

    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    @TempDir
    Path dir;

    @BeforeEach
    void seed() {
        EMU.emulator().seed(EmulatorArgs.SEED);
        EMU.emulator().requestLog().clear();
    }

    private void assertNoRequest() {
        assertThat(EMU.emulator().requestLog().entries()).isEmpty();
    }

    @Test
    void shouldRefuseAJournalThatIsADirectoryBeforeAnyCall() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:^v", "--ago", "30d", "--journal",
                dir.toString(), "--execute");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("journal", dir.toString(), "is a directory", "accepted")
                .doesNotContain("Exception");
        assertNoRequest();
    }

    @Test
    void shouldRefuseDevFullAsAJournalWithoutRunningOutOfMemory() {
        // when
        CliRun purge = EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:^v", "--ago", "30d", "--journal",
                "/dev/full", "--execute");
        CliRun undo = EmulatorArgs.run(EMU.emulator(), "undo", "--journal", "/dev/full");

        // then
        assertThat(purge.exitCode()).as(purge.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(purge.err()).contains("/dev/full", "not a regular file").doesNotContain("Error");
        assertThat(undo.exitCode()).as(undo.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(undo.err()).contains("--journal", "/dev/full", "not a regular file");
        assertNoRequest();
    }

    @Test
    void shouldRefuseABinaryRulesFileNamingIt() throws Exception {
        // given
        Path rules = Files.write(dir.resolve("rules.yaml"), new byte[] {(byte) 0xc3, 0x28, (byte) 0xff, 0, '\n'});

        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "purge", "--rules", rules.toString());

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("rules.yaml", "UTF-8").doesNotContain("Input length");
        assertNoRequest();
    }

    @Test
    void shouldRefuseABinaryProtectImagesFileNamingIt() throws Exception {
        // given
        Path images = Files.write(dir.resolve("running.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});

        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:^v", "--ago", "30d",
                "--protect-images-file", images.toString());

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("running.txt", "UTF-8").doesNotContain("Input length");
        assertNoRequest();
    }

    @Test
    void shouldSayAnUnknownHostIsUnknownWithoutRetrying() {
        // when
        CliRun run = CliRun.run(EmulatorArgs.env(EMU.emulator()), "", "list-deleted", "-n", "app", "-r",
                "no-such-registry-acrlc.invalid");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("no-such-registry-acrlc.invalid", "cannot be resolved", "DNS")
                .doesNotContain("no response", "retry 1/");
    }

    @Test
    void shouldBlameAHostnameMismatchOnTheCertificateNotTheCa() throws Exception {
        // given a name of this machine that reaches the emulator but is not in its certificate
        String host = InetAddress.getLocalHost().getHostName();
        assumeThat(InetAddress.getByName(host).isLoopbackAddress()).as(host + " is loopback").isTrue();
        assumeThat(host).isNotEqualTo("localhost");
        String endpoint = "https://" + host + ":" + EMU.emulator().endpoint().getPort();

        // when
        CliRun run = CliRun.run(EmulatorArgs.env(EMU.emulator()), "", "list-deleted", "-n", "app", "--endpoint",
                endpoint, "--ca-file", EMU.emulator().caCertificatePem().toString());

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("certificate", "does not name", host).doesNotContain("--ca-file PEM");
    }

    @Test
    void shouldNameTheFlagWhenSoftDeleteIsOff() {
        // given
        EMU.emulator().seed(EmulatorArgs.SEED.replace("\"enabled\": true", "\"enabled\": false"));

        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:^v", "--ago", "30d", "--journal",
                dir.resolve("j.jsonl").toString(), "--execute");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.out() + run.err()).contains("--allow-permanent-delete").doesNotContain("allowPermanentDelete");
    }

    @Test
    void shouldRefuseARepositoryNameOver255Characters() {
        String name = "a".repeat(256);
        for (String[] args : new String[][] {{"list-deleted", "-n", name}, {"restore", "-n", name, "-t", "v1"},
            {"lock", "--image", name + ":v1"}, {"guard", "--image", name + ":v1"}}) {
            // when
            CliRun run = EmulatorArgs.run(EMU.emulator(), args);

            // then
            assertThat(run.exitCode()).as(String.join(" ", args[0]) + run).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).as(args[0]).contains("255");
        }
        assertNoRequest();
    }

    @Test
    void shouldCheckTheListDeletedRepositoryLocally() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "list-deleted", "-n", "BAD NAME");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--repository", "BAD NAME", "accepted");
        assertNoRequest();
    }

    @Test
    void shouldExitOneForUnlockOfAMissingImageAsLockDoes() {
        // when
        CliRun lock = EmulatorArgs.run(EMU.emulator(), "lock", "--image", "app:nope");
        CliRun unlock = EmulatorArgs.run(EMU.emulator(), "unlock", "--image", "app:nope");

        // then
        assertThat(lock.exitCode()).as(lock.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(unlock.exitCode()).as(unlock.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(unlock.err()).contains("app:nope", "does not exist");
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
