package io.acrlifecycle.engine.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.DeleteOutcome;
import io.acrlifecycle.engine.purge.journal.JournalRecord;
import io.acrlifecycle.engine.purge.journal.PurgeJournal;
import io.acrlifecycle.engine.purge.result.ItemResult;
import io.acrlifecycle.engine.purge.result.PurgeReport;
import io.acrlifecycle.engine.purge.result.RepositoryReport;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash window: the process died after an intent was forced to the journal and before its outcome was
 * written (the DELETE may or may not have reached the registry). A rerun with the same journal must finish the job
 * with exactly one successful DELETE per item and close the intent.
 */
class PurgeCrashWindowTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final String SEED = """
            {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
             "repositories": [{"name": "app", "manifests": [
               {"id": "live", "created": "2026-05-01T00:00:00Z", "updated": "2026-05-01T00:00:00Z"},
               {"id": "ghost", "created": "2026-05-02T00:00:00Z", "updated": "2026-05-02T00:00:00Z"},
               {"id": "kept", "tags": ["v1"], "created": "2026-05-03T00:00:00Z", "updated": "2026-05-03T00:00:00Z"}
             ]}]}
            """;

    static JournalRecord intent(AcrRegistry reg, String digest) {
        return new JournalRecord(JournalRecord.INTENT, "crashed-run", NOW, "manifest:app@" + digest, "delete",
                reg.loginServer(), "app", digest, null, List.of(), "application/vnd.docker.distribution.manifest.v2+json",
                1024L, "acr-purge", "untagged", null, List.of(), null, null);
    }

    /** What a crash leaves: the intent forced to disk, no outcome. */
    static void crashAfterIntent(Path journal, JournalRecord intent) {
        try (PurgeJournal j = PurgeJournal.open(journal)) {
            j.intent(intent);
        }
    }

    static PurgeReport rerun(AcrRegistry reg, Path journal) {
        return PurgeService.run(reg, PurgeRequest.builder().filter("app:.*").ago("1d").untaggedOnly(true)
                .journal(journal).build(), null, EngineLog.SILENT, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** DELETEs the registry carried out (the log also holds the 401 challenge round of each). */
    static long successfulDeletes(AcrEmulator emu, String path) {
        return emu.requestLog().entries().stream()
                .filter(e -> e.method().equals("DELETE") && e.path().equals(path) && e.status() / 100 == 2).count();
    }

    static List<JournalRecord> outcomesFor(Path journal, String id) {
        return PurgeJournal.read(journal).stream()
                .filter(r -> JournalRecord.OUTCOME.equals(r.type()) && id.equals(r.id())).toList();
    }

    @Test
    void shouldDeleteAnItemLeftInTheCrashWindowExactlyOnceOnRerun(@TempDir Path dir) {
        // given an intent for "live" with no outcome, and "live" still in the registry
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        Path journal = dir.resolve("j.jsonl");
        try (AcrRegistry reg = EmulatorRegistries.open(emu)) {
            String live = emu.digestOf("app", "live");
            crashAfterIntent(journal, intent(reg, live));

            // when
            PurgeReport r = rerun(reg, journal);
            PurgeReport again = rerun(reg, journal);

            // then one DELETE, one DELETED outcome, the intent closed; a third look sends nothing more
            assertThat(r.status()).isEqualTo(PurgeReport.Status.COMPLETED);
            assertThat(reg.manifest("app", live)).isEmpty();
            assertThat(successfulDeletes(emu, "/v2/app/manifests/" + live)).isEqualTo(1);
            assertThat(outcomesFor(journal, "manifest:app@" + live)).extracting(JournalRecord::outcome)
                    .containsExactly("DELETED");
            assertThat(again.totals().manifestsDeleted()).isZero();
            try (PurgeJournal j = PurgeJournal.open(journal)) {
                assertThat(j.openIntents()).isEmpty();
                assertThat(j.isDone("manifest:app@" + live)).isTrue();
            }
            assertThat(reg.tag("app", "v1")).isPresent();
        }
    }

    @Test
    void shouldCountAnItemAlreadyGoneAsDoneWithoutAnotherDelete(@TempDir Path dir) {
        // given the crashed run's DELETE of "ghost" reached the registry, but its outcome never reached the journal
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        Path journal = dir.resolve("j.jsonl");
        try (AcrRegistry reg = EmulatorRegistries.open(emu)) {
            String ghost = emu.digestOf("app", "ghost");
            crashAfterIntent(journal, intent(reg, ghost));
            assertThat(reg.deleteManifest("app", ghost)).isEqualTo(DeleteOutcome.DELETED);
            emu.requestLog().clear();

            // when
            PurgeReport r = rerun(reg, journal);

            // then the rerun re-checks it, records NOT_FOUND (done) and sends no DELETE for it; "live" goes as usual
            assertThat(r.status()).isEqualTo(PurgeReport.Status.COMPLETED);
            assertThat(emu.requestLog().count("DELETE", "/v2/app/manifests/" + ghost)).isZero();
            assertThat(outcomesFor(journal, "manifest:app@" + ghost)).extracting(JournalRecord::outcome)
                    .containsExactly("NOT_FOUND");
            try (PurgeJournal j = PurgeJournal.open(journal)) {
                assertThat(j.openIntents()).isEmpty();
                assertThat(j.isDone("manifest:app@" + ghost)).isTrue();
            }
            assertThat(r.repositories()).flatExtracting(RepositoryReport::deleted).extracting(ItemResult::digest)
                    .containsExactly(emu.digestOf("app", "live"));
        }
    }
}
