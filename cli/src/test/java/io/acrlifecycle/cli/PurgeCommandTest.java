package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PurgeCommandTest {

    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    @TempDir
    Path dir;

    @BeforeEach
    void seed() {
        EMU.emulator().seed(EmulatorArgs.SEED);
    }

    private long deleteRequests() {
        return EMU.emulator().requestLog().count("DELETE", ".*");
    }

    @Test
    void shouldBeADryRunByDefault() throws Exception {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "purge", "--filter", "app:^v", "--ago", "30d", "-o", "json");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.get("command").asText()).isEqualTo("purge");
        assertThat(json.get("status").asText()).isEqualTo("dry-run");
        assertThat(json.at("/result/status").asText()).isEqualTo("DRY_RUN");
        assertThat(json.at("/result/planned/tagsToUntag").asInt()).isEqualTo(3);
        assertThat(json.at("/result/plan/repositories/0/repository").asText()).isEqualTo("app");
        assertThat(deleteRequests()).isZero();
    }

    @Test
    void shouldPrintThePlanInAcrPurgeWordsAsText() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:^v", "--ago", "30d", "--keep", "1");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Would untag: ", "app:v1", "app:v2")
                .doesNotContain("app:v3  ").contains("Number of tags to be deleted: 2", "DRY RUN");
    }

    @Test
    void shouldPurgeWithAJournalAndWriteTheReportsThenUndo() throws Exception {
        // given
        Path journal = dir.resolve("purge.jsonl");
        Path reports = dir.resolve("reports");

        // when
        CliRun purge = EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:^v", "--ago", "30d", "--untagged",
                "--journal", journal.toString(), "--report-dir", reports.toString(), "--execute");

        // then
        assertThat(purge.exitCode()).as(purge.toString()).isZero();
        assertThat(purge.out()).contains("Number of deleted tags: 3", "Journal: " + journal)
                .contains("app: 3 tag(s) untagged, ");
        // not a terminal: plain progress lines on stderr, ending at 100 %
        assertThat(purge.err()).contains("purge: ").contains("(100%)");
        assertThat(reports.resolve("purge.json")).exists();
        assertThat(journal).exists();
        assertThat(Files.readString(reports.resolve("purge.html"))).contains("plan against result",
                "<caption>app</caption>", "CHILD_OF_TAGGED_INDEX");
        assertThat(Json.mapper().readTree(reports.resolve("purge.json").toFile()).at("/result/status").asText())
                .isEqualTo("COMPLETED");
        assertThat(EmulatorArgs.run(EMU.emulator(), "list-deleted", "-n", "app").out()).contains("v1");

        // when
        CliRun undo = EmulatorArgs.run(EMU.emulator(), "undo", "--journal", journal.toString(), "-o", "json");

        // then
        assertThat(undo.exitCode()).as(undo.toString()).isZero();
        JsonNode json = Json.mapper().readTree(undo.out());
        assertThat(json.at("/result/totals/failed").asInt()).isZero();
        assertThat(json.at("/result/totals/restored").asInt()).isPositive();
        assertThat(json.at("/result/totals/restored").asInt() + json.at("/result/totals/alreadyLive").asInt())
                .isEqualTo(json.at("/result/totals/targets").asInt());
        // only the seeded soft-deleted v0 is left
        assertThat(EmulatorArgs.run(EMU.emulator(), "list-deleted", "-n", "app").out())
                .contains("1 soft-deleted manifest(s)");
    }

    @Test
    void shouldPlanFromARulesFileWithProtectedImages() throws Exception {
        // given a rules file keeping v1 forever, and a running-images file naming v2
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                rules:
                  - name: keep-v1
                    filter: ["app:^v1$"]
                    action: keep
                  - name: old
                    filter: ["app:^v"]
                    ago: 30d
                """);
        Path running = dir.resolve("running.txt");
        Files.writeString(running, "docker.io/library/nginx:1.25 app:v2\n");

        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "purge", "--rules", rules.toString(),
                "--protect-images-file", running.toString(), "--show-spared");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Would untag: ", "app:v3", "Number of tags to be deleted: 1")
                .contains("KEPT_BY_RULE", "PROTECTED_IMAGE");
    }

    @Test
    void shouldRefuseRulesTogetherWithFilters() throws Exception {
        // given
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, "rules:\n  - filter: [\"app:.*\"]\n    ago: 1d\n");

        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "purge", "--rules", rules.toString(), "-f", "app:.*");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("rules");
    }

    @Test
    void shouldRefuseAboveMaxDeletesAndDeleteNothing() throws Exception {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:^v", "--ago", "30d", "--max-deletes", "1",
                "--journal", dir.resolve("j.jsonl").toString(), "--execute", "-o", "json");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(Json.mapper().readTree(run.out()).at("/result/status").asText()).isEqualTo("REFUSED");
        assertThat(deleteRequests()).isZero();
    }

    @Test
    void shouldRefuseWhenSoftDeleteIsOffUnlessAllowed() {
        // given
        EMU.emulator().registry().setSoftDelete(false, 7, EMU.emulator().clock().now());

        // when
        CliRun refused = EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:^v", "--ago", "30d",
                "--journal", dir.resolve("a.jsonl").toString(), "--execute");
        CliRun allowed = EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:^v", "--ago", "30d",
                "--journal", dir.resolve("b.jsonl").toString(), "--execute", "--allow-permanent-delete");

        // then
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.out()).contains("REFUSED");
        assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
        assertThat(allowed.out()).contains("Number of deleted tags: 3");
    }

    @Test
    void shouldRefuseABadAgeBeforeAnyRequest() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:.*", "--ago", "30x");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("ago", "30x", "accepted");
        assertThat(EMU.emulator().requestLog().entries()).isEmpty();
    }

    @Test
    void shouldRefuseABadRegexWithItsPosition() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:v(1", "--ago", "1d");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("v(1");
    }

    @Test
    void shouldRefuseAFilterWithoutTagPart() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app", "--ago", "1d");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("filter", "'app'");
    }

    @Test
    void shouldRefuseANonNumericKeepNamingTheFlag() {
        // when
        CliRun run = CliRun.run("purge", "-r", "myregistry", "-f", "app:.*", "--ago", "1d", "--keep", "many");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--keep", "'many'", "usage: acr-lifecycle purge");
    }

    @Test
    void shouldRefuseDryRunTogetherWithExecute() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:.*", "--ago", "1d", "--dry-run",
                "--execute");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--dry-run and --execute");
    }

    @Test
    void shouldSuggestTheRightFlagForATypo() {
        // when
        CliRun run = CliRun.run("purge", "--untaged");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unknown option: '--untaged'", "--untagged");
    }
}
