package io.acrlifecycle.engine.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.emulator.FaultRule;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.purge.exec.PurgeExecutor;
import io.acrlifecycle.engine.purge.journal.JournalRecord;
import io.acrlifecycle.engine.purge.journal.PurgeJournal;
import io.acrlifecycle.engine.purge.plan.ManifestAction;
import io.acrlifecycle.engine.purge.plan.PurgePlan;
import io.acrlifecycle.engine.purge.plan.TagAction;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.nio.file.Path;
import java.util.List;
import io.acrlifecycle.engine.purge.exec.ExecutorOptions.Recheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry changes between the plan and the delete (the plan covers the whole registry before anything runs):
 * the executor re-reads each item and leaves alone what is no longer what the rules selected.
 */
class PurgeChangedSincePlanTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    // fixed created/updated times: re-seeding the same entry yields the same digest
    static final String SEED = """
            {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
             "repositories": [{"name": "app", "manifests": [
               {"id": "ci1", "tags": ["ci-1"], "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z"},
               {"id": "ci2", "tags": ["ci-2"], "created": "2026-01-02T00:00:00Z", "updated": "2026-01-02T00:00:00Z"},
               {"id": "orphan", "created": "2026-01-03T00:00:00Z", "updated": "2026-01-03T00:00:00Z", "size": 700},
               {"id": "orphan2", "created": "2026-01-04T00:00:00Z", "updated": "2026-01-04T00:00:00Z", "size": 800},
               {"id": "orphan3", "created": "2026-01-05T00:00:00Z", "updated": "2026-01-05T00:00:00Z", "size": 900}
             ]}]}
            """;

    static PurgeRequest request(Path journal) {
        return PurgeRequest.builder().filter("app:^ci-").ago("30d").untagged(true).concurrency(2).journal(journal)
                .build();
    }

    static PurgePlan plan(AcrEmulator emu, AcrRegistry reg, PurgeRequest req) {
        return PurgeService.plan(reg, req.validate(), emu.clock().now(), EngineLog.SILENT);
    }

    static PurgeReport execute(AcrRegistry reg, PurgeRequest req, PurgePlan plan, Recheck recheck) {
        try (PurgeJournal j = PurgeJournal.open(req.journal())) {
            return new PurgeExecutor(reg, req.executorOptions().withRecheck(recheck), null, EngineLog.SILENT)
                    .execute(plan, j);
        }
    }

    static List<ItemResult> skipped(PurgeReport r) {
        return r.repositories().get(0).skipped();
    }

    @ParameterizedTest
    @EnumSource(value = Recheck.class, names = {"LISTING", "PER_ITEM"})
    void shouldNotUntagATagMovedToAnotherImageAfterThePlan(Recheck recheck, @TempDir Path dir) {
        // given a plan that untags ci-1 (and deletes ci1 with it)
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        PurgeRequest req = request(dir.resolve("j.jsonl"));
        try (AcrRegistry reg = EmulatorRegistries.open(emu)) {
            PurgePlan plan = plan(emu, reg, req);
            assertThat(plan.repositories().get(0).untag()).extracting(TagAction::tag).contains("ci-1", "ci-2");
            String ci1 = emu.digestOf("app", "ci1");
            assertThat(plan.repositories().get(0).delete()).extracting(ManifestAction::digest).contains(ci1);

            // when ci-1 is pushed again (a new image) before the purge runs
            emu.seed("""
                    {"repositories": [{"name": "app", "manifests": [{"id": "newer", "tags": ["ci-1"], "updated": "-1m"}]}]}
                    """);
            String newer = emu.digestOf("app", "newer");
            PurgeReport r = execute(reg, req, plan, recheck);

            // then the new ci-1 survives, with the reason; the old image it pointed at is kept too (a tag it lost was
            // not removed by this run); ci-2 goes as planned
            assertThat(reg.tag("app", "ci-1")).get().extracting(t -> t.digest()).isEqualTo(newer);
            assertThat(skipped(r)).filteredOn(i -> "ci-1".equals(i.tag())).singleElement()
                    .satisfies(i -> assertThat(i.detail()).isEqualTo("changed since plan: now points at " + newer));
            assertThat(reg.manifest("app", newer)).isPresent();
            assertThat(reg.tag("app", "ci-2")).isEmpty();
            assertThat(emu.requestLog().count("DELETE", "/acr/v1/app/_tags/ci-1")).isZero();
            assertThat(PurgeJournal.read(req.journal())).filteredOn(x -> "SKIPPED".equals(x.outcome()))
                    .extracting(JournalRecord::tag).contains("ci-1");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Recheck.class, names = {"LISTING", "PER_ITEM"})
    void shouldNotDeleteAManifestTaggedOrLockedAfterThePlan(Recheck recheck, @TempDir Path dir) {
        // given a plan that deletes the three untagged manifests
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        PurgeRequest req = request(dir.resolve("j.jsonl"));
        try (AcrRegistry reg = EmulatorRegistries.open(emu)) {
            PurgePlan plan = plan(emu, reg, req);
            String orphan = emu.digestOf("app", "orphan");
            String orphan2 = emu.digestOf("app", "orphan2");
            String orphan3 = emu.digestOf("app", "orphan3");
            assertThat(plan.repositories().get(0).delete()).extracting(ManifestAction::digest)
                    .contains(orphan, orphan2, orphan3);

            // when orphan gets a tag and orphan2 a lock before the purge runs
            emu.seed("""
                    {"repositories": [{"name": "app", "manifests": [
                      {"id": "orphan", "created": "2026-01-03T00:00:00Z", "updated": "2026-01-03T00:00:00Z",
                       "size": 700, "tags": ["late"]}]}]}
                    """);
            assertThat(emu.digestOf("app", "orphan")).isEqualTo(orphan);
            reg.updateManifestLocks("app", orphan2, new Locks(false, true, true, true));
            emu.requestLog().clear();
            PurgeReport r = execute(reg, req, plan, recheck);

            // then both survive with the reason; orphan3 is deleted as planned
            assertThat(reg.tag("app", "late")).isPresent();
            assertThat(reg.manifest("app", orphan)).isPresent();
            assertThat(reg.manifest("app", orphan2)).isPresent();
            assertThat(reg.manifest("app", orphan3)).isEmpty();
            assertThat(skipped(r)).filteredOn(i -> orphan.equals(i.digest())).singleElement()
                    .satisfies(i -> assertThat(i.detail()).startsWith("changed since plan: now tagged [late]"));
            assertThat(skipped(r)).filteredOn(i -> orphan2.equals(i.digest())).singleElement()
                    .satisfies(i -> assertThat(i.detail()).startsWith("changed since plan: now locked"));
            assertThat(emu.requestLog().count("DELETE", "/v2/app/manifests/" + orphan)).isZero();
            assertThat(emu.requestLog().count("DELETE", "/v2/app/manifests/" + orphan2)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Recheck.class, names = {"LISTING", "PER_ITEM"})
    void shouldCountAnItemGoneSinceThePlanAsDoneWithoutADelete(Recheck recheck, @TempDir Path dir) {
        // given a plan that untags ci-1 and ci-2 and deletes orphan
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        PurgeRequest req = request(dir.resolve("j.jsonl"));
        try (AcrRegistry reg = EmulatorRegistries.open(emu)) {
            PurgePlan plan = plan(emu, reg, req);
            String orphan = emu.digestOf("app", "orphan");

            // when ci-2 and orphan are deleted by someone else before the purge runs
            reg.deleteTag("app", "ci-2");
            reg.deleteManifest("app", orphan);
            emu.requestLog().clear();
            PurgeReport r = execute(reg, req, plan, recheck);

            // then both count as done, no DELETE is sent for them, and the journal says NOT_FOUND
            assertThat(r.status()).isEqualTo(PurgeReport.Status.COMPLETED);
            assertThat(r.repositories().get(0).untagged()).filteredOn(i -> "ci-2".equals(i.tag())).singleElement()
                    .satisfies(i -> assertThat(i.outcome()).isEqualTo(ItemResult.Outcome.ALREADY_GONE));
            assertThat(r.repositories().get(0).deleted()).filteredOn(i -> orphan.equals(i.digest())).singleElement()
                    .satisfies(i -> assertThat(i.outcome()).isEqualTo(ItemResult.Outcome.ALREADY_GONE));
            assertThat(emu.requestLog().count("DELETE", "/acr/v1/app/_tags/ci-2")).isZero();
            assertThat(emu.requestLog().count("DELETE", "/v2/app/manifests/" + orphan)).isZero();
            assertThat(reg.tag("app", "ci-1")).isEmpty();
            assertThat(PurgeJournal.read(req.journal())).filteredOn(x -> "NOT_FOUND".equals(x.outcome()))
                    .extracting(JournalRecord::id).containsExactlyInAnyOrder("tag:app:ci-2@" + emu.digestOf("app", "ci2"),
                            "manifest:app@" + orphan);
        }
    }

    @Test
    void shouldReListEachPhaseOnceInsteadOfReadingEachItem(@TempDir Path dir) {
        // given a plan over 2 tags and 5 manifests (1 page each)
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        PurgeRequest req = request(dir.resolve("j.jsonl"));
        try (AcrRegistry reg = EmulatorRegistries.open(emu)) {
            PurgePlan plan = plan(emu, reg, req);
            emu.requestLog().clear();

            // when it runs with the re-listing
            PurgeReport r = execute(reg, req, plan, Recheck.LISTING);

            // then every item went, after one tag listing and one manifest listing, without a GET per item
            assertThat(r.totals().tagsUntagged()).isEqualTo(2);
            assertThat(r.totals().manifestsDeleted()).isEqualTo(5);
            assertThat(emu.requestLog().count("GET", "/acr/v1/app/_tags")).isEqualTo(1);
            assertThat(emu.requestLog().count("GET", "/acr/v1/app/_manifests")).isEqualTo(1);
            assertThat(emu.requestLog().count("GET", "/acr/v1/app/_tags/.+")).isZero();
            assertThat(emu.requestLog().count("GET", "/acr/v1/app/_manifests/.+")).isZero();
        }
    }

    @Test
    void shouldRetryTheReListingWhenThrottled(@TempDir Path dir) {
        // given a plan, and a registry that throttles the next tag listings 6 times; the registry layer's retry
        // policy (the only one) is given enough retries to ride that out
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        PurgeRequest req = request(dir.resolve("j.jsonl"));
        try (AcrRegistry reg = io.acrlifecycle.engine.registry.Registries.open(EmulatorRegistries.config(emu)
                .retry(new io.acrlifecycle.engine.registry.RetrySettings(8, java.time.Duration.ofMillis(10),
                        java.time.Duration.ofMillis(1500))).build())) {
            PurgePlan plan = plan(emu, reg, req);
            emu.requestLog().clear();
            emu.faults().add(FaultRule.status("GET", "/acr/v1/app/_tags", 429).retryAfterSeconds(1).times(6));

            // when it runs with the re-listing
            PurgeReport r = execute(reg, req, plan, Recheck.LISTING);

            // then the listing was retried after the throttling and everything planned went, without per-item reads
            assertThat(r.status()).isEqualTo(PurgeReport.Status.COMPLETED);
            assertThat(r.totals().tagsUntagged()).isEqualTo(2);
            assertThat(emu.requestLog().entries()).filteredOn(e -> e.path().equals("/acr/v1/app/_tags"))
                    .extracting(e -> e.status()).contains(429, 200);
            assertThat(emu.requestLog().count("GET", "/acr/v1/app/_tags/.+")).isZero();
        }
    }
}
