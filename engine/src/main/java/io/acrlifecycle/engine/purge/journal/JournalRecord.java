package io.acrlifecycle.engine.purge.journal;

import java.time.Instant;
import java.util.List;

/**
 * One JSON line of the purge journal (docs/purge.md "Journal"). {@code type} is {@code run} (a run started),
 * {@code intent} (about to send a delete; fsynced before it is sent) or {@code outcome} (what the registry answered).
 * {@code op} is {@code untag} or {@code delete}; {@code id} joins an intent to its outcome and dedupes reruns.
 */
public record JournalRecord(String type, String run, Instant at, String id, String op, String registry,
        String repository, String digest, String tag, List<String> tags, String mediaType, Long size, String rule,
        String reason, String subject, List<String> children, String outcome, String detail) {

    public static final String RUN = "run";
    public static final String INTENT = "intent";
    public static final String OUTCOME = "outcome";

    /** Outcomes after which the item is gone; a rerun skips it. */
    public static boolean isDone(String outcome) {
        return "DELETED".equals(outcome) || "NOT_FOUND".equals(outcome);
    }
}
