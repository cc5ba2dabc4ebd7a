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
                "--emulator-tags", "1000", "--requests", "20", "--quota-tiers", "");

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
    void shouldRaceBothClientsUnderTheTierQuotaInOneJson() throws Exception {
        // when: a tiny race (the figures are measured, not asserted)
        CliRun run = CliRun.run("bench", "--only", "quota", "--quota-tiers", "Standard", "--quota-images", "20",
                "--quota-rate", "400", "--quota-workers", "2");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode race = Json.mapper().readTree(run.out()).at("/purge/quota/0");
        assertThat(race.path("sku").asText()).isEqualTo("Standard");
        assertThat(race.path("writeOpsPerMinute").asInt()).isEqualTo(500);
        assertThat(race.path("window").asText()).isEqualTo("PT1.25S");
        for (String client : new String[] {"ours", "acrPurgeLike"}) {
            JsonNode c = race.path(client);
            assertThat(c.path("imagesRemoved").asInt()).as(client).isEqualTo(20);
            assertThat(c.path("tagsRemoved").asInt()).as(client).isEqualTo(20);
            assertThat(c.path("writesServed").asInt()).as(client).isGreaterThanOrEqualTo(20);
            assertThat(c.path("quotaRatio").asDouble()).as(client).isPositive();
            assertThat(c.has("share429")).as(client).isTrue();
        }
        // acr purge untags, then deletes the untagged manifest: two writes per image at least
        assertThat(race.at("/acrPurgeLike/writeCallsPerImage").asDouble()).isGreaterThanOrEqualTo(2.0);
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
