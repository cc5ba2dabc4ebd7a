package io.acrlifecycle.engine.purge.exec;

import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.purge.journal.JournalOutcome;
import io.acrlifecycle.engine.purge.journal.JournalRecord;
import io.acrlifecycle.engine.purge.journal.PurgeJournal;
import io.acrlifecycle.engine.purge.plan.PurgePlan;
import io.acrlifecycle.engine.purge.plan.RepositoryPlan;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.registry.RegistryException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Crash reconciliation: an intent an earlier run journaled but never closed (it crashed, or was killed, between the
 * intent and the outcome) is closed by the next run. An intent this plan contains again is left open and redone
 * (idempotently); any other is re-read: gone is closed as {@link JournalOutcome#NOT_FOUND}, still there as
 * {@link JournalOutcome#ABANDONED}. An item that cannot be re-read stays open for the run after.
 */
final class Reconciliation {
    private Reconciliation() {
    }

    static void closeOpenIntents(Registry registry, PurgePlan plan, PurgeJournal journal, String run, EngineLog log) {
        Set<String> planned = new HashSet<>();
        for (RepositoryPlan rp : plan.repositories()) {
            rp.untag().forEach(t -> planned.add(t.id()));
            rp.delete().forEach(m -> planned.add(m.id()));
        }
        for (JournalRecord open : journal.openIntents()) {
            if (planned.contains(open.id())) {
                continue; // redone by this run, idempotently
            }
            boolean gone;
            try {
                if (JournalRecord.UNTAG.equals(open.op())) {
                    Optional<TagInfo> t = registry.tag(open.repository(), open.tag());
                    gone = t.isEmpty() || !t.get().digest().equals(open.digest());
                } else {
                    gone = registry.manifest(open.repository(), open.digest()).isEmpty();
                }
            } catch (RegistryException e) {
                log.warn("cannot re-check " + open.id() + " left open by an earlier run: " + e.getMessage());
                continue;
            }
            journal.outcome(JournalRecord.outcome(run, Instant.now(), open,
                    gone ? JournalOutcome.NOT_FOUND : JournalOutcome.ABANDONED,
                    gone ? "gone when re-checked by a later run" : "still present and no longer planned"));
        }
    }
}
