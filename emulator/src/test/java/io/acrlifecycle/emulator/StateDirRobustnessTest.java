package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash can leave in a state dir: a temp file the atomic writer never renamed (ignored and removed; the
 * last good state.json wins), and a state.json that is not what the emulator wrote (start refused, naming the file).
 */
class StateDirRobustnessTest {
    private static final String TEMP_NAME = "state.json.tmp";

    @TempDir
    Path dir;

    private EmulatorOptions options() {
        return EmulatorOptions.defaults().stateDir(dir).loginServer("myregistry.azurecr.io");
    }

    /** Runs an emulator on the dir once, with one repository, so state.json holds a good state. */
    private String writeGoodState() {
        try (AcrEmulator emu = AcrEmulator.start(options())) {
            emu.seed("{\"repositories\":[{\"name\":\"app\",\"manifests\":[{\"id\":\"a\",\"tags\":[\"v1\"]}]}]}");
            return emu.digestOf("app", "a");
        }
    }

    @Test
    void shouldStartFromTheLastGoodStateAndRemoveATempFileLeftByACrash() throws Exception {
        // given: a good state, then a crash mid-write: half of a newer state in the temp file, never renamed
        String digest = writeGoodState();
        byte[] good = Files.readAllBytes(dir.resolve("state.json"));
        Files.write(dir.resolve(TEMP_NAME), Arrays.copyOf(good, good.length / 2));
        // when
        try (AcrEmulator emu = AcrEmulator.start(options())) {
            // then
            assertThat(dir.resolve(TEMP_NAME)).doesNotExist();
            RawClient raw = new RawClient(emu);
            String token = raw.token("repository:app:metadata_read");
            var v1 = raw.call("GET", "/acr/v1/app/_tags/v1", null, token);
            assertThat(v1.statusCode()).isEqualTo(200);
            assertThat(json(v1).path("tag").path("digest").asText()).isEqualTo(digest);
            assertThat(emu.digestOf("app", "a")).isEqualTo(digest);
        }
        assertThat(dir.resolve(TEMP_NAME)).doesNotExist();
    }

    @Test
    void shouldRefuseToStartOnATruncatedStateFileNamingIt() throws Exception {
        // given
        writeGoodState();
        Path state = dir.resolve("state.json");
        byte[] good = Files.readAllBytes(state);
        Files.write(state, Arrays.copyOf(good, good.length / 2));
        // when / then
        assertThatThrownBy(() -> AcrEmulator.start(options()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(state.toString())
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("Move the file aside");
        // and the file is left as it was, for the user to inspect or move aside
        assertThat(Files.readAllBytes(state)).isEqualTo(Arrays.copyOf(good, good.length / 2));
    }

    @Test
    void shouldRefuseToStartOnAnEmptyStateFile() throws Exception {
        // given: zero bytes, what some filesystems leave after a crash of a non-atomic writer
        Path state = dir.resolve("state.json");
        Files.write(state, new byte[0]);
        // when / then
        assertThatThrownBy(() -> AcrEmulator.start(options()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(state.toString());
        assertThat(Files.size(state)).isZero();
    }

    @Test
    void shouldRefuseToStartOnJsonThatIsNotAnEmulatorStateAndFreeThePort() throws Exception {
        // given: valid JSON, but not a state this emulator wrote (a timestamp field that is not an instant)
        Path state = dir.resolve("state.json");
        int port = freePort();
        Files.writeString(state, "{\"version\":1,\"repositories\":[{\"name\":\"app\",\"created\":\"yesterday\"}]}",
                StandardCharsets.UTF_8);
        Path array = dir.resolveSibling(dir.getFileName() + "-array");
        Files.createDirectories(array);
        Files.writeString(array.resolve("state.json"), "[1,2,3]", StandardCharsets.UTF_8);
        // when / then
        assertThatThrownBy(() -> AcrEmulator.start(options().port(port)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(state.toString());
        assertThatThrownBy(() -> AcrEmulator.start(options().stateDir(array)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(array.resolve("state.json").toString());
        // the failed start did not keep the port bound
        try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void shouldRefuseAStateFileWhoseFieldsHaveTheWrongTypeNamingFileAndField() throws Exception {
        // given: valid JSON with "version": 1, but fields of the wrong type; each would restore as an empty
        // registry if read leniently (and the next change would overwrite the file)
        String[][] cases = {
                {"{\"version\":1,\"repositories\":\"app\"}", "repositories"},
                {"{\"version\":1,\"repositories\":{\"app\":{}}}", "repositories"},
                {"{\"version\":1,\"blobs\":[]}", "blobs"},
                {"{\"version\":1,\"repositories\":[{\"name\":\"app\",\"created\":\"2026-01-01T00:00:00Z\","
                        + "\"updated\":\"2026-01-01T00:00:00Z\",\"manifests\":[{\"digest\":7}]}]}",
                        "repositories[0].manifests[0].digest"},
                {"{\"version\":1,\"repositories\":[{\"name\":\"app\",\"created\":\"2026-01-01T00:00:00Z\","
                        + "\"updated\":\"2026-01-01T00:00:00Z\",\"tags\":{}}]}", "repositories[0].tags"},
                {"{\"version\":1,\"adminPassword\":42}", "adminPassword"},
                {"{\"version\":1,\"registry\":{\"softDelete\":{\"enabled\":\"yes\"}}}", "registry.softDelete.enabled"},
                {"{\"version\":1,\"scopedTokens\":[{\"name\":\"ci\",\"actions\":[\"pull\"]}]}", "scopedTokens[0].actions"},
        };
        Path state = dir.resolve("state.json");
        for (String[] c : cases) {
            Files.writeString(state, c[0], StandardCharsets.UTF_8);
            // when / then
            assertThatThrownBy(() -> AcrEmulator.start(options()))
                    .as(c[0])
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(state.toString())
                    .hasMessageContaining(c[1]);
            assertThat(Files.readString(state)).isEqualTo(c[0]);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
