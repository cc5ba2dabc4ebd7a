package io.acrlifecycle.engine.purge.journal;

import io.acrlifecycle.engine.purge.plan.ManifestAction;
import io.acrlifecycle.engine.purge.plan.TagAction;
import java.time.Instant;
import java.util.List;

/**
 * One JSON line of the purge journal (docs/purge.md "Journal"). {@code type} is {@code run} (a run started),
 * {@code intent} (about to send a delete; fsynced before it is sent) or {@code outcome} (what the registry answered).
 * {@code op} is {@code untag} or {@code delete}; {@code id} joins an intent to its outcome and dedupes reruns.
 * {@code outcome} is a {@link JournalOutcome} name. Build records with the factories below: each type fills only
 * its own fields.
 */
public record JournalRecord(String type, String run, Instant at, String id, String op, String registry,
        String repository, String digest, String tag, List<String> tags, String mediaType, Long size, String rule,
        String reason, String subject, List<String> children, String outcome, String detail) {

    public static final String RUN = "run";
    public static final String INTENT = "intent";
    public static final String OUTCOME = "outcome";

    public static final String UNTAG = "untag";
    public static final String DELETE = "delete";

    /** A run started: the registry, the rules' source and what the plan holds. */
    public static JournalRecord run(String run, Instant at, String registry, String rules, String summary) {
        return new JournalRecord(RUN, run, at, null, null, registry, null, null, null, null, null, null, rules,
                summary, null, null, null, null);
    }

    /** About to untag: the tag, the digest it pointed to, and why. */
    public static JournalRecord intent(String run, Instant at, String registry, TagAction t) {
        return new JournalRecord(INTENT, run, at, t.id(), UNTAG, registry, t.repository(), t.digest(), t.tag(), null,
                null, null, t.rule(), t.reason(), null, null, null, null);
    }

    /** About to delete a manifest: everything undo needs (its tags, type, size, subject and children). */
    public static JournalRecord intent(String run, Instant at, String registry, ManifestAction m) {
        return new JournalRecord(INTENT, run, at, m.id(), DELETE, registry, m.repository(), m.digest(), null,
                m.tags(), m.mediaType(), m.size(), m.rule(), m.reason(), m.subjectDigest(), m.childDigests(), null,
                null);
    }

    /** What became of {@code intent}, in run {@code run} (a later run may close an earlier run's intent). */
    public static JournalRecord outcome(String run, Instant at, JournalRecord intent, JournalOutcome outcome,
            String detail) {
        return new JournalRecord(OUTCOME, run, at, intent.id(), intent.op(), null, intent.repository(),
                intent.digest(), intent.tag(), null, null, null, null, null, null, null, outcome.name(), detail);
    }

    /** Outcomes after which the item is gone; a rerun skips it. */
    public static boolean isDone(String outcome) {
        return JournalOutcome.DELETED.name().equals(outcome) || JournalOutcome.NOT_FOUND.name().equals(outcome);
    }
}
