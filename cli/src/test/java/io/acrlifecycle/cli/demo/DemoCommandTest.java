package io.acrlifecycle.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.cli.Io;
import io.acrlifecycle.engine.json.Json;
import io.acrlifecycle.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @Test
    void shouldTellTheStoryAndWriteTheReport(@TempDir Path dir) throws Exception {
        // given
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Io io = new Io(new PrintWriter(out, true), new PrintWriter(err, true), new ByteArrayInputStream(new byte[0]),
                Map.of(), false);

        // when
        int code = Main.run(io, "demo", "--out", dir.toString());

        // then
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("== 1. The registry", "shop/web", "Report: ")
                .contains("Ensure soft delete", "softDeletePolicy.status: disabled -> enabled")
                .contains("Guard deploy 1: shop/api:2.4.0", "PASS (exit 0)", "locked tag shop/api:2.4.0")
                .contains("Guard deploy 2", "BLOCK (exit 3)", "task purge-nightly at ", "would be deleted at ")
                .contains("Purge, dry run", "tags to untag", "spared because: ", "locked ",
                        "child of tagged index 2", "referrer with subject 1")
                .contains("Purge, for real", "errors: 0", "purge-journal.jsonl")
                .contains("shop/api:2.3.1", "DELETED; production can no longer pull it")
                .contains("RESTORED: shop/api@", "shop/api:2.3.1 is back, same digest")
                .containsPattern("ACR restores one tag at a time; also held build-\\d+: acr-lifecycle restore "
                        + "--repository shop/api --tag build-\\d+")
                .contains("Undo the purge", "failed 0")
                .contains("An accidental loop of deletes", "acr-lifecycle restore --since ",
                        "tools/base is as it was: every tag on the same digest")
                .containsPattern("tools/base: brought back [1-9]\\d* manifest\\(s\\) and [1-9]\\d* tag\\(s\\), .*; "
                        + "conflicts 0, failed 0")
                .contains("Usage after");
        assertThat(err.toString()).doesNotContain("Exception");
        Path html = dir.resolve("demo.html");
        assertThat(Files.readString(html)).contains("<caption>repositories</caption>", "purge-nightly",
                "Guard deploy 2", "class=\"badge blocked\"", "plan against result", "Undo the purge",
                "Usage before and after");
        JsonNode json = Json.mapper().readTree(dir.resolve("demo.json").toFile());
        assertThat(json.at("/steps/guardDeploy2/verdict").asText()).isEqualTo("BLOCK");
        assertThat(json.at("/steps/purge/status").asText()).isEqualTo("COMPLETED");
        assertThat(json.at("/steps/undo/totals/failed").asInt()).isZero();
        assertThat(dir.resolve("purge-journal.jsonl")).exists();
    }

    @Test
    void shouldPrintOnlyTheJsonEnvelopeWithOutputJson(@TempDir Path dir) throws Exception {
        // given
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Io io = new Io(new PrintWriter(out, true), new PrintWriter(err, true), new ByteArrayInputStream(new byte[0]),
                Map.of(), false);

        // when
        int code = Main.run(io, "demo", "--out", dir.toString(), "-o", "json");

        // then: stdout is one JSON document (docs/cli.md, demo), the same steps as demo.json
        assertThat(code).as(out + "\n" + err).isZero();
        JsonNode json = Json.mapper().readTree(out.toString());
        assertThat(json.get("command").asText()).isEqualTo("demo");
        assertThat(json.get("status").asText()).isEqualTo("done");
        assertThat(json.get("exitCode").asInt()).isZero();
        java.util.List<String> steps = new java.util.ArrayList<>();
        json.at("/result/steps").fieldNames().forEachRemaining(steps::add);
        assertThat(steps).containsExactly("registry", "usageBefore", "softDelete", "guardDeploy1", "guardDeploy2",
                "purgeDryRun", "purge", "accidentalDelete", "restore", "undo", "restoreSince", "usageAfter",
                "plannedDeletes");
        assertThat(json.at("/result/reportHtml").asText()).endsWith("demo.html");
        assertThat(json.at("/result/steps/guardDeploy1/verdict").asText()).isEqualTo("PASS");
        assertThat(Json.mapper().readTree(dir.resolve("demo.json").toFile()).get("steps"))
                .isEqualTo(json.at("/result/steps"));
    }
}
