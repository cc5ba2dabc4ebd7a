package io.acrlifecycle.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.acrlifecycle.emulator.base.Json;
import io.acrlifecycle.emulator.service.Digests;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A real OCI client (skopeo) pushes an image into the emulator over HTTPS with the admin user. */
class SkopeoTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    @TempDir
    Path tmp;

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private record Result(int exit, String out) {
    }

    private Result skopeo(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("skopeo timed out: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(tmp.resolve("out.txt")));
    }

    @Test
    void shouldAcceptAPushFromSkopeoWithMatchingDigests() throws Exception {
        assumeTrue(onPath("skopeo"), "skopeo is not installed");
        // given
        AcrEmulator emu = EMU.emulator();
        Path layout = tmp.resolve("layout");
        String digest = OciLayout.write(layout, "v1", "hello from the emulator test\n");
        Path certs = Files.createDirectories(tmp.resolve("certs"));
        Files.copy(emu.caCertificatePem(), certs.resolve("ca.crt"));
        String creds = emu.adminUsername() + ":" + emu.adminPassword();
        String ref = "docker://127.0.0.1:" + emu.endpoint().getPort() + "/demo/hello";
        // when
        Result copy = skopeo("copy", "--dest-cert-dir", certs.toString(), "--dest-creds", creds, "oci:" + layout + ":v1", ref + ":v1");
        Result tags = skopeo("list-tags", "--cert-dir", certs.toString(), "--creds", creds, ref);
        Result raw = skopeo("inspect", "--raw", "--cert-dir", certs.toString(), "--creds", creds, ref + ":v1");
        // then
        assertThat(copy.exit()).as(copy.out()).isZero();
        assertThat(tags.exit()).as(tags.out()).isZero();
        assertThat(Json.parse(tags.out()).path("Tags").get(0).asText()).isEqualTo("v1");
        assertThat(raw.exit()).as(raw.out()).isZero();
        assertThat(Digests.sha256(raw.out().getBytes(StandardCharsets.UTF_8))).isEqualTo(digest);
        RawClient client = new RawClient(emu);
        var tag = RawClient.json(client.call("GET", "/acr/v1/demo%2Fhello/_tags/v1", null, client.token("repository:demo/hello:metadata_read")));
        assertThat(tag.path("tag").path("digest").asText()).isEqualTo(digest);
        var manifest = RawClient.json(client.call("GET", "/acr/v1/demo%2Fhello/_manifests/" + digest, null,
                client.token("repository:demo/hello:metadata_read")));
        assertThat(manifest.path("manifest").path("architecture").asText()).isEqualTo("amd64");
        assertThat(manifest.path("manifest").path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    }
}
