package io.acrlifecycle.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state dir holds the admin password and the token-signing key: owner-only files and directory. And a start
 * that cannot happen says why, naming the port or the path, in the embedding API and in the standalone jar.
 */
class StateDirSecurityTest {
    @TempDir
    Path dir;

    @Test
    void shouldCreateTheStateDirAndItsFilesOwnerOnly() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        // given
        Path state = dir.resolve("state");
        // when: a start, a change (journaled) and a stop
        try (AcrEmulator emu = AcrEmulator.start(EmulatorOptions.defaults().stateDir(state))) {
            emu.seed("{\"repositories\":[{\"name\":\"app\",\"manifests\":[{\"id\":\"a\",\"tags\":[\"v1\"]}]}]}");
            emu.addScopedToken("ci", "secret-pw", java.util.Map.of("app", java.util.Set.of("pull")));
        }
        // then
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
        List<Path> files;
        try (Stream<Path> s = Files.walk(state)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("state.json");
        for (Path f : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
        }
        try (Stream<Path> s = Files.walk(state)) {
            for (Path d : s.filter(Files::isDirectory).toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).as(d.toString()).isEqualTo("rwx------");
            }
        }
    }

    @Test
    void shouldSayWhichPortIsInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> AcrEmulator.start(EmulatorOptions.defaults().port(port)))
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void shouldSayTheStateDirIsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> AcrEmulator.start(EmulatorOptions.defaults().stateDir(file)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a directory");
    }

    @Test
    void shouldExitWithCode1NamingTheBusyPortAndTheFileStateDirInTheStandaloneJar() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThat(run("--port", Integer.toString(port))).startsWith("acr-emulator: ").contains("127.0.0.1:" + port, "in use")
                    .doesNotContain("\tat ");
        }
        assertThat(run("--state-dir", file.toString())).startsWith("acr-emulator: ").contains(file.toString(), "not a directory")
                .doesNotContain("\tat ");
    }

    private String run(String... args) throws Exception {
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = ChildEmulator.start(err, List.of(args));
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(1);
        } finally {
            p.destroyForcibly();
        }
        return Files.readString(err);
    }
}
