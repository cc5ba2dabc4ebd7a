package io.acrlifecycle.engine.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.emulator.FaultRule;
import io.acrlifecycle.emulator.RequestLog;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.purge.exec.PurgeExecutor;
import java.time.Duration;
import io.acrlifecycle.engine.purge.journal.JournalRecord;
import io.acrlifecycle.engine.purge.journal.PurgeJournal;
import io.acrlifecycle.engine.purge.plan.ManifestAction;
import io.acrlifecycle.engine.purge.plan.TagAction;
import io.acrlifecycle.engine.purge.rules.RulesException;
import io.acrlifecycle.engine.purge.undo.PurgeUndo;
import io.acrlifecycle.engine.purge.undo.RestoreServiceUndoRestorer;
import io.acrlifecycle.engine.purge.undo.UndoOutcome;
import io.acrlifecycle.engine.purge.undo.UndoReport;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.registry.Registries;
import io.acrlifecycle.engine.registry.RetrySettings;
import io.acrlifecycle.engine.restore.RestoreService;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The purge end to end: real HTTPS to the emulator through the engine's registry (Azure SDK pipeline). */
class PurgeAgainstEmulatorTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    static final String SEED = """
            {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
             "repositories": [{"name": "app", "manifests": [
               {"id": "rel1", "tags": ["v1.0.0"], "updated": "-90d"},
               {"id": "rel2", "tags": ["v1.1.0"], "updated": "-80d"},
               {"id": "ci1", "tags": ["ci-1"], "updated": "-70d", "size": 1000},
               {"id": "ci2", "tags": ["ci-2"], "updated": "-60d", "size": 2000},
               {"id": "ci3", "tags": ["ci-3"], "updated": "-50d", "size": 3000},
               {"id": "ci4", "tags": ["ci-4"], "updated": "-40d", "size": 4000},
               {"id": "ci5", "tags": ["ci-5", "also-5"], "updated": "-35d", "size": 5000},
               {"id": "fresh", "tags": ["ci-6"], "updated": "-1d"},
               {"id": "pinned", "tags": [{"name": "ci-0", "locks": {"writeEnabled": false}}], "updated": "-95d"},
               {"id": "amd64", "updated": "-100d"},
               {"id": "arm64", "updated": "-100d"},
               {"id": "multi", "mediaType": "application/vnd.oci.image.index.v1+json", "children": ["amd64", "arm64"],
                "tags": ["multi-1"], "updated": "-100d"},
               {"id": "sig", "subject": "rel1", "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "artifactType": "application/vnd.cncf.notary.signature", "updated": "-100d"},
               {"id": "dangling", "updated": "-45d", "size": 700}
             ]}]}
            """;

    static final String RULES = """
            version: 1
            rules:
              - name: releases
                filter: ["app:^v\\\\d+\\\\.\\\\d+\\\\.\\\\d+$"]
                action: keep
              - name: ci
                filter: ["app:^ci-", "app:^also-"]
                ago: 30d
                keep: 1
                untagged: true
            protect:
              tags: ["^multi-"]
            """;

    static AcrRegistry open(AcrEmulator emu) {
        return EmulatorRegistries.open(emu);
    }

    static Clock clock(AcrEmulator emu) {
        return Clock.fixed(emu.clock().now(), ZoneOffset.UTC);
    }

    static long deletes(AcrEmulator emu) {
        return emu.requestLog().count("DELETE", ".*");
    }

    Path rules(Path dir) throws Exception {
        Path p = dir.resolve("purge.yaml");
        Files.writeString(p, RULES);
        return p;
    }

    @Test
    void shouldDeleteExactlyWhatTheDryRunPlanned(@TempDir Path dir) throws Exception {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        try (AcrRegistry reg = open(emu)) {
            PurgeReport dry = PurgeService.run(reg, PurgeRequest.builder().rulesFile(rules(dir)).dryRun(true).build(),
                    null, EngineLog.SILENT, clock(emu));
            assertThat(deletes(emu)).isZero();
            List<String> plannedTags = dry.plan().repositories().get(0).untag().stream().map(TagAction::tag).toList();
            List<String> plannedDigests = dry.plan().repositories().get(0).delete().stream()
                    .map(ManifestAction::digest).toList();
            // keep 1 eligible ci tag (ci-5 / also-5 are the newest eligible: also-5 listed first or ci-5)
            assertThat(plannedTags).contains("ci-1", "ci-2", "ci-3", "ci-4").doesNotContain("ci-6", "ci-0", "v1.0.0",
                    "multi-1");
            assertThat(plannedDigests).contains(emu.digestOf("app", "ci1"), emu.digestOf("app", "dangling"))
                    .doesNotContain(emu.digestOf("app", "amd64"), emu.digestOf("app", "sig"),
                            emu.digestOf("app", "pinned"), emu.digestOf("app", "rel1"));

            PurgeReport real = PurgeService.run(reg, PurgeRequest.builder().rulesFile(rules(dir))
                    .journal(dir.resolve("real.jsonl")).build(), null, EngineLog.SILENT, clock(emu));

            assertThat(real.status()).isEqualTo(PurgeReport.Status.COMPLETED);
            RepositoryReport app = real.repositories().get(0);
            assertThat(app.untagged()).extracting(ItemResult::tag).containsExactlyInAnyOrderElementsOf(plannedTags);
            assertThat(app.deleted()).extracting(ItemResult::digest).containsExactlyInAnyOrderElementsOf(plannedDigests);
            for (String d : plannedDigests) {
                assertThat(reg.manifest("app", d)).as(d).isEmpty();
            }
            for (String id : List.of("rel1", "rel2", "fresh", "pinned", "amd64", "arm64", "multi", "sig")) {
                assertThat(reg.manifest("app", emu.digestOf("app", id))).as(id).isPresent();
            }
            assertThat(reg.tag("app", "ci-0")).isPresent();
            assertThat(real.totals().bytesReclaimed()).isPositive();
        }
    }

    @Test
    void shouldUndoAPurgeFromItsJournal(@TempDir Path dir) throws Exception {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        Path journal = dir.resolve("purge.jsonl");
        try (AcrRegistry reg = open(emu)) {
            PurgeReport r = PurgeService.run(reg, PurgeRequest.builder().rulesFile(rules(dir)).journal(journal)
                    .build(), null, EngineLog.SILENT, clock(emu));
            assertThat(r.totals().manifestsDeleted()).isPositive();
            List<String> deleted = r.repositories().get(0).deleted().stream().map(ItemResult::digest).toList();

            UndoReport undo = PurgeUndo.undo(journal, new RestoreServiceUndoRestorer(new RestoreService(reg,
                    EngineLog.SILENT)));

            assertThat(undo.totals().failed()).isZero();
            assertThat(undo.items()).filteredOn(i -> deleted.contains(i.digest())).extracting(i -> i.outcome())
                    .containsOnly(UndoOutcome.RESTORED);
            for (String d : deleted) {
                assertThat(reg.manifest("app", d)).as(d).isPresent();
            }
            assertThat(reg.tag("app", "ci-1")).isPresent();
            assertThat(reg.tag("app", "also-5").isPresent() || reg.tag("app", "ci-5").isPresent()).isTrue();
        }
    }

    @Test
    void shouldReportExpiredItemsOnUndo(@TempDir Path dir) throws Exception {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        Path journal = dir.resolve("purge.jsonl");
        try (AcrRegistry reg = open(emu)) {
            PurgeService.run(reg, PurgeRequest.builder().filter("app:^ci-1$").ago("30d").untagged(true)
                    .journal(journal).build(), null, EngineLog.SILENT, clock(emu));
            emu.clock().advance(java.time.Duration.ofDays(8));
            UndoReport undo = PurgeUndo.undo(journal, new RestoreServiceUndoRestorer(new RestoreService(reg,
                    EngineLog.SILENT, clock(emu))));
            assertThat(undo.items()).filteredOn(i -> i.digest().equals(emu.digestOf("app", "ci1")))
                    .extracting(i -> i.outcome()).containsExactly(UndoOutcome.EXPIRED);
        }
    }

    @Test
    void shouldFinishAnInterruptedPurgeOnRerunWithoutDuplicates(@TempDir Path dir) throws Exception {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        Path journal = dir.resolve("purge.jsonl");
        emu.faults().add(FaultRule.drop("DELETE", "/v2/.*"));
        PurgeRequest req = PurgeRequest.builder().rulesFile(rules(dir)).journal(journal).concurrency(4).build();
        try (AcrRegistry reg = open(emu)) {
            // first run: the service's plan; the dropped deletes fail once the registry's (fast) retries ran out
            var plan = PurgeService.plan(reg, req.validate(), clock(emu).instant(), EngineLog.SILENT);
            PurgeReport first;
            try (PurgeJournal j = PurgeJournal.open(journal)) {
                first = new PurgeExecutor(reg, req.executorOptions(), null, EngineLog.SILENT).execute(plan, j);
            }
            assertThat(first.status()).isEqualTo(PurgeReport.Status.FAILED);
            assertThat(first.totals().tagsUntagged()).isPositive();
            assertThat(first.totals().manifestsDeleted()).isZero();

            emu.faults().clear();
            PurgeReport second = PurgeService.run(reg, req, null, EngineLog.SILENT, clock(emu));

            assertThat(second.status()).isEqualTo(PurgeReport.Status.COMPLETED);
            assertThat(second.totals().manifestsDeleted()).isPositive();
            assertThat(reg.manifest("app", emu.digestOf("app", "ci1"))).isEmpty();
            assertThat(reg.manifest("app", emu.digestOf("app", "dangling"))).isEmpty();
            // no successful DELETE was sent twice for the same path
            Map<String, Long> ok = emu.requestLog().entries().stream()
                    .filter(e -> e.method().equals("DELETE") && e.status() >= 200 && e.status() < 300)
                    .collect(Collectors.groupingBy(RequestLog.Entry::path, Collectors.counting()));
            assertThat(ok.values()).containsOnly(1L);
            List<JournalRecord> records = PurgeJournal.read(journal);
            List<String> done = records.stream().filter(x -> "DELETED".equals(x.outcome())).map(JournalRecord::id).toList();
            assertThat(done).doesNotHaveDuplicates();
            try (PurgeJournal j = PurgeJournal.open(journal)) {
                assertThat(j.openIntents()).isEmpty();
            }
        }
    }

    @Test
    void shouldRideOutA429Storm(@TempDir Path dir) throws Exception {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        emu.faults().add(FaultRule.status("DELETE", "/acr/v1/.*", 429).retryAfterSeconds(1).times(12));
        // the retries are the registry layer's alone: enough of them that no single untag can run out
        try (AcrRegistry reg = Registries.open(EmulatorRegistries.config(emu)
                .retry(new RetrySettings(12, Duration.ofMillis(10), Duration.ofMillis(1500))).build())) {
            PurgeReport r = PurgeService.run(reg, PurgeRequest.builder().rulesFile(rules(dir)).concurrency(8)
                    .journal(dir.resolve("storm.jsonl")).build(),
                    null, EngineLog.SILENT, clock(emu));
            assertThat(r.status()).isEqualTo(PurgeReport.Status.COMPLETED);
            assertThat(r.totals().tagsUntagged()).isEqualTo(r.planned().tagsToUntag());
            assertThat(emu.requestLog().entries().stream().filter(e -> e.status() == 429).count()).isEqualTo(12);
            assertThat(reg.tag("app", "ci-1")).isEmpty();
        }
    }

    @Test
    void shouldRefuseBadInputAndUnsafeRunsBeforeAnyDelete(@TempDir Path dir) throws Exception {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        try (AcrRegistry reg = open(emu)) {
            for (PurgeRequest bad : List.of(
                    PurgeRequest.builder().filter("app:v1[").ago("1d").build(),
                    PurgeRequest.builder().filter("app:.*").ago("30x").build(),
                    PurgeRequest.builder().filter("app:.*").ago("1d").keep(-1).build(),
                    PurgeRequest.builder().filter("").ago("1d").build())) {
                assertThatThrownBy(() -> PurgeService.run(reg, bad, null, EngineLog.SILENT))
                        .isInstanceOf(RulesException.class);
            }
            assertThat(emu.requestLog().entries()).isEmpty();

            PurgeReport tooMany = PurgeService.run(reg, PurgeRequest.builder().rulesFile(rules(dir)).maxDeletes(2)
                    .journal(dir.resolve("max.jsonl")).build(), null, EngineLog.SILENT, clock(emu));
            assertThat(tooMany.status()).isEqualTo(PurgeReport.Status.REFUSED);

            emu.seed("{\"registry\": {\"softDelete\": {\"enabled\": false}}}");
            PurgeReport noSoftDelete = PurgeService.run(reg, PurgeRequest.builder().rulesFile(rules(dir))
                    .journal(dir.resolve("nosd.jsonl")).build(), null, EngineLog.SILENT, clock(emu));
            assertThat(noSoftDelete.status()).isEqualTo(PurgeReport.Status.REFUSED);
            assertThat(noSoftDelete.message()).contains("soft delete is disabled");
            assertThat(deletes(emu)).isZero();
        }
    }
}
