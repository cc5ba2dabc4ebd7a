package io.acrlifecycle.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.base.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone {@link Main} as a user runs it: a child JVM on the test classpath, its one JSON line, an HTTPS call
 * trusting only the printed CA file, a stop by SIGTERM; with {@code --state-dir}, a restart that keeps state and CA.
 */
class MainTest {
    private static final Duration STARTUP = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : started) {
            stop(p);
        }
    }

    @Test
    void shouldPrintOneJsonLineAndServeHttpsWithTheCaFileAndAdminCredentials() throws Exception {
        // given
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"repositories\":[{\"name\":\"team/app\",\"manifests\":[{\"id\":\"a\",\"tags\":[\"v1\",\"v2\"]}]}]}");

        // when
        Standalone emu = launch("--port", "0", "--seed", seed.toString(), "--login-server", "myregistry.azurecr.io");
        HttpResponse<String> catalog = emu.basic("GET", "/acr/v1/_catalog", null);
        HttpResponse<String> tags = emu.basic("GET", "/acr/v1/team%2Fapp/_tags", null);
        HttpResponse<String> unauthenticated = emu.send(HttpRequest.newBuilder(emu.uri("/v2/")).GET().build());

        // then
        assertThat(emu.line.fieldNames()).toIterable().contains("endpoint", "loginServer", "resourceId", "caFile",
                "trustStore", "trustStorePassword", "adminUsername", "adminPassword", "aadToken");
        assertThat(emu.line.path("endpoint").asText()).startsWith("https://127.0.0.1:");
        assertThat(emu.line.path("loginServer").asText()).isEqualTo("myregistry.azurecr.io");
        assertThat(emu.line.path("adminUsername").asText()).isEqualTo("myregistry");
        assertThat(emu.line.path("resourceId").asText()).endsWith("/registries/myregistry");
        assertThat(catalog.statusCode()).isEqualTo(200);
        assertThat(Json.parse(catalog.body()).path("repositories").toString()).isEqualTo("[\"team/app\"]");
        assertThat(Json.parse(tags.body()).findValuesAsText("name")).containsExactly("v1", "v2");
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(unauthenticated.headers().firstValue("WWW-Authenticate").orElse(""))
                .contains("realm=\"https://127.0.0.1:", "/oauth2/token\"", "service=\"myregistry.azurecr.io\"");

        // and when stopped, it exits and the port is closed
        stop(emu.process);
        assertThat(emu.process.isAlive()).isFalse();
        assertThat(emu.tryCall()).isFalse();
    }

    @Test
    void shouldKeepPushedTagsAndTheCaAcrossARestartWithAStateDir() throws Exception {
        // given: a seeded tag, and a tag pushed over /v2 (the same manifest bytes under a new tag)
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"repositories\":[{\"name\":\"app\",\"manifests\":[{\"id\":\"a\",\"tags\":[\"v1\"]}]}]}");
        Path state = dir.resolve("state");
        Standalone first = launch("--seed", seed.toString(), "--state-dir", state.toString());
        HttpResponse<byte[]> manifest = first.bytes("GET", "/v2/app/manifests/v1");
        String mediaType = manifest.headers().firstValue("Content-Type").orElseThrow();
        HttpResponse<String> push = first.sendBasic(HttpRequest.newBuilder(first.uri("/v2/app/manifests/pushed"))
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.body())));
        assertThat(push.statusCode()).isEqualTo(201);
        String ca = Files.readString(Path.of(first.line.path("caFile").asText()));
        stop(first.process);

        // when: restarted on the same state dir, without the seed
        Standalone second = launch("--state-dir", state.toString());
        HttpResponse<String> tags = second.basic("GET", "/acr/v1/app/_tags", null);
        HttpResponse<byte[]> pulled = second.bytes("GET", "/v2/app/manifests/pushed");

        // then
        assertThat(Files.readString(Path.of(second.line.path("caFile").asText()))).isEqualTo(ca);
        assertThat(second.line.path("adminPassword").asText()).isEqualTo(first.line.path("adminPassword").asText());
        assertThat(tags.statusCode()).isEqualTo(200);
        assertThat(Json.parse(tags.body()).findValuesAsText("name")).containsExactly("pushed", "v1");
        assertThat(pulled.statusCode()).isEqualTo(200);
        assertThat(pulled.body()).isEqualTo(manifest.body());
        assertThat(pulled.headers().firstValue("Docker-Content-Digest"))
                .isEqualTo(push.headers().firstValue("Docker-Content-Digest"));
    }

    @Test
    void shouldRefuseAnUnknownOptionWithUsageAndExitCode2() throws Exception {
        // given
        Process p = start(List.of("--bogus"));

        // when
        boolean exited = p.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS);

        // then
        assertThat(exited).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("stderr-" + p.pid() + ".txt")))
                .contains("unknown option '--bogus'", "usage: java -jar acr-emulator.jar", "--state-dir DIR");
    }

    @Test
    void shouldExitWithCode1NamingACorruptStateFile() throws Exception {
        // given
        Path stateDir = dir.resolve("corrupt-state");
        Files.createDirectories(stateDir);
        Files.writeString(stateDir.resolve("state.json"), "{\"version\":1,\"repositories\":[", StandardCharsets.UTF_8);
        Process p = start(List.of("--state-dir", stateDir.toString()));

        // when
        boolean exited = p.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS);

        // then
        assertThat(exited).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("stderr-" + p.pid() + ".txt")))
                .startsWith("acr-emulator: emulator state " + stateDir.resolve("state.json") + " is not valid JSON")
                .contains("Move the file aside")
                .doesNotContain("\tat ");
    }

    // ---- a child JVM running Main

    private Standalone launch(String... args) throws Exception {
        Process p = start(List.of(args));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> readLine(p.getInputStream()));
        String line;
        try {
            line = first.get(STARTUP.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the emulator printed nothing within " + STARTUP + "; stderr: "
                    + Files.readString(dir.resolve("stderr-" + p.pid() + ".txt")));
        }
        assertThat(line).as("first stdout line (stderr: %s)", dir.resolve("stderr-" + p.pid() + ".txt")).isNotNull().startsWith("{");
        return new Standalone(p, Json.parse(line));
    }

    private Process start(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        Path err = Files.createTempFile(dir, "stderr", ".tmp");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        started.add(p);
        Files.move(err, dir.resolve("stderr-" + p.pid() + ".txt"));
        return p;
    }

    private static String readLine(InputStream in) {
        try {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /** SIGTERM (runs the shutdown hook that closes the server), then SIGKILL if it lingers. */
    private static void stop(Process p) throws InterruptedException {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static final class Standalone {
        final Process process;
        final JsonNode line;
        final HttpClient http;

        Standalone(Process process, JsonNode line) throws Exception {
            this.process = process;
            this.line = line;
            this.http = HttpClient.newBuilder().sslContext(trusting(Path.of(line.path("caFile").asText())))
                    .connectTimeout(Duration.ofSeconds(5)).build();
        }

        /** An SSLContext trusting only the CA certificate the emulator wrote (what a user's client gets). */
        private static SSLContext trusting(Path pem) throws Exception {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            try (InputStream in = Files.newInputStream(pem)) {
                ks.setCertificateEntry("acr-emulator-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        }

        URI uri(String path) {
            return URI.create(line.path("endpoint").asText() + path);
        }

        String basicHeader() {
            String up = line.path("adminUsername").asText() + ":" + line.path("adminPassword").asText();
            return "Basic " + Base64.getEncoder().encodeToString(up.getBytes(StandardCharsets.UTF_8));
        }

        HttpResponse<String> basic(String method, String path, String body) {
            return sendBasic(HttpRequest.newBuilder(uri(path)).method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
        }

        HttpResponse<String> sendBasic(HttpRequest.Builder b) {
            return send(b.header("Authorization", basicHeader()).build());
        }

        HttpResponse<byte[]> bytes(String method, String path) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", basicHeader())
                    .header("Accept", "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json")
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        HttpResponse<String> send(HttpRequest r) {
            try {
                return http.send(HttpRequest.newBuilder(r, (k, v) -> true).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Whether anything still answers on the endpoint. */
        boolean tryCall() {
            try {
                http.send(HttpRequest.newBuilder(uri("/v2/")).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
                return true;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
