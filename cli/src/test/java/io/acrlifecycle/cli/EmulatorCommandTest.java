package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.engine.json.Json;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EmulatorCommandTest {

    @Test
    void shouldRunTheStandaloneEmulatorAndPrintHowToReachIt() throws Exception {
        // given the emulator command running in the background for a few seconds
        StringWriter out = new StringWriter();
        Io io = new Io(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                new ByteArrayInputStream(new byte[0]), Map.of(), false);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> Main.run(io, "emulator", "--demo-seed", "--output", "json", "--run-for", "PT5S"));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (out.toString().isBlank() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        // when we read what it printed and call it
        JsonNode info = Json.mapper().readTree(out.toString());
        HttpClient client = HttpClient.newBuilder().sslContext(Trust.withPem(Path.of(info.get("caFile").asText())))
                .build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create(info.get("endpoint").asText() + "/v2/")).build(), HttpResponse.BodyHandlers.ofString());

        // then it speaks ACR's challenge over verified HTTPS
        assertThat(info.get("endpoint").asText()).startsWith("https://127.0.0.1:");
        assertThat(info.get("resourceId").asText()).startsWith("/subscriptions/");
        assertThat(info.get("adminUsername").asText()).isNotBlank();
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().contains("Bearer realm=");
        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void shouldRefuseABadPortNamingTheFlag() {
        // when
        CliRun run = CliRun.run("emulator", "--port", "70000");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--port: 70000", "accepted: 0..65535");
    }

    @Test
    void shouldRefuseAMissingSeedFile() {
        // when
        CliRun run = CliRun.run("emulator", "--seed", "/nonexistent/seed.json");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--seed: cannot read '/nonexistent/seed.json'");
    }

    @Test
    void shouldRefuseANonNumericPortNamingTheFlag() {
        // when
        CliRun run = CliRun.run("emulator", "--port", "http");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--port", "'http'");
    }
}
