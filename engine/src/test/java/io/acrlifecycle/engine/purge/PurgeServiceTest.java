package io.acrlifecycle.engine.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.engine.json.Json;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.model.MediaTypes;
import io.acrlifecycle.engine.purge.journal.JournalRecord;
import io.acrlifecycle.engine.purge.journal.PurgeJournal;
import io.acrlifecycle.engine.purge.result.ItemResult;
import io.acrlifecycle.engine.purge.result.PurgeProgress;
import io.acrlifecycle.engine.purge.result.PurgeReport;
import io.acrlifecycle.engine.purge.result.RepositoryReport;
import io.acrlifecycle.engine.purge.rules.RulesException;
import io.acrlifecycle.engine.registry.RegistryException;
import io.acrlifecycle.engine.testing.InMemoryRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Service + executor + journal against an in-memory registry: safety net, outcomes, crash and rerun. */
class PurgeServiceTest {
    static final Instant OLD = Instant.now().minus(Duration.ofDays(60));

    static String d(int i) {
        return "sha256:" + String.format("%064x", i);
    }

    /** app: 6 old tags on 6 manifests + 2 dangling manifests; locked tag "pinned" on manifest 7. */
    static InMemoryRegistry registry() {
        InMemoryRegistry r = new InMemoryRegistry("test.azurecr.io");
        for (int i = 1; i <= 6; i++) {
            r.tag("app", "ci-" + i, d(i), OLD.plusSeconds(i), Locks.NONE);
            r.manifest("app", d(i), MediaTypes.DOCKER_MANIFEST, 100 * i, OLD, Locks.NONE);
        }
        r.manifest("app", d(20), MediaTypes.DOCKER_MANIFEST, 2000, OLD, Locks.NONE);
        r.manifest("app", d(21), MediaTypes.DOCKER_MANIFEST, 2100, OLD, Locks.NONE);
        return r;
    }

    /** A real run needs a journal: each request gets a fresh one unless the test sets its own. */
    static PurgeRequest.Builder request() {
        try {
            Path journal = Files.createTempFile("purge-test", ".jsonl");
            journal.toFile().deleteOnExit();
            return PurgeRequest.builder().filter("app:^ci-").ago("30d").untagged(true).concurrency(4).journal(journal);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldPurgeJournalAndReport(@TempDir Path dir) {
        InMemoryRegistry reg = registry();
        List<String> events = new CopyOnWriteArrayList<>();
        PurgeProgress progress = new PurgeProgress() {
            @Override
            public void onDeleted(ItemResult r) {
                events.add(r.kind());
            }
        };
        Path journal = dir.resolve("j.jsonl");
        PurgeReport report = PurgeService.run(reg, request().keep(2).journal(journal).build(), progress, EngineLog.SILENT);

        assertThat(report.status()).isEqualTo(PurgeReport.Status.COMPLETED);
        // keep the 2 newest ci tags (ci-6, ci-5); untag 4; their manifests + 2 dangling are 6 candidates, keep 2
        assertThat(report.totals().tagsUntagged()).isEqualTo(4);
        assertThat(report.totals().manifestsDeleted()).isEqualTo(4);
        // ci-1 and ci-2 are untagged (their manifests are kept by keep 2, ties broken by digest); ci-3 and ci-4 go
        // with their manifests' DELETEs (one request per image)
        assertThat(reg.calls).filteredOn(c -> c.startsWith("untag ")).containsExactlyInAnyOrder("untag app:ci-1",
                "untag app:ci-2");
        assertThat(reg.count("delete ")).isEqualTo(4);
        assertThat(events).hasSize(8);
        assertThat(report.totals().bytesReclaimed()).isEqualTo(report.repositories().get(0).deleted().stream()
                .mapToLong(ItemResult::bytes).sum()).isPositive();
        List<JournalRecord> records = PurgeJournal.read(journal);
        assertThat(records.get(0).type()).isEqualTo("run");
        assertThat(records).filteredOn(r -> r.type().equals("intent")).hasSize(8);
        assertThat(records).filteredOn(r -> r.type().equals("outcome")).extracting(JournalRecord::outcome)
                .containsOnly("DELETED").hasSize(8);
        // every outcome comes after its intent
        for (JournalRecord o : records.stream().filter(r -> r.type().equals("outcome")).toList()) {
            int oi = records.indexOf(o);
            assertThat(records.subList(0, oi)).anyMatch(r -> r.type().equals("intent") && r.id().equals(o.id()));
        }
        assertThat(report.toJson()).contains("\"status\" : \"COMPLETED\"").contains("\"bytesReclaimed\"");
    }

    @Test
    void shouldRefuseWithoutSoftDeleteUnlessAllowed() {
        InMemoryRegistry reg = registry();
        reg.softDelete(false);
        PurgeReport refused = PurgeService.run(reg, request().build(), null, null);
        assertThat(refused.status()).isEqualTo(PurgeReport.Status.REFUSED);
        assertThat(refused.message()).contains("soft delete is disabled").contains("allowPermanentDelete");
        assertThat(refused.plan()).isNotNull();
        assertThat(refused.totals().notAttempted()).isEqualTo(refused.planned().tagsToUntag()
                + refused.planned().manifestsToDelete());
        assertThat(reg.calls).isEmpty();

        PurgeReport allowed = PurgeService.run(reg, request().allowPermanentDelete(true).build(), null, null);
        assertThat(allowed.status()).isEqualTo(PurgeReport.Status.COMPLETED);
        assertThat(reg.calls).isNotEmpty();
    }

    @Test
    void shouldDeleteNothingWhenThePlanExceedsMaxDeletes() {
        InMemoryRegistry reg = registry();
        PurgeReport r = PurgeService.run(reg, request().maxDeletes(5).build(), null, null);
        assertThat(r.status()).isEqualTo(PurgeReport.Status.REFUSED);
        assertThat(r.message()).contains("more than maxDeletes 5");
        assertThat(r.plan().deletes()).isGreaterThan(5);
        assertThat(reg.calls).isEmpty();
    }

    @Test
    void shouldCheckTheSafetyNetAsAPlainCallBeforeAnyExecutor() {
        // given a plan of 14 deletes
        InMemoryRegistry reg = registry();
        PurgeRequest req = request().build();
        var plan = PurgeService.plan(reg, req.validate(), Instant.now(), EngineLog.SILENT);
        var options = req.executorOptions();
        assertThat(plan.deletes()).isEqualTo(14);

        // then: nothing to refuse; too many deletes; soft delete off; off but not required, or allowed
        assertThat(PurgeService.refusal(plan, options, reg)).isNull();
        assertThat(PurgeService.refusal(plan, options.withSafety(true, false, 13), reg))
                .contains("removes 14 items").contains("more than maxDeletes 13");
        reg.softDelete(false);
        assertThat(PurgeService.refusal(plan, options, reg)).contains("soft delete is disabled");
        assertThat(PurgeService.refusal(plan, options.withSafety(false, false, null), reg)).isNull();
        assertThat(PurgeService.refusal(plan, options.withSafety(true, true, null), reg)).isNull();
        assertThat(reg.calls).isEmpty();
    }

    @Test
    void shouldRefuseBadInputBeforeAnyRequest() {
        InMemoryRegistry reg = registry();
        assertThatThrownBy(() -> PurgeService.run(reg, PurgeRequest.builder().filter("app:v1[").ago("30x").keep(-1)
                .concurrency(99).build(), null, null))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("--ago: '30x' is not a duration")
                .hasMessageContaining("--keep: -1 is negative")
                .hasMessageContaining("is not a valid regular expression")
                .hasMessageContaining("concurrency: 99 is out of range");
        assertThatThrownBy(() -> PurgeService.run(reg, PurgeRequest.builder().filter("").ago("1d").build(), null, null))
                .hasMessageContaining("filter is empty");
        assertThatThrownBy(() -> PurgeService.run(reg, PurgeRequest.builder().filter("a:b").ago("1d").untagged(true)
                .untaggedOnly(true).build(), null, null)).hasMessageContaining("mutually exclusive");
        assertThat(reg.calls).isEmpty();
    }

    @Test
    void shouldRefuseARealPurgeWithoutAJournalButPlanADryRunWithoutOne() {
        // given
        InMemoryRegistry reg = registry();
        PurgeRequest.Builder noJournal = request().journal(null);

        // when / then: the real run is refused naming the option, before any request
        assertThatThrownBy(() -> PurgeService.run(reg, noJournal.build(), null, null))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("journal: a real purge needs a journal file")
                .hasMessageContaining("acr-lifecycle undo --journal FILE");
        assertThat(reg.calls).isEmpty();
        PurgeReport dry = PurgeService.run(reg, noJournal.dryRun(true).build(), null, null);
        assertThat(dry.status()).isEqualTo(PurgeReport.Status.DRY_RUN);
        assertThat(dry.planned().tagsToUntag()).isPositive();
    }

    @Test
    void shouldPlanOnlyInADryRun() {
        InMemoryRegistry reg = registry();
        StringBuilder out = new StringBuilder();
        EngineLog log = new EngineLog() {
            @Override
            public void info(String line) {
                out.append(line).append('\n');
            }

            @Override
            public void warn(String line) {
            }
        };
        PurgeReport r = PurgeService.run(reg, request().dryRun(true).build(), null, log);
        assertThat(r.status()).isEqualTo(PurgeReport.Status.DRY_RUN);
        assertThat(r.plan().totals().tagsToUntag()).isEqualTo(6);
        assertThat(r.plan().totals().manifestsToDelete()).isEqualTo(8);
        assertThat(reg.calls).isEmpty();
        assertThat(out).contains("Would untag: test.azurecr.io/app:ci-1").contains("Would delete: test.azurecr.io/app@");
        // the real run deletes exactly what the dry run planned
        PurgeReport real = PurgeService.run(reg, request().build(), null, null);
        assertThat(real.totals().tagsUntagged()).isEqualTo(6);
        assertThat(real.totals().manifestsDeleted()).isEqualTo(8);
    }

    @Test
    void shouldSkipLockedAndNotDeleteAManifestWhoseTagSurvived() {
        InMemoryRegistry reg = registry();
        // the listing says unlocked, the registry answers 405 (locked in between)
        PurgeRequest req = request().build();
        var plan = PurgeService.plan(reg, req.validate(), Instant.now(), EngineLog.SILENT);
        reg.updateTagLocks("app", "ci-1", Locks.locked());
        var report = new io.acrlifecycle.engine.purge.exec.PurgeExecutor(reg, req.executorOptions(), null, null)
                .execute(plan, null);
        // ci-1 would go with its manifest's DELETE: re-read first, the lock keeps both (no DELETE sent)
        RepositoryReport app = report.repositories().get(0);
        assertThat(app.skipped()).extracting(ItemResult::outcome).containsExactly(ItemResult.Outcome.SKIPPED,
                ItemResult.Outcome.SKIPPED);
        assertThat(app.skipped()).allSatisfy(i -> assertThat(i.digest()).isEqualTo(d(1)))
                .allSatisfy(i -> assertThat(i.detail()).contains("now locked"));
        assertThat(reg.count("delete app@" + d(1))).isZero();
        assertThat(reg.manifest("app", d(1))).isPresent();
        assertThat(report.status()).isEqualTo(PurgeReport.Status.COMPLETED);
    }

    @Test
    void shouldStopOnAPersistentErrorThenFinishOnRerunWithoutDuplicates(@TempDir Path dir) {
        InMemoryRegistry reg = registry();
        Path journal = dir.resolve("j.jsonl");
        // the second manifest DELETE sent fails, whichever it is (with concurrency 1, re-checks still overlap the
        // deletes, so the order items reach the delete gate is not fixed): one is deleted before it, and the stop
        // is set while the failing call holds the gate's only slot, so nothing after it is sent
        java.util.concurrent.atomic.AtomicInteger deletes = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<String> failing = new java.util.concurrent.atomic.AtomicReference<>();
        reg.fault = call -> call.startsWith("delete app@") && deletes.incrementAndGet() == 2 && failing.compareAndSet(
                null, call.substring("delete app@".length())) ? new RegistryException("forbidden", 403, "DENIED", null)
                : null;
        PurgeRequest req = request().concurrency(1).journal(journal).build();
        PurgeReport first = PurgeService.run(reg, req, null, null);
        assertThat(first.status()).isEqualTo(PurgeReport.Status.FAILED);
        assertThat(first.message()).contains(failing.get());
        assertThat(first.totals().errors()).isEqualTo(2); // the manifest, and the tag its DELETE would remove
        assertThat(first.totals().notAttempted()).isPositive();
        long doneFirst = PurgeJournal.read(journal).stream().filter(r -> "DELETED".equals(r.outcome())).count();
        assertThat(doneFirst).isPositive();

        reg.fault = call -> null;
        int callsBefore = reg.calls.size();
        PurgeReport second = PurgeService.run(reg, req, null, null);
        assertThat(second.status()).isEqualTo(PurgeReport.Status.COMPLETED);
        // each item has exactly one DELETED outcome across both runs
        List<JournalRecord> all = PurgeJournal.read(journal);
        List<String> deletedIds = all.stream().filter(r -> "DELETED".equals(r.outcome())).map(JournalRecord::id).toList();
        assertThat(deletedIds).doesNotHaveDuplicates().hasSize(14);
        assertThat(reg.calls.subList(callsBefore, reg.calls.size())).doesNotHaveDuplicates();
        assertThat(reg.tags("app", true)).isEmpty();
        assertThat(reg.manifests("app")).isEmpty();
    }

    @Test
    void shouldCloseIntentsLeftOpenByACrash(@TempDir Path dir) throws Exception {
        InMemoryRegistry reg = registry();
        Path journal = dir.resolve("j.jsonl");
        // a crash right after ci-1 was untagged, before its outcome was written (plus a torn line)
        reg.deleteTag("app", "ci-1");
        JournalRecord intent = new JournalRecord("intent", "old", Instant.now(), "tag:app:ci-1@" + d(1), "untag",
                "test.azurecr.io", "app", d(1), "ci-1", null, null, null, "acr-purge", "x", null, null, null, null);
        Files.writeString(journal, Json.write(intent) + "\n{\"type\":\"outc", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE);
        PurgeReport r = PurgeService.run(reg, request().journal(journal).build(), null, null);
        assertThat(r.status()).isEqualTo(PurgeReport.Status.COMPLETED);
        List<JournalRecord> all = PurgeJournal.read(journal);
        assertThat(all).filteredOn(x -> x.type().equals("outcome") && intent.id().equals(x.id()))
                .singleElement().satisfies(x -> assertThat(x.outcome()).isEqualTo("NOT_FOUND"));
        assertThat(reg.calls.stream().filter(c -> c.equals("untag app:ci-1")).count()).isEqualTo(1);
        try (PurgeJournal j = PurgeJournal.open(journal)) {
            assertThat(j.openIntents()).isEmpty();
        }
    }

    @Test
    void shouldStopWithoutResendingWhenAThrottleOutlastsTheRegistryRetries(@TempDir Path dir) {
        // given a registry whose layer has already retried: the first untag still answers 429
        InMemoryRegistry reg = registry();
        AtomicInteger throttled = new AtomicInteger();
        reg.fault = call -> call.startsWith("delete ") && throttled.incrementAndGet() == 1
                ? new RegistryException("429 TOOMANYREQUESTS", 429, "TOOMANYREQUESTS", null, Duration.ofMillis(20))
                : null;
        PurgeRequest req = request().concurrency(1).journal(dir.resolve("j.jsonl")).build();
        var plan = PurgeService.plan(reg, req.validate(), Instant.now(), EngineLog.SILENT);
        var exec = new io.acrlifecycle.engine.purge.exec.PurgeExecutor(reg, req.executorOptions(), null, null);

        // when
        PurgeReport r;
        try (PurgeJournal journal = PurgeJournal.open(req.journal())) {
            r = exec.execute(plan, journal);
        }

        // then the executor did not send it again: the gate slowed down, the run stopped with a report
        assertThat(r.status()).isEqualTo(PurgeReport.Status.FAILED);
        assertThat(r.message()).contains("429");
        assertThat(exec.throttles()).isEqualTo(1);
        assertThat(reg.count("delete ")).isEqualTo(1);
        // the first DELETE (d(1), with ci-1 that goes with it) failed; every other item was not attempted
        assertThat(r.totals().errors()).isEqualTo(2);
        assertThat(r.totals().notAttempted()).isEqualTo(plan.deletes() - 2);
        // the throttled delete and its tag closed as FAILED; the intents journaled ahead closed as NOT_SENT
        List<String> outcomes = PurgeJournal.read(req.journal()).stream().filter(x -> "outcome".equals(x.type()))
                .map(JournalRecord::outcome).toList();
        assertThat(outcomes.subList(0, 2)).containsOnly("FAILED");
        assertThat(outcomes.subList(2, outcomes.size())).containsOnly("NOT_SENT");
        try (PurgeJournal journal = PurgeJournal.open(req.journal())) {
            assertThat(journal.openIntents()).isEmpty();
        }
    }

    @Test
    void shouldUnlockBeforeDeletingWithIncludeLocked() {
        InMemoryRegistry reg = registry();
        reg.updateTagLocks("app", "ci-1", Locks.locked());
        reg.updateManifestLocks("app", d(20), Locks.locked());
        reg.calls.clear();
        PurgeReport r = PurgeService.run(reg, request().includeLocked(true).build(), null, null);
        assertThat(r.status()).isEqualTo(PurgeReport.Status.COMPLETED);
        assertThat(reg.calls).containsSubsequence("lock app:ci-1", "untag app:ci-1");
        assertThat(reg.calls).containsSubsequence("lock app@" + d(20), "delete app@" + d(20));
        assertThat(reg.manifest("app", d(20))).isEmpty();

        InMemoryRegistry without = registry();
        without.updateTagLocks("app", "ci-1", Locks.locked());
        PurgeReport skipped = PurgeService.run(without, request().build(), null, null);
        assertThat(skipped.repositories().get(0).spared()).anySatisfy(s -> {
            assertThat(s.tag()).isEqualTo("ci-1");
            assertThat(s.reason()).isEqualTo(io.acrlifecycle.engine.purge.plan.SpareReason.LOCKED);
        });
        assertThat(without.tag("app", "ci-1")).isPresent();
    }
}
