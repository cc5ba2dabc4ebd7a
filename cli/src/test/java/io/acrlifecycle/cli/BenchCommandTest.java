package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.engine.json.Json;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void shouldPrintThePurgeAndEmulatorFiguresAsJson() throws Exception {
        // when: a tiny run (the figures are measured, not asserted)
        CliRun run = CliRun.run("bench", "--quick", "--tags", "100", "--latency-ms", "5", "--plan-tags", "2000",
                "--emulator-tags", "1000", "--requests", "20");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.at("/purge/throughput/deleted").asInt()).isEqualTo(100);
        assertThat(json.at("/purge/throughput/ratio").asDouble()).isPositive();
        assertThat(json.at("/purge/planHeap/childJvm").asBoolean()).isTrue();
        assertThat(json.at("/purge/planHeap/tags").asInt()).isEqualTo(2000);
        assertThat(json.at("/emulator/tags").asInt()).isEqualTo(1000);
        assertThat(json.at("/emulator/msPerRequest").asDouble()).isPositive();
    }

    @Test
    void shouldRefuseAConcurrencyOutOfRange() {
        // when
        CliRun run = CliRun.run("bench", "--concurrency", "64");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--concurrency: 64", "1..32");
    }
}
