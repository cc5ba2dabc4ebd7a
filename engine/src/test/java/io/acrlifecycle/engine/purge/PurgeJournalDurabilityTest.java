package io.acrlifecycle.engine.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.purge.exec.PurgeExecutor;
import io.acrlifecycle.engine.purge.journal.JournalRecord;
import io.acrlifecycle.engine.purge.journal.PurgeJournal;
import io.acrlifecycle.engine.purge.plan.PurgePlan;
import io.acrlifecycle.engine.purge.result.PurgeReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outcomes reach the disk without waiting for close(), and an interrupted run does not lose or drop any. */
class PurgeJournalDurabilityTest {

    static Set<String> openIntentIds(List<JournalRecord> records) {
        Set<String> open = records.stream().filter(r -> JournalRecord.INTENT.equals(r.type()))
                .map(JournalRecord::id).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        records.stream().filter(r -> JournalRecord.OUTCOME.equals(r.type())).forEach(r -> open.remove(r.id()));
        return open;
    }

    @Test
    void shouldHaveEveryOutcomeOnDiskAfterTheRunWithoutClose(@TempDir Path dir) {
        // given
        InMemoryRegistry reg = PurgeServiceTest.registry();
        PurgeRequest req = PurgeServiceTest.request().journal(dir.resolve("j.jsonl")).build();
        PurgePlan plan = PurgeService.plan(reg, req.validate(), Instant.now(), EngineLog.SILENT);
        PurgeJournal journal = PurgeJournal.open(req.journal());
        try {
            // when the executor is done but the journal is still open (a kill -9 now would lose what is queued)
            PurgeReport r = new PurgeExecutor(reg, req.executorOptions(), null, EngineLog.SILENT).execute(plan, journal);
            assertThat(r.totals().manifestsDeleted()).isEqualTo(8);

            // then the file already holds an outcome for every intent
            List<JournalRecord> records = PurgeJournal.read(req.journal());
            assertThat(records).filteredOn(x -> JournalRecord.INTENT.equals(x.type())).hasSize(14);
            assertThat(openIntentIds(records)).isEmpty();
        } finally {
            journal.close();
        }
    }

    @Test
    void shouldRefuseAnOutcomeAfterClose(@TempDir Path dir) {
        PurgeJournal journal = PurgeJournal.open(dir.resolve("j.jsonl"));
        journal.close();
        JournalRecord outcome = new JournalRecord(JournalRecord.OUTCOME, "r", Instant.now(), "tag:app:x@sha256:1",
                "untag", null, "app", "sha256:1", "x", null, null, null, null, null, null, null, "DELETED", null);
        assertThatThrownBy(() -> journal.outcome(outcome)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
        assertThatThrownBy(journal::sync).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldWaitForTheRequestsInFlightWhenInterruptedAndJournalTheirOutcomes(@TempDir Path dir) throws Exception {
        // given deletes that take 300 ms and ignore interrupts (like an HTTP call that is already on the wire)
        InMemoryRegistry reg = PurgeServiceTest.registry();
        CountDownLatch firstDelete = new CountDownLatch(1);
        reg.fault = call -> {
            firstDelete.countDown();
            long end = System.nanoTime() + 300_000_000L;
            boolean interrupted = false;
            while (System.nanoTime() < end) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return null;
        };
        PurgeRequest req = PurgeServiceTest.request().journal(dir.resolve("j.jsonl")).concurrency(2).build();
        AtomicReference<PurgeReport> report = new AtomicReference<>();
        AtomicReference<Set<String>> workersAlive = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            report.set(PurgeService.run(reg, req, null, EngineLog.SILENT));
            workersAlive.set(Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().matches("purge-\\d+") && t.isAlive()).map(Thread::getName)
                    .collect(Collectors.toSet()));
        }, "purge-runner");

        // when the run is interrupted while the first deletes are in flight
        runner.start();
        assertThat(firstDelete.await(10, TimeUnit.SECONDS)).isTrue();
        runner.interrupt();
        runner.join(60_000);

        // then the run stopped, no worker outlived it, and the journal (closed by the service) has an outcome for
        // every request that was sent, matching what the registry did
        assertThat(runner.isAlive()).isFalse();
        assertThat(report.get().status()).isEqualTo(PurgeReport.Status.FAILED);
        assertThat(report.get().message()).contains("interrupted");
        assertThat(workersAlive.get()).isEmpty();
        List<JournalRecord> records = PurgeJournal.read(req.journal());
        assertThat(openIntentIds(records)).isEmpty();
        long journaledDeleted = records.stream().filter(x -> "DELETED".equals(x.outcome())).count();
        assertThat(journaledDeleted).isPositive().isEqualTo(reg.calls.size());
    }
}
