package io.acrlifecycle.engine.purge.undo;

import io.acrlifecycle.engine.purge.journal.JournalReader;
import io.acrlifecycle.engine.purge.journal.JournalRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Undo a purge from its journal: every manifest it deleted (with the tags it held) and every tag it removed from a
 * manifest that stayed, restored in a working order: children before the index that lists them, a subject before
 * its referrers. Items whose outcome says they were never removed (LOCKED, ABANDONED) are left out; items whose
 * outcome is missing or FAILED are included (the request may have reached the registry), and the restorer answers
 * ALREADY_LIVE for those that were not deleted.
 *
 * <p>The journal is streamed (one small entry per journaled item is kept, never the records) and ordered in linear
 * time, so a journal of 100,000 deletes plans in a small heap. A file that is not a journal is refused
 * ({@link io.acrlifecycle.engine.purge.journal.JournalException}), and so is a journal recorded for another registry
 * ({@link JournalRegistryMismatchException}), before the restorer is called.
 */
public final class PurgeUndo {

    private PurgeUndo() {
    }

    /** What a journal asks to restore: the registries its records name and the targets in restore order. */
    public record Plan(Path journal, List<String> registries, List<UndoTarget> targets) {

        public Plan {
            registries = List.copyOf(registries);
            targets = List.copyOf(targets);
        }

        /** This plan, when the journal was recorded for {@code loginServer} alone; else a refusal naming both. */
        public Plan checkRegistry(String loginServer) {
            if (registries.size() != 1 || !registries.get(0).equalsIgnoreCase(loginServer)) {
                throw new JournalRegistryMismatchException(journal, registries, loginServer);
            }
            return this;
        }
    }

    /** Reads, checks and orders a journal for {@code registry}, then restores it. */
    public static UndoReport undo(Path journal, String registry, UndoRestorer restorer) {
        return undo(plan(journal).checkRegistry(registry), restorer);
    }

    /** Restores a plan already read and checked ({@link Plan#checkRegistry}). */
    public static UndoReport undo(Plan plan, UndoRestorer restorer) {
        List<UndoItem> items = plan.targets().isEmpty() ? List.of() : restorer.restore(plan.targets());
        return UndoReport.of(plan.journal().toString(), items);
    }

    /** The targets of a journal, ordered for restore (no registry check: for inspection and tests). */
    public static List<UndoTarget> targets(Path journal) {
        return plan(journal).targets();
    }

    /** Streams a journal once: the registries it names, and its targets in restore order. */
    public static Plan plan(Path journal) {
        Map<String, Entry> byId = new HashMap<>();
        Map<String, String> interned = new HashMap<>();
        Set<String> registries = new TreeSet<>();
        JournalReader.forEach(journal, r -> {
            if (r.registry() != null && !JournalRecord.OUTCOME.equals(r.type())) {
                registries.add(r.registry().toLowerCase(Locale.ROOT));
            }
            if (r.id() == null) {
                return;
            }
            if (JournalRecord.INTENT.equals(r.type())) {
                Entry e = byId.computeIfAbsent(r.id(), k -> new Entry());
                if (e.op == null) {
                    e.fill(r, interned);
                }
            } else if (JournalRecord.OUTCOME.equals(r.type())) {
                Entry e = byId.computeIfAbsent(r.id(), k -> new Entry());
                e.outcome = r.outcome();
                if ("DELETED".equals(r.outcome()) && r.at() != null) {
                    e.doneAt = r.at();
                }
            }
        });
        Map<String, Builder> byKey = new TreeMap<>();
        for (Entry e : byId.values()) {
            // never removed: locked, abandoned, not sent, or skipped because it changed since the plan (a moved tag
            // must not be "restored" onto its old digest); no intent: nothing was sent for it
            if (e.op == null || "LOCKED".equals(e.outcome) || "ABANDONED".equals(e.outcome)
                    || "NOT_SENT".equals(e.outcome) || "SKIPPED".equals(e.outcome)) {
                continue;
            }
            Builder b = byKey.computeIfAbsent(key(e.repository, e.digest), k -> new Builder(e.repository, e.digest));
            if ("untag".equals(e.op)) {
                b.tags.add(e.tag);
            } else {
                b.manifestDeleted = true;
                if (e.tags != null) {
                    b.tags.addAll(e.tags);
                }
                b.subject = e.subject;
                if (e.children != null) {
                    b.children.addAll(e.children);
                }
            }
            if ("delete".equals(e.op)) {
                // when it was deleted (the outcome's time; the intent's if the outcome is missing)
                b.at = e.doneAt != null ? e.doneAt : e.intentAt;
            }
        }
        byId.clear();
        return new Plan(journal, new ArrayList<>(registries), order(byKey));
    }

    /**
     * Kahn's algorithm over the builders (linear in targets and relations): what a manifest depends on (its
     * subject, its children) comes first; independent items keep key order; a cycle keeps key order too.
     */
    private static List<UndoTarget> order(Map<String, Builder> byKey) {
        Map<String, Integer> indegree = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (Map.Entry<String, Builder> e : byKey.entrySet()) {
            Builder b = e.getValue();
            int n = 0;
            for (String dep : b.dependencies()) {
                String depKey = key(b.repository, dep);
                if (!depKey.equals(e.getKey()) && byKey.containsKey(depKey)) {
                    dependents.computeIfAbsent(depKey, k -> new ArrayList<>()).add(e.getKey());
                    n++;
                }
            }
            indegree.put(e.getKey(), n);
        }
        ArrayDeque<String> ready = new ArrayDeque<>();
        byKey.keySet().stream().filter(k -> indegree.get(k) == 0).forEach(ready::add);
        List<UndoTarget> out = new ArrayList<>(byKey.size());
        Set<String> emitted = new java.util.HashSet<>();
        while (!ready.isEmpty()) {
            String k = ready.poll();
            emitted.add(k);
            out.add(byKey.get(k).target());
            for (String d : dependents.getOrDefault(k, List.of())) {
                if (indegree.merge(d, -1, Integer::sum) == 0) {
                    ready.add(d);
                }
            }
        }
        if (out.size() < byKey.size()) {
            byKey.forEach((k, b) -> {
                if (!emitted.contains(k)) {
                    out.add(b.target());
                }
            });
        }
        return out;
    }

    private static String key(String repository, String digest) {
        return repository + "@" + digest;
    }

    /** What one journaled item contributes: the first intent's fields and the last outcome. */
    private static final class Entry {
        String op;
        String repository;
        String digest;
        String tag;
        List<String> tags;
        String subject;
        List<String> children;
        Instant intentAt;
        String outcome;
        Instant doneAt;

        void fill(JournalRecord r, Map<String, String> interned) {
            op = r.op();
            repository = r.repository() == null ? null : interned.computeIfAbsent(r.repository(), x -> x);
            digest = r.digest();
            tag = r.tag();
            tags = r.tags() == null || r.tags().isEmpty() ? null : r.tags();
            subject = r.subject();
            children = r.children() == null || r.children().isEmpty() ? null : r.children();
            intentAt = r.at();
        }
    }

    private static final class Builder {
        final String repository;
        final String digest;
        final Set<String> tags = new LinkedHashSet<>();
        final List<String> children = new ArrayList<>(0);
        String subject;
        Instant at;
        boolean manifestDeleted;

        Builder(String repository, String digest) {
            this.repository = repository;
            this.digest = digest;
        }

        List<String> dependencies() {
            if (subject == null) {
                return children;
            }
            List<String> deps = new ArrayList<>(children.size() + 1);
            deps.add(subject);
            deps.addAll(children);
            return deps;
        }

        UndoTarget target() {
            return new UndoTarget(repository, digest, new ArrayList<>(tags), subject, children, at, manifestDeleted);
        }
    }
}
