package io.acrlifecycle.engine.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.purge.exec.PurgeExecutor;
import io.acrlifecycle.engine.purge.journal.JournalRecord;
import io.acrlifecycle.engine.purge.result.ItemResult;
import io.acrlifecycle.engine.purge.result.PurgeReport;
import io.acrlifecycle.engine.purge.result.RepositoryReport;
import io.acrlifecycle.engine.purge.journal.PurgeJournal;
import io.acrlifecycle.engine.purge.plan.CascadeAction;
import io.acrlifecycle.engine.purge.plan.ManifestAction;
import io.acrlifecycle.engine.purge.plan.PurgePlan;
import io.acrlifecycle.engine.purge.plan.RepositoryPlan;
import io.acrlifecycle.engine.purge.plan.SpareReason;
import io.acrlifecycle.engine.purge.plan.Spared;
import io.acrlifecycle.engine.purge.undo.PurgeUndo;
import io.acrlifecycle.engine.purge.undo.RestoreServiceUndoRestorer;
import io.acrlifecycle.engine.purge.undo.UndoItem;
import io.acrlifecycle.engine.purge.undo.UndoOutcome;
import io.acrlifecycle.engine.purge.undo.UndoReport;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.restore.RestoreService;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a manifest DELETE removes along with it (issues 10 and 14), end to end over HTTPS through the engine's
 * registry: referrers deleted by the registry with their subject are planned, journaled before the DELETE,
 * counted and undone; a rerun verifies the journal against the registry; a manifest that loses all its tags is
 * removed with one DELETE.
 */
class PurgeCascadeAgainstEmulatorTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    static final String OCI = "application/vnd.oci.image.manifest.v1+json";

    static final String SEED = """
            {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
             "repositories": [{"name": "app", "manifests": [
               {"id": "img", "tags": ["build-1"], "updated": "-40d", "size": 1000},
               {"id": "sig", "subject": "img", "mediaType": "%1$s",
                "artifactType": "application/vnd.cncf.notary.signature", "updated": "-40d", "size": 100},
               {"id": "sbom", "subject": "img", "mediaType": "%1$s", "artifactType": "application/spdx+json",
                "updated": "-1d", "size": 200},
               {"id": "sbomsig", "subject": "sbom", "mediaType": "%1$s",
                "artifactType": "application/vnd.cncf.notary.signature", "updated": "-1d", "size": 50},
               {"id": "locked", "tags": ["build-2"], "updated": "-40d", "size": 1000},
               {"id": "lockedsig", "subject": "locked", "mediaType": "%1$s", "locks": {"deleteEnabled": false},
                "artifactType": "application/vnd.cncf.notary.signature", "updated": "-40d"},
               {"id": "tagged", "tags": ["build-3"], "updated": "-40d", "size": 1000},
               {"id": "att", "subject": "tagged", "mediaType": "%1$s", "tags": ["attestation-3"],
                "artifactType": "application/vnd.in-toto+json", "updated": "-40d"},
               {"id": "release", "tags": ["v1"], "updated": "-40d"},
               {"id": "relsig", "subject": "release", "mediaType": "%1$s",
                "artifactType": "application/vnd.cncf.notary.signature", "updated": "-40d"}
             ]}]}
            """.formatted(OCI);

    static AcrRegistry open(AcrEmulator emu) {
        return EmulatorRegistries.open(emu);
    }

    static Clock clock(AcrEmulator emu) {
        return Clock.fixed(emu.clock().now(), ZoneOffset.UTC);
    }

    static PurgeRequest request(Path journal) {
        return PurgeRequest.builder().filter("app:^build-").ago("30d").untagged(true).journal(journal).build();
    }

    static UndoReport undo(AcrRegistry reg, AcrEmulator emu, Path journal) {
        return PurgeUndo.undo(journal, reg.loginServer(), new RestoreServiceUndoRestorer(new RestoreService(reg, EngineLog.SILENT,
                clock(emu))));
    }

    static String intentOp(List<JournalRecord> records, String digest) {
        return records.stream().filter(r -> JournalRecord.INTENT.equals(r.type()) && digest.equals(r.digest()))
                .map(JournalRecord::op).findFirst().orElse(null);
    }

    @Test
    void shouldPlanJournalCountAndUndoTheReferrerGraphThatGoesWithItsSubject(@TempDir Path dir) {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String img = emu.digestOf("app", "img");
        String sig = emu.digestOf("app", "sig");
        String sbom = emu.digestOf("app", "sbom");
        String sbomsig = emu.digestOf("app", "sbomsig");
        Path journal = dir.resolve("purge.jsonl");
        try (AcrRegistry reg = open(emu)) {
            // the plan: img goes with its whole referrer graph (a recent SBOM and the SBOM's signature included)
            PurgePlan plan = PurgeService.plan(reg, request(journal).validate(), clock(emu).instant(),
                    EngineLog.SILENT);
            RepositoryPlan app = plan.repositories().get(0);
            ManifestAction imgDelete = app.delete().stream().filter(m -> m.digest().equals(img)).findFirst()
                    .orElseThrow();
            assertThat(imgDelete.cascade()).extracting(CascadeAction::digest)
                    .containsExactlyInAnyOrder(sig, sbom, sbomsig);
            assertThat(imgDelete.cascade()).filteredOn(c -> c.digest().equals(sbomsig))
                    .extracting(CascadeAction::subjectDigest).containsExactly(sbom);
            assertThat(imgDelete.cascade()).allSatisfy(c -> assertThat(c.reason()).contains("referrer of"));
            assertThat(app.spared()).extracting(Spared::digest).doesNotContain(sig, sbom, sbomsig);
            assertThat(plan.totals().referrersToDelete()).isEqualTo(3);

            // when
            PurgeReport report = PurgeService.run(reg, request(journal), null, EngineLog.SILENT, clock(emu));

            // then the registry: img and its three referrers soft-deleted, nothing else
            assertThat(report.status()).isEqualTo(PurgeReport.Status.COMPLETED);
            for (String d : List.of(img, sig, sbom, sbomsig)) {
                assertThat(reg.manifest("app", d)).as(d).isEmpty();
            }
            assertThat(reg.manifest("app", emu.digestOf("app", "release"))).isPresent();
            assertThat(reg.manifest("app", emu.digestOf("app", "relsig"))).isPresent();
            // the report: every referrer counted as deleted, with its bytes
            RepositoryReport r = report.repositories().get(0);
            assertThat(r.deleted()).filteredOn(i -> "referrer".equals(i.kind())).extracting(ItemResult::digest)
                    .containsExactlyInAnyOrder(sig, sbom, sbomsig);
            assertThat(report.totals().referrersDeleted()).isEqualTo(3);
            assertThat(report.totals().manifestsDeleted()).isEqualTo(4);
            assertThat(report.totals().bytesReclaimed()).isGreaterThanOrEqualTo(1350);
            // the journal: an intent for each referrer, written before img's outcome, and its outcome
            List<JournalRecord> records = PurgeJournal.read(journal);
            for (String d : List.of(sig, sbom, sbomsig)) {
                assertThat(intentOp(records, d)).as(d).isEqualTo("cascade");
                int intent = indexOf(records, JournalRecord.INTENT, d);
                assertThat(intent).as(d).isLessThan(indexOf(records, JournalRecord.OUTCOME, img));
                assertThat(records.get(intent).via()).isEqualTo("manifest:app@" + img);
                assertThat(records.get(indexOf(records, JournalRecord.OUTCOME, d)).outcome()).isEqualTo("DELETED");
            }

            // when
            UndoReport undo = undo(reg, emu, journal);

            // then everything is back, each subject before its referrers
            assertThat(undo.totals().failed()).as(undo.toString()).isZero();
            List<String> order = undo.items().stream().map(UndoItem::digest).toList();
            assertThat(order).containsSubsequence(img, sig).containsSubsequence(img, sbom, sbomsig);
            assertThat(undo.items()).filteredOn(i -> List.of(img, sig, sbom, sbomsig).contains(i.digest()))
                    .extracting(UndoItem::outcome).containsOnly(UndoOutcome.RESTORED);
            for (String d : List.of(img, sig, sbom, sbomsig)) {
                assertThat(reg.manifest("app", d)).as(d).isPresent();
            }
            assertThat(reg.tag("app", "build-1")).isPresent();
        }
    }

    @Test
    void shouldSpareASubjectWhoseReferrerMustStay(@TempDir Path dir) {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String locked = emu.digestOf("app", "locked");
        String tagged = emu.digestOf("app", "tagged");
        try (AcrRegistry reg = open(emu)) {
            PurgeReport report = PurgeService.run(reg, request(dir.resolve("j.jsonl")), null, EngineLog.SILENT,
                    clock(emu));

            // a locked referrer, or one with a tag the run keeps, keeps its subject (the DELETE would take it along)
            assertThat(report.status()).isEqualTo(PurgeReport.Status.COMPLETED);
            assertThat(report.totals().errors()).isZero();
            assertThat(report.totals().skippedLocked()).isZero();
            List<Spared> spared = report.repositories().get(0).spared();
            assertThat(spared).filteredOn(s -> locked.equals(s.digest()) && !s.isTag())
                    .extracting(Spared::reason).containsExactly(SpareReason.REFERRER_KEPT);
            assertThat(spared).filteredOn(s -> tagged.equals(s.digest()) && !s.isTag())
                    .extracting(Spared::reason).containsExactly(SpareReason.REFERRER_KEPT);
            assertThat(spared).filteredOn(s -> tagged.equals(s.digest()) && !s.isTag()).first()
                    .extracting(Spared::detail).asString().contains("attestation-3");
            assertThat(reg.manifest("app", locked)).isPresent();
            assertThat(reg.manifest("app", emu.digestOf("app", "lockedsig"))).isPresent();
            assertThat(reg.manifest("app", tagged)).isPresent();
            assertThat(reg.tag("app", "attestation-3")).isPresent();
        }
    }

    @Test
    void shouldSkipASubjectThatGainedAReferrerSinceThePlan(@TempDir Path dir) {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String img = emu.digestOf("app", "img");
        Path journal = dir.resolve("j.jsonl");
        try (AcrRegistry reg = open(emu)) {
            PurgePlan plan = PurgeService.plan(reg, request(journal).validate(), clock(emu).instant(),
                    EngineLog.SILENT);
            // as if the plan had been made before the SBOM and its signature were pushed
            PurgePlan older = withoutCascade(plan, emu.digestOf("app", "sbom"), emu.digestOf("app", "sbomsig"));

            PurgeReport report;
            try (PurgeJournal j = PurgeJournal.open(journal)) {
                report = new PurgeExecutor(reg, request(journal).executorOptions(), null, EngineLog.SILENT)
                        .execute(older, j);
            }

            assertThat(report.repositories().get(0).skipped()).filteredOn(i -> img.equals(i.digest()))
                    .extracting(ItemResult::detail).first().asString().contains("changed since plan", "referrer");
            assertThat(reg.manifest("app", img)).isPresent();
            assertThat(reg.manifest("app", emu.digestOf("app", "sbom"))).isPresent();
            List<JournalRecord> records = PurgeJournal.read(journal);
            assertThat(records).filteredOn(r -> JournalRecord.OUTCOME.equals(r.type()) && img.equals(r.digest())
                    && JournalRecord.DELETE.equals(r.op()))
                    .extracting(JournalRecord::outcome).containsExactly("SKIPPED");
            assertThat(records).filteredOn(r -> JournalRecord.OUTCOME.equals(r.type())
                    && emu.digestOf("app", "sig").equals(r.digest()))
                    .extracting(JournalRecord::outcome).containsExactly("SKIPPED");
        }
    }

    @Test
    void shouldDeleteAgainOnARerunAfterUndoInsteadOfTrustingTheJournal(@TempDir Path dir) {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String img = emu.digestOf("app", "img");
        Path journal = dir.resolve("j.jsonl");
        try (AcrRegistry reg = open(emu)) {
            PurgeReport first = PurgeService.run(reg, request(journal), null, EngineLog.SILENT, clock(emu));
            assertThat(first.totals().manifestsDeleted()).isPositive();
            assertThat(undo(reg, emu, journal).totals().failed()).isZero();
            assertThat(reg.manifest("app", img)).isPresent();
            emu.clock().advance(java.time.Duration.ofDays(31)); // the restored tags are as old as the rules want again

            // when the same purge runs again with the same journal
            PurgeReport again = PurgeService.run(reg, request(journal), null, EngineLog.SILENT, clock(emu));

            // then the journal's DELETED is not trusted: the manifests are live, so they are deleted again
            assertThat(again.totals().alreadyDone()).isZero();
            assertThat(again.totals().manifestsDeleted()).isEqualTo(first.totals().manifestsDeleted());
            assertThat(again.repositories().get(0).deleted()).extracting(ItemResult::outcome)
                    .containsOnly(ItemResult.Outcome.DELETED);
            assertThat(again.repositories().get(0).untagged()).extracting(ItemResult::outcome)
                    .containsOnly(ItemResult.Outcome.DELETED);
            assertThat(reg.manifest("app", img)).isEmpty();
            assertThat(reg.manifest("app", emu.digestOf("app", "sig"))).isEmpty();
            assertThat(reg.tag("app", "build-1")).isEmpty();

            // a third run finds everything gone: done per the journal and per the registry, nothing sent
            long deletesBefore = emu.requestLog().count("DELETE", ".*");
            PurgeReport third = PurgeService.run(reg, request(journal), null, EngineLog.SILENT, clock(emu));
            assertThat(emu.requestLog().count("DELETE", ".*")).isEqualTo(deletesBefore);
            assertThat(third.status()).isEqualTo(PurgeReport.Status.COMPLETED);
        }
    }

    @Test
    void shouldAccountForTheCascadeWhenTheProcessDiedAfterTheDeleteWentThrough(@TempDir Path dir) {
        // given a crash after img's group (its tag, its referrers, itself) was journaled and its DELETE applied, but
        // before any outcome reached the journal
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String img = emu.digestOf("app", "img");
        String sig = emu.digestOf("app", "sig");
        Path journal = dir.resolve("j.jsonl");
        try (AcrRegistry reg = open(emu)) {
            PurgePlan plan = PurgeService.plan(reg, request(journal).validate(), clock(emu).instant(),
                    EngineLog.SILENT);
            RepositoryPlan app = plan.repositories().get(0);
            ManifestAction m = app.delete().stream().filter(x -> x.digest().equals(img)).findFirst().orElseThrow();
            try (PurgeJournal j = PurgeJournal.open(journal)) {
                java.util.List<JournalRecord> intents = new java.util.ArrayList<>();
                app.untag().stream().filter(t -> t.digest().equals(img)).forEach(t -> intents.add(
                        JournalRecord.intent("crashed", clock(emu).instant(), reg.loginServer(), t, m.id())));
                m.cascade().forEach(c -> intents.add(JournalRecord.intent("crashed", clock(emu).instant(),
                        reg.loginServer(), c, m)));
                intents.add(JournalRecord.intent("crashed", clock(emu).instant(), reg.loginServer(), m));
                j.intents(intents);
            }
            reg.deleteManifest("app", img);

            // when the purge runs again with the journal
            PurgeReport again = PurgeService.run(reg, request(journal), null, EngineLog.SILENT, clock(emu));

            // then every intent of the group is closed as gone, and undo brings the whole group back
            assertThat(again.status()).isEqualTo(PurgeReport.Status.COMPLETED);
            List<JournalRecord> records = PurgeJournal.read(journal);
            assertThat(records).filteredOn(r -> JournalRecord.OUTCOME.equals(r.type()) && "crashed".equals(
                    records.stream().filter(i -> JournalRecord.INTENT.equals(i.type()) && i.id().equals(r.id()))
                            .findFirst().map(JournalRecord::run).orElse(null)) && (img.equals(r.digest())
                                    || m.cascade().stream().anyMatch(c -> c.digest().equals(r.digest()))))
                    .extracting(JournalRecord::outcome).containsOnly("NOT_FOUND").hasSize(2 + m.cascade().size());
            try (PurgeJournal j = PurgeJournal.open(journal)) {
                assertThat(j.openIntents()).isEmpty();
            }
            UndoReport undo = undo(reg, emu, journal);
            assertThat(undo.totals().failed()).as(undo.toString()).isZero();
            assertThat(reg.manifest("app", img)).isPresent();
            assertThat(reg.manifest("app", sig)).isPresent();
            assertThat(reg.tag("app", "build-1")).isPresent();
        }
    }

    static final String TAGS_SEED = """
            {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
             "repositories": [{"name": "app", "manifests": [
               {"id": "b1", "tags": ["build-1", "build-1a", "build-1b"], "updated": "-40d"},
               {"id": "b2", "tags": ["build-2"], "updated": "-40d"},
               {"id": "b3", "tags": ["build-3"], "updated": "-40d"},
               {"id": "b4", "tags": ["build-4", "v4"], "updated": "-40d"},
               {"id": "b5", "tags": ["build-5", {"name": "build-5a", "locks": {"deleteEnabled": false}}],
                "updated": "-40d"}
             ]}]}
            """;

    @Test
    void shouldRemoveAManifestAndAllItsTagsWithOneDelete(@TempDir Path dir) {
        AcrEmulator emu = EMU.emulator();
        emu.seed(TAGS_SEED);
        Path journal = dir.resolve("j.jsonl");
        try (AcrRegistry reg = open(emu)) {
            emu.requestLog().clear();
            PurgeReport report = PurgeService.run(reg, request(journal), null, EngineLog.SILENT, clock(emu));

            // b1, b2, b3 lose every tag and go: one manifest DELETE each, no tag DELETE
            // b4 keeps v4: its build tag needs a tag DELETE; b5 has a locked tag: spared (the tag lock stays)
            assertThat(report.status()).isEqualTo(PurgeReport.Status.COMPLETED);
            for (String id : List.of("b1", "b2", "b3")) {
                assertThat(reg.manifest("app", emu.digestOf("app", id))).as(id).isEmpty();
            }
            assertThat(reg.tag("app", "v4")).isPresent();
            assertThat(reg.tag("app", "build-4")).isEmpty();
            assertThat(writes(emu, "/v2/app/manifests/.*")).isEqualTo(3);
            assertThat(writes(emu, "/acr/v1/app/_tags/.*")).isEqualTo(2); // build-4, build-5
            assertThat(writes(emu, "/acr/v1/app/_tags/build-(1|2|3).*")).isZero();
            // the report still lists every tag removed
            assertThat(report.repositories().get(0).untagged()).extracting(ItemResult::tag)
                    .containsExactlyInAnyOrder("build-1", "build-1a", "build-1b", "build-2", "build-3", "build-4",
                            "build-5");
            assertThat(report.totals().tagsUntagged()).isEqualTo(7);
            assertThat(report.totals().manifestsDeleted()).isEqualTo(3);
            // the journal: every tag has its untag intent (before the manifest's DELETE) and a DELETED outcome
            List<JournalRecord> records = PurgeJournal.read(journal);
            String b1 = emu.digestOf("app", "b1");
            for (String tag : List.of("build-1", "build-1a", "build-1b")) {
                JournalRecord intent = records.stream().filter(x -> JournalRecord.INTENT.equals(x.type())
                        && tag.equals(x.tag())).findFirst().orElseThrow();
                assertThat(intent.op()).isEqualTo("untag");
                assertThat(intent.via()).isEqualTo("manifest:app@" + b1);
                assertThat(records.indexOf(intent)).isLessThan(indexOf(records, JournalRecord.OUTCOME, b1));
                assertThat(records).filteredOn(x -> JournalRecord.OUTCOME.equals(x.type()) && tag.equals(x.tag()))
                        .extracting(JournalRecord::outcome).containsExactly("DELETED");
            }

            // when
            UndoReport undo = undo(reg, emu, journal);

            // then every tag is back where it was
            assertThat(undo.totals().failed()).as(undo.toString()).isZero();
            for (String tag : List.of("build-1", "build-1a", "build-1b", "build-2", "build-3", "build-4", "build-5")) {
                assertThat(reg.tag("app", tag)).as(tag).isPresent();
            }
            assertThat(reg.tag("app", "build-1b").orElseThrow().digest()).isEqualTo(b1);
        }
    }

    /** DELETE requests the registry answered (its 401 challenges left out: they precede the same request). */
    static long writes(AcrEmulator emu, String path) {
        return emu.requestLog().entries().stream().filter(e -> e.method().equals("DELETE") && e.status() != 401
                && e.path().matches(path)).count();
    }

    /** The same plan without the given referrers in any cascade (a plan made before they were pushed). */
    static PurgePlan withoutCascade(PurgePlan plan, String... digests) {
        List<String> drop = List.of(digests);
        List<RepositoryPlan> repos = plan.repositories().stream().map(rp -> new RepositoryPlan(rp.repository(),
                rp.untag(), rp.delete().stream().map(m -> m.withCascade(m.cascade().stream()
                        .filter(c -> !drop.contains(c.digest())).toList())).toList(), rp.spared(),
                rp.untaggedRule())).toList();
        return PurgePlan.of(plan.registry(), plan.now(), plan.rules(), repos);
    }

    static int indexOf(List<JournalRecord> records, String type, String digest) {
        for (int i = 0; i < records.size(); i++) {
            if (type.equals(records.get(i).type()) && digest.equals(records.get(i).digest())) {
                return i;
            }
        }
        return -1;
    }
}
