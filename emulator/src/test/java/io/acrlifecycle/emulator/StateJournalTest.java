package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state dir's journal: changes after the snapshot are replayed at start, a line a crash cut short is dropped,
 * a damaged line is refused naming the journal and the line, and a journal that outgrows the snapshot is folded
 * into a new one.
 */
class StateJournalTest {
    private static final String JOURNAL = "state.journal";

    @TempDir
    Path dir;

    /** A copy of the state dir taken while the emulator ran. */
    @TempDir
    Path saved;

    private EmulatorOptions options() {
        return EmulatorOptions.defaults().stateDir(dir).loginServer("myregistry.azurecr.io");
    }

    @Test
    void shouldReplayTheJournalAndDropALastLineACrashCutShort() throws Exception {
        // given: a seed and an untag, saved as journal lines after the start's snapshot
        String digest;
        try (AcrEmulator emu = AcrEmulator.start(options())) {
            emu.seed("{\"repositories\":[{\"name\":\"app\",\"manifests\":[{\"id\":\"a\",\"tags\":[\"v1\",\"v2\"]}]},"
                    + "{\"name\":\"gone\",\"manifests\":[{\"id\":\"g\",\"tags\":[\"x\"]}]}]}");
            digest = emu.digestOf("app", "a");
            RawClient raw = new RawClient(emu);
            String token = raw.token("repository:app:delete", "repository:gone:delete");
            assertThat(raw.call("DELETE", "/acr/v1/app/_tags/v2", null, token).statusCode()).isEqualTo(202);
            assertThat(raw.call("DELETE", "/v2/gone/manifests/" + emu.digestOf("gone", "g"), null, token).statusCode()).isEqualTo(202);
            // what a kill -9 now would leave (a clean stop folds the journal into state.json)
            assertThat(Files.readAllLines(dir.resolve(JOURNAL))).hasSizeGreaterThanOrEqualTo(3);
            copyTo(saved);
        }
        Files.copy(saved.resolve("state.json"), dir.resolve("state.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(saved.resolve(JOURNAL), dir.resolve(JOURNAL), StandardCopyOption.REPLACE_EXISTING);
        // and a crash in the middle of writing the next line
        Files.writeString(dir.resolve(JOURNAL), "{\"seq\":999999,\"repos\":{\"app\":nu", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        // when
        try (AcrEmulator emu = AcrEmulator.start(options())) {
            // then
            RawClient raw = new RawClient(emu);
            String token = raw.token("repository:app:metadata_read", "repository:gone:metadata_read");
            var tags = json(raw.call("GET", "/acr/v1/app/_tags", null, token));
            assertThat(tags.findValuesAsText("name")).containsExactly("v1");
            assertThat(raw.call("GET", "/acr/v1/gone/_tags", null, token).statusCode()).isEqualTo(404);
            assertThat(emu.digestOf("app", "a")).isEqualTo(digest);
        }
        // the start folded the journal into the snapshot
        assertThat(Files.readString(dir.resolve(JOURNAL))).doesNotContain("999999");
    }

    private void copyTo(Path target) throws java.io.IOException {
        Files.copy(dir.resolve("state.json"), target.resolve("state.json"));
        Files.copy(dir.resolve(JOURNAL), target.resolve(JOURNAL));
    }

    @Test
    void shouldRefuseADamagedJournalLineNamingTheJournalAndTheLine() throws Exception {
        // given
        try (AcrEmulator emu = AcrEmulator.start(options())) {
            emu.seed("{\"repositories\":[{\"name\":\"app\",\"manifests\":[{\"id\":\"a\",\"tags\":[\"v1\"]}]}]}");
        }
        Path journal = dir.resolve(JOURNAL);
        String good = Files.readString(journal);
        Files.writeString(journal, good + "{\"seq\":999999,\"repos\":{\"app\":{\"name\":5}}}\n", StandardCharsets.UTF_8);
        int line = (int) good.lines().count() + 1;
        // when / then
        assertThatThrownBy(() -> AcrEmulator.start(options()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(journal.toString())
                .hasMessageContaining("line " + line)
                .hasMessageContaining("repos.app.name");
        // and a tag whose digest is not a string
        Files.writeString(journal, good + "{\"seq\":999999,\"repos\":{\"app\":{\"tags\":{\"v1\":{\"name\":\"v1\",\"digest\":7}}}}}\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> AcrEmulator.start(options()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(journal.toString())
                .hasMessageContaining("line " + line)
                .hasMessageContaining("repos.app.tags")
                .hasMessageContaining("digest: expected a string");
        // and a line that is not JSON at all, followed by another
        Files.writeString(journal, good + "garbage\n{\"seq\":999999}\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> AcrEmulator.start(options()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(journal.toString())
                .hasMessageContaining("line " + line + ": not valid JSON");
    }

    @Test
    void shouldFoldAJournalThatOutgrowsTheSnapshotIntoANewSnapshot() throws Exception {
        // given: blobs pushed until the journal passed its compaction size (4 MiB) at least once
        byte[] blob = new byte[1 << 20];
        new Random(7).nextBytes(blob);
        String lastDigest = null;
        try (AcrEmulator emu = AcrEmulator.start(options())) {
            RawClient raw = new RawClient(emu);
            String token = raw.token("repository:app:push,pull");
            for (int i = 0; i < 5; i++) {
                blob[0] = (byte) i;
                lastDigest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
                var r = raw.send(java.net.http.HttpRequest.newBuilder(raw.uri("/v2/app/blobs/uploads/?digest=" + lastDigest))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(blob)).build());
                assertThat(r.statusCode()).isEqualTo(201);
            }
            // then: the journal was emptied by a compaction (5 lines of 1.3 MiB would be 6.7 MiB)
            assertThat(Files.size(dir.resolve(JOURNAL))).isLessThan(4L << 20);
            assertThat(Files.size(dir.resolve("state.json"))).isGreaterThan(4L << 20);
        }
        // and everything is there after a restart
        try (AcrEmulator emu = AcrEmulator.start(options())) {
            RawClient raw = new RawClient(emu);
            String token = raw.token("repository:app:pull");
            var head = raw.call("HEAD", "/v2/app/blobs/" + lastDigest, null, token);
            assertThat(head.statusCode()).isEqualTo(200);
        }
    }
}
