package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end through the command line against the emulator, its clock set to the instant given with
 * {@code --as-of}: runs that feed each other, a child of a locked index, and the exact edges of the cutoff and of
 * now.
 */
class AsOfAndOrderCommandTest {

    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private static final String T = "2026-12-01T00:30:00Z";

    private static void seedAt(final String instant, final String seed) {
        EMU.emulator().clock().set(Instant.parse(instant));
        EMU.emulator().seed(seed);
    }

    private static JsonNode purgeWindow(final CliRun run) throws Exception {
        for (JsonNode c : Json.mapper().readTree(run.out()).at("/result/checks")) {
            if (c.get("name").asText().equals("purge-window")) {
                return c;
            }
        }
        throw new AssertionError("no purge-window check in " + run);
    }

    /** Task A untags at 01:00, task B deletes at 03:00 the manifest A left untagged: the digest deploy is blocked. */
    @Test
    void shouldBlockADigestThatTwoTasksFeedingEachOtherDelete() throws Exception {
        seedAt(T, """
                {"tasks": [
                   {"name": "a-untag-old", "cmd": "acr purge --filter 'app:.*' --ago 30d", "schedule": "0 1 * * *",
                    "status": "Enabled"},
                   {"name": "b-delete-untagged", "cmd": "acr purge --untagged-only", "schedule": "0 3 * * *",
                    "status": "Enabled"}],
                 "repositories": [{"name": "app", "manifests": [
                   {"id": "old", "tags": ["1.0"], "updated": "-40d"},
                   {"id": "new", "tags": ["2.0"], "updated": "-1d"}]}]}
                """);
        String digest = EMU.emulator().digestOf("app", "old");

        CliRun run = EmulatorArgs.run(EMU.emulator(), "guard", "--image", "app@" + digest, "--as-of", T,
                "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.GUARD_BLOCKED);
        assertThat(Json.mapper().readTree(run.out()).at("/result/verdict").asText()).isEqualTo("BLOCK");
        JsonNode window = purgeWindow(run);
        assertThat(window.get("verdict").asText()).isEqualTo("BLOCK");
        assertThat(window.get("earliestDeletion").asText()).isEqualTo("2026-12-01T03:00:00Z");
        assertThat(window.get("reason").asText()).startsWith("task b-delete-untagged at 2026-12-01T03:00Z would"
                + " delete it");
    }

    /** acr purge deletes the untagged children of a locked tagged index: a deploy of the child's digest blocks. */
    @Test
    void shouldBlockAChildOfALockedIndexDeployedByDigest() throws Exception {
        seedAt(T, """
                {"tasks": [{"name": "nightly", "cmd": "acr purge --filter 'app:.*' --ago 30d --untagged",
                            "schedule": "0 1 * * *", "status": "Enabled"}],
                 "repositories": [{"name": "app", "manifests": [
                   {"id": "c1", "updated": "-60d", "architecture": "amd64"},
                   {"id": "c2", "updated": "-60d", "architecture": "arm64"},
                   {"id": "idx", "mediaType": "application/vnd.oci.image.index.v1+json", "children": ["c1", "c2"],
                    "tags": ["multi"], "updated": "-1d", "locks": {"deleteEnabled": false, "writeEnabled": false}}]}]}
                """);
        String child = EMU.emulator().digestOf("app", "c2");

        CliRun run = EmulatorArgs.run(EMU.emulator(), "guard", "--image", "app@" + child, "--as-of", T,
                "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.GUARD_BLOCKED);
        JsonNode window = purgeWindow(run);
        assertThat(window.get("earliestDeletion").asText()).isEqualTo("2026-12-01T01:00:00Z");
        assertThat(window.get("reason").asText()).startsWith("task nightly at 2026-12-01T01:00Z would delete it")
                .contains("does not let a locked index shield its children");
    }

    /** A run exactly at now counts; a run 30 s before now has already happened, so the next one is a day later. */
    @Test
    void shouldCountAFireTimeExactlyAtNowButNotOneThirtySecondsAgo() throws Exception {
        String fire = "2026-12-01T01:00:00Z";
        seedAt(fire, """
                {"tasks": [{"name": "nightly", "cmd": "acr purge --filter 'app:.*' --ago 30d",
                            "schedule": "0 1 * * *", "status": "Enabled"}],
                 "repositories": [{"name": "app", "manifests": [{"id": "old", "tags": ["1.0"], "updated": "-40d"}]}]}
                """);

        CliRun exactly = EmulatorArgs.run(EMU.emulator(), "guard", "--image", "app:1.0", "--as-of", fire,
                "-o", "json");
        EMU.emulator().clock().set(Instant.parse("2026-12-01T01:00:30Z"));
        CliRun later = EmulatorArgs.run(EMU.emulator(), "guard", "--image", "app:1.0", "--as-of",
                "2026-12-01T01:00:30Z", "-o", "json");

        assertThat(exactly.exitCode()).as(exactly.toString()).isEqualTo(ExitCodes.GUARD_BLOCKED);
        assertThat(purgeWindow(exactly).get("earliestDeletion").asText()).isEqualTo(fire);
        assertThat(purgeWindow(exactly).get("reason").asText()).startsWith("task nightly at 2026-12-01T01:00Z");
        assertThat(later.exitCode()).as(later.toString()).isEqualTo(ExitCodes.GUARD_BLOCKED);
        assertThat(purgeWindow(later).get("earliestDeletion").asText()).isEqualTo("2026-12-02T01:00:00Z");
    }

    /** acr-cli: a tag exactly at the cutoff is kept (strictly before), an untagged manifest exactly at it deleted. */
    @Test
    void shouldKeepATagAtTheCutoffAndDeleteAnUntaggedManifestAtIt() throws Exception {
        seedAt(T, """
                {"repositories": [{"name": "app", "manifests": [
                   {"id": "tag-at", "tags": ["at-cutoff"], "updated": "2026-11-01T00:30:00Z"},
                   {"id": "tag-before", "tags": ["before-cutoff"], "updated": "2026-11-01T00:29:59Z"},
                   {"id": "untagged-at", "updated": "2026-11-01T00:30:00Z"},
                   {"id": "untagged-after", "updated": "2026-11-01T00:30:01Z"}]}]}
                """);

        CliRun run = EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:.*", "--ago", "30d", "--untagged",
                "--as-of", T, "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode repo = Json.mapper().readTree(run.out()).at("/result/plan/repositories/0");
        List<String> untagged = new ArrayList<>();
        repo.get("untag").forEach(a -> untagged.add(a.get("tag").asText()));
        List<String> deleted = new ArrayList<>();
        repo.get("delete").forEach(a -> deleted.add(a.get("digest").asText()));
        assertThat(untagged).containsExactly("before-cutoff");
        assertThat(deleted).contains(EMU.emulator().digestOf("app", "untagged-at"))
                .doesNotContain(EMU.emulator().digestOf("app", "untagged-after"),
                        EMU.emulator().digestOf("app", "tag-at"));
    }

    /** --as-of only plans: with --execute it is refused before anything is read or deleted, naming the flag. */
    @Test
    void shouldRefuseAsOfWithExecute() {
        seedAt(T, """
                {"repositories": [{"name": "app", "manifests": [{"id": "old", "tags": ["1.0"], "updated": "-40d"}]}]}
                """);

        CliRun run = EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:.*", "--ago", "30d", "--as-of", T,
                "--execute", "--journal", EMU.emulator().caCertificatePem().resolveSibling("j.jsonl").toString());
        CliRun bad = EmulatorArgs.run(EMU.emulator(), "guard", "--image", "app:1.0", "--as-of", "tonight");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--as-of: only for a dry run");
        assertThat(EMU.emulator().requestLog().count("DELETE", ".*")).isZero();
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--as-of: 'tonight' is not a time; accepted: an ISO-8601 instant");
    }
}
