package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.emulator.AcrEmulatorExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Undo refuses a journal of another registry (issue 10, finding 2) and a file that is not a journal (finding 5)
 * before it sends anything.
 */
class UndoRefusalsTest {

    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    @TempDir
    Path dir;

    @BeforeEach
    void seed() {
        EMU.emulator().seed(EmulatorArgs.SEED);
    }

    private Path purgedJournal() {
        Path journal = dir.resolve("purge.jsonl");
        CliRun purge = EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:^v", "--ago", "30d", "--untagged",
                "--journal", journal.toString(), "--execute");
        assertThat(purge.exitCode()).as(purge.toString()).isZero();
        EMU.emulator().requestLog().clear();
        return journal;
    }

    private long mutatingRequests() {
        return EMU.emulator().requestLog().entries().stream()
                .filter(e -> !e.method().equals("GET") && !e.method().equals("HEAD"))
                .filter(e -> !e.path().startsWith("/oauth2/")).count();
    }

    @Test
    void shouldRefuseAJournalRecordedForAnotherRegistryNamingBoth() throws Exception {
        // given a journal of this purge, as if it had run against another registry
        Path journal = purgedJournal();
        String here = EMU.emulator().loginServer();
        Files.writeString(journal, Files.readString(journal).replace("\"registry\":\"" + here + "\"",
                "\"registry\":\"otherregistry.azurecr.io\""));

        // when
        CliRun undo = EmulatorArgs.run(EMU.emulator(), "undo", "--journal", journal.toString());

        // then
        assertThat(undo.exitCode()).as(undo.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(undo.err()).contains("otherregistry.azurecr.io", here, "--registry");
        assertThat(mutatingRequests()).isZero();
        assertThat(EmulatorArgs.run(EMU.emulator(), "list-deleted", "-n", "app").out()).contains("v1");
    }

    @Test
    void shouldStillUndoItsOwnJournal() throws Exception {
        // given
        Path journal = purgedJournal();

        // when
        CliRun undo = EmulatorArgs.run(EMU.emulator(), "undo", "--journal", journal.toString());

        // then
        assertThat(undo.exitCode()).as(undo.toString()).isZero();
        assertThat(undo.out()).contains("failed 0");
    }

    @Test
    void shouldRefuseAnEmptyFile() throws Exception {
        assertNotAJournal(Files.writeString(dir.resolve("empty.jsonl"), ""), "is empty");
    }

    @Test
    void shouldRefuseEmptyObjects() throws Exception {
        assertNotAJournal(Files.writeString(dir.resolve("objects.jsonl"), "{}\n{}\n"), "line 1");
    }

    @Test
    void shouldRefuseAPurgeReport() throws Exception {
        // given the purge.json a purge wrote next to its journal
        Path reports = dir.resolve("reports");
        CliRun purge = EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:^v", "--ago", "30d", "--journal",
                dir.resolve("j.jsonl").toString(), "--report-dir", reports.toString(), "--execute");
        assertThat(purge.exitCode()).as(purge.toString()).isZero();
        EMU.emulator().requestLog().clear();

        assertNotAJournal(reports.resolve("purge.json"), "line 1");
    }

    @Test
    void shouldRefuseABinaryFile() throws Exception {
        assertNotAJournal(Files.write(dir.resolve("bin.jsonl"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, '\n'}),
                "UTF-8");
    }

    @Test
    void shouldRefuseADirectoryBeforeAnyCall() throws Exception {
        // when
        CliRun undo = EmulatorArgs.run(EMU.emulator(), "undo", "--journal", dir.toString());

        // then
        assertThat(undo.exitCode()).as(undo.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(undo.err()).contains("--journal", dir.toString());
        assertThat(EMU.emulator().requestLog().entries()).isEmpty();
    }

    private void assertNotAJournal(Path file, String why) {
        // when
        CliRun undo = EmulatorArgs.run(EMU.emulator(), "undo", "--journal", file.toString());

        // then
        assertThat(undo.exitCode()).as(undo.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(undo.err()).contains("--journal", file.toString(), why, "not a purge journal",
                "{\"type\":\"intent\"");
        assertThat(undo.err()).doesNotContain("Exception", "restoring 0");
        assertThat(EMU.emulator().requestLog().entries()).isEmpty();
        assertThat(new String(undo.out().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .doesNotContain("restored 0");
    }
}
