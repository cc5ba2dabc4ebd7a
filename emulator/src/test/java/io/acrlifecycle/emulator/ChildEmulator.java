package io.acrlifecycle.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.base.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
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
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The standalone {@link Main} in a child JVM on the test classpath, reached over HTTPS with the CA file it prints. */
final class ChildEmulator implements AutoCloseable {
    static final Duration STARTUP = Duration.ofSeconds(60);

    final Process process;
    final JsonNode line;
    final Path stderr;
    private final HttpClient http;

    private ChildEmulator(Process process, JsonNode line, Path stderr) throws Exception {
        this.process = process;
        this.line = line;
        this.stderr = stderr;
        this.http = HttpClient.newBuilder().sslContext(trusting(Path.of(line.path("caFile").asText())))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Starts {@code Main} with {@code args} and waits for its JSON line. */
    static ChildEmulator launch(Path workDir, String... args) throws Exception {
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Process p = start(err, List.of(args));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> readLine(p.getInputStream()));
        String line;
        try {
            line = first.get(STARTUP.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            p.destroyForcibly();
            throw new AssertionError("the emulator printed nothing within " + STARTUP + "; stderr: " + Files.readString(err));
        }
        if (line == null || !line.startsWith("{")) {
            p.destroyForcibly();
            throw new AssertionError("no JSON line from the emulator; stderr: " + Files.readString(err));
        }
        return new ChildEmulator(p, Json.parse(line), err);
    }

    /** Starts {@code Main} with its stderr going to {@code err}. */
    static Process start(Path err, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectError(err.toFile()).start();
    }

    private static String readLine(InputStream in) {
        try {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return null;
        }
    }

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

    private String basicHeader() {
        String up = line.path("adminUsername").asText() + ":" + line.path("adminPassword").asText();
        return "Basic " + Base64.getEncoder().encodeToString(up.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> get(String path, String accept) {
        return send(HttpRequest.newBuilder(uri(path)).GET().header("Accept", accept), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> getText(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)), HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder b, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(b.header("Authorization", basicHeader()).timeout(Duration.ofSeconds(20)).build(), handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook, nothing flushed by the JVM. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** SIGTERM, then SIGKILL if it lingers. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
