package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 item 1, as the user met it: deleting an image makes the registry delete its signature with it. The dry
 * run must show the signature going, the journal must record it before the DELETE, the report must count it and
 * undo must bring it back.
 */
class PurgeCascadeCommandTest {

    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    static final String SEED = """
            {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
             "repositories": [{"name": "app", "manifests": [
               {"id": "img", "tags": ["build-1"], "updated": "-40d", "size": 1000},
               {"id": "sig", "subject": "img", "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "artifactType": "application/vnd.cncf.notary.signature", "updated": "-40d", "size": 100}
             ]}]}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void seed() {
        EMU.emulator().seed(SEED);
    }

    @Test
    void shouldShowJournalCountAndUndoTheSignatureThatGoesWithItsImage() throws Exception {
        AcrEmulator emu = EMU.emulator();
        String img = emu.digestOf("app", "img");
        String sig = emu.digestOf("app", "sig");
        Path journal = dir.resolve("j.jsonl");

        // the dry run says the signature goes with its image
        CliRun dry = EmulatorArgs.run(emu, "purge", "-f", "app:^build-", "--ago", "30d", "--untagged", "-o", "json");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        JsonNode plan = Json.mapper().readTree(dry.out()).at("/result/plan");
        assertThat(plan.at("/repositories/0/delete/0/digest").asText()).isEqualTo(img);
        assertThat(plan.at("/repositories/0/delete/0/cascade/0/digest").asText()).isEqualTo(sig);
        assertThat(plan.at("/repositories/0/delete/0/cascade/0/reason").asText()).contains("referrer", img);
        assertThat(plan.at("/totals/referrersToDelete").asInt()).isEqualTo(1);
        assertThat(plan.at("/repositories/0/spared").findValuesAsText("digest")).doesNotContain(sig);
        CliRun dryText = EmulatorArgs.run(emu, "purge", "-f", "app:^build-", "--ago", "30d", "--untagged");
        assertThat(dryText.out()).contains("Would delete with it: ", "app@" + sig);

        // when
        CliRun purge = EmulatorArgs.run(emu, "purge", "-f", "app:^build-", "--ago", "30d", "--untagged",
                "--execute", "--journal", journal.toString(), "-o", "json");

        // then the registry lost both, the report counts both
        assertThat(purge.exitCode()).as(purge.toString()).isZero();
        assertThat(EmulatorArgs.run(emu, "list-deleted", "-n", "app").out()).contains("2 soft-deleted manifest(s)");
        JsonNode report = Json.mapper().readTree(purge.out()).at("/result");
        assertThat(report.at("/totals/manifestsDeleted").asInt()).isEqualTo(2);
        assertThat(report.at("/totals/referrersDeleted").asInt()).isEqualTo(1);
        assertThat(report.at("/totals/bytesReclaimed").asLong()).isGreaterThanOrEqualTo(1100);
        assertThat(report.at("/repositories/0/deleted").findValuesAsText("digest")).containsExactlyInAnyOrder(img, sig);

        // and the journal recorded the signature before the image's DELETE was sent
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(journal)) {
            lines.add(Json.mapper().readTree(l));
        }
        int sigIntent = indexOf(lines, "intent", sig);
        int imgIntent = indexOf(lines, "intent", img);
        int imgOutcome = indexOf(lines, "outcome", img);
        assertThat(sigIntent).isNotNegative().isLessThan(imgOutcome);
        assertThat(imgIntent).isLessThan(imgOutcome);
        assertThat(lines.get(sigIntent).get("op").asText()).isEqualTo("cascade");
        assertThat(lines.get(sigIntent).get("subject").asText()).isEqualTo(img);
        assertThat(lines.get(sigIntent).get("via").asText()).isEqualTo("manifest:app@" + img);
        assertThat(lines.get(indexOf(lines, "outcome", sig)).get("outcome").asText()).isEqualTo("DELETED");

        // when
        CliRun undo = EmulatorArgs.run(emu, "undo", "--journal", journal.toString(), "-o", "json");

        // then both come back, the image first
        assertThat(undo.exitCode()).as(undo.toString()).isZero();
        JsonNode u = Json.mapper().readTree(undo.out()).at("/result");
        assertThat(u.at("/totals/restored").asInt()).isEqualTo(2);
        assertThat(u.at("/items").findValuesAsText("digest")).containsExactly(img, sig);
        assertThat(EmulatorArgs.run(emu, "list-deleted", "-n", "app").out()).contains("0 soft-deleted manifest(s)");
    }

    private static int indexOf(List<JsonNode> lines, String type, String digest) {
        for (int i = 0; i < lines.size(); i++) {
            JsonNode l = lines.get(i);
            if (type.equals(l.path("type").asText()) && digest.equals(l.path("digest").asText())) {
                return i;
            }
        }
        return -1;
    }
}
