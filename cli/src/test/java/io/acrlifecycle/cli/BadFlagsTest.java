package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad flag value is refused with exit 2 before anything runs, naming the flag (as typed) and what is accepted. */
class BadFlagsTest {
    private static final Map<String, String> TOKEN = Map.of("AZURE_ACCESS_TOKEN", "x");

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.run(TOKEN, "", args);
    }

    private static void assertUsage(CliRun run, String... expected) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).as(run.toString()).contains(expected);
    }

    @Test
    void shouldNamePurgeFlagsNotTheEngineFields() {
        assertUsage(run("purge", "-r", "myregistry", "-f", "app:v", "--ago", "1d", "--concurrency", "99"),
                "--concurrency: 99 is out of range; accepted: 0 (number of CPUs) or 1..32");
        assertUsage(run("purge", "-r", "myregistry", "-f", "app:v", "--ago", "1d", "--max-deletes", "-2"),
                "--max-deletes: -2 is negative; accepted: an integer >= 0");
        assertUsage(run("purge", "-r", "myregistry", "-f", "app:v", "--rules", "r.yaml"),
                "--rules: give either --rules FILE or --filter/--ago/--keep/--untagged/--untagged-only, not both");
        assertUsage(run("purge", "-r", "myregistry", "-f", "app:v", "--ago", "1d", "--protect-tag", "["),
                "--protect-tag[0]: ");
        assertUsage(run("purge", "-r", "myregistry", "-f", "app:v", "--ago", "1d", "--exclude", "nocolon"),
                "--exclude[0]: ");
        assertUsage(run("purge", "-r", "myregistry", "-f", "app:v", "--ago", "1d", "--protect-images-file",
                "/nonexistent/running.txt"), "--protect-images-file: '/nonexistent/running.txt' does not exist; accepted: ");
        assertUsage(run("purge", "-r", "myregistry", "--rules", "/nonexistent/rules.yaml"),
                "--rules: '/nonexistent/rules.yaml' does not exist; accepted: a YAML or JSON rules file");
        assertUsage(run("purge", "-r", "myregistry", "-f", "app:v", "--keep", "abc"),
                "Invalid value for option '--keep': 'abc' is not an int");
    }

    @Test
    void shouldNameTheFlagOfAnUnusablePath() throws Exception {
        // given a regular file where a directory is needed
        Path file = Files.writeString(dir.resolve("file"), "x");

        // then
        assertUsage(run("purge", "-r", "myregistry", "-f", "app:v", "--ago", "1d", "--execute", "--journal",
                file.resolve("j.jsonl").toString()), "--journal: cannot create the directory of ");
        assertUsage(run("usage", "-r", "myregistry", "--report-dir", file.resolve("r").toString()),
                "--report-dir: cannot create directory ");
        assertUsage(run("demo", "--out", file.resolve("d").toString()), "--out: cannot create directory ");
        assertUsage(run("guard", "-r", "myregistry", "--image", "app:v1", "--rules", "/nonexistent/rules.yaml"),
                "--rules: '/nonexistent/rules.yaml' does not exist; accepted: a YAML or JSON rules file");
    }

    @Test
    void shouldNameOutputAndCloudWithTheirAcceptedValues() {
        assertUsage(run("usage", "-r", "myregistry", "-o", "xml"), "'--output'", "[text, json]", "'xml'");
        assertUsage(run("guard", "-r", "myregistry", "--image", "app:v1", "--stage", "build"),
                "--stage: 'build' is not a stage; accepted: deploy, push");
        assertUsage(run("lock", "-r", "myregistry", "--image", "APP"), "--image: ", "accepted forms: repo:tag");
        assertUsage(run("unlock", "-r", "myregistry"), "Missing required option: '--image=IMAGE'");
        assertUsage(run("soft-delete"), "soft-delete: missing subcommand; accepted: show, ensure");
    }

    @Test
    void shouldSayWhichFlagGivesTheResourceIdArmNeeds() {
        // when: usage needs ARM, and no --resource-id / $ACR_RESOURCE_ID was given
        CliRun run = CliRun.run(Map.of("AZURE_ACCESS_TOKEN", "x"), "", "usage", "-r", "myregistry", "--endpoint",
                "https://127.0.0.1:1");

        // then
        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.err()).contains("--resource-id ID or $ACR_RESOURCE_ID");
    }
}
