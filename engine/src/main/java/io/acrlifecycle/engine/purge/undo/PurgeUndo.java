package io.acrlifecycle.engine.purge.undo;

import io.acrlifecycle.engine.purge.journal.JournalRecord;
import io.acrlifecycle.engine.purge.journal.PurgeJournal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Undo a purge from its journal: every manifest it deleted (with the tags it held) and every tag it removed from a
 * manifest that stayed, restored in a working order: children before the index that lists them, a subject before
 * its referrers. Items whose outcome says they were never removed (LOCKED, ABANDONED) are left out; items whose
 * outcome is missing or FAILED are included (the request may have reached the registry), and the restorer answers
 * ALREADY_LIVE for those that were not deleted.
 */
public final class PurgeUndo {

    private PurgeUndo() {
    }

    public static UndoReport undo(Path journal, UndoRestorer restorer) {
        List<UndoTarget> targets = targets(journal);
        List<UndoItem> items = targets.isEmpty() ? List.of() : restorer.restore(targets);
        return UndoReport.of(journal.toString(), items);
    }

    /** The targets of a journal, ordered for restore. */
    public static List<UndoTarget> targets(Path journal) {
        // two passes over the file, never the whole journal in memory (a 100,000-item purge writes 200,000 records)
        Map<String, String> lastOutcome = new HashMap<>();
        Map<String, Instant> doneAt = new HashMap<>();
        PurgeJournal.forEach(journal, r -> {
            if (JournalRecord.OUTCOME.equals(r.type())) {
                lastOutcome.put(r.id(), r.outcome());
                if ("DELETED".equals(r.outcome()) && r.at() != null) {
                    doneAt.put(r.id(), r.at());
                }
            }
        });
        Map<String, Builder> byKey = new TreeMap<>();
        Set<String> seenIntent = new HashSet<>();
        PurgeJournal.forEach(journal, r -> intent(r, lastOutcome, doneAt, byKey, seenIntent));
        List<UndoTarget> out = new ArrayList<>();
        Set<String> emitted = new HashSet<>();
        for (Builder b : byKey.values()) {
            emit(b, byKey, emitted, out, new HashSet<>());
        }
        return out;
    }

    private static void intent(JournalRecord r, Map<String, String> lastOutcome, Map<String, Instant> doneAt,
            Map<String, Builder> byKey, Set<String> seenIntent) {
        if (!JournalRecord.INTENT.equals(r.type()) || !seenIntent.add(r.id())) {
            return;
        }
        String o = lastOutcome.get(r.id());
        // never removed: locked, abandoned, not sent, or skipped because it changed since the plan (a moved tag
        // must not be "restored" onto its old digest)
        if ("LOCKED".equals(o) || "ABANDONED".equals(o) || "NOT_SENT".equals(o) || "SKIPPED".equals(o)) {
            return;
        }
        Builder b = byKey.computeIfAbsent(r.repository() + "@" + r.digest(), k -> new Builder(r.repository(), r.digest()));
        if ("untag".equals(r.op())) {
            b.tags.add(r.tag());
        } else {
            b.manifestDeleted = true;
            if (r.tags() != null) {
                b.tags.addAll(r.tags());
            }
            b.subject = r.subject();
            if (r.children() != null) {
                b.children.addAll(r.children());
            }
        }
        if ("delete".equals(r.op())) {
            // when it was deleted (the outcome's time; the intent's if the outcome is missing)
            b.at = doneAt.getOrDefault(r.id(), r.at());
        }
    }

    private static void emit(Builder b, Map<String, Builder> all, Set<String> emitted, List<UndoTarget> out,
            Set<String> path) {
        String key = b.repository + "@" + b.digest;
        if (emitted.contains(key) || !path.add(key)) {
            return;
        }
        List<String> deps = new ArrayList<>(b.children);
        if (b.subject != null) {
            deps.add(0, b.subject);
        }
        for (String d : deps) {
            Builder dep = all.get(b.repository + "@" + d);
            if (dep != null) {
                emit(dep, all, emitted, out, path);
            }
        }
        emitted.add(key);
        out.add(new UndoTarget(b.repository, b.digest, new ArrayList<>(b.tags), b.subject, b.children, b.at,
                b.manifestDeleted));
    }

    private static final class Builder {
        final String repository;
        final String digest;
        final Set<String> tags = new LinkedHashSet<>();
        final List<String> children = new ArrayList<>();
        String subject;
        Instant at;
        boolean manifestDeleted;

        Builder(String repository, String digest) {
            this.repository = repository;
            this.digest = digest;
        }
    }
}
