package io.acrlifecycle.engine.purge.undo;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.engine.purge.journal.JournalRecord;
import io.acrlifecycle.engine.purge.journal.PurgeJournal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PurgeUndoTest {

    static String d(String id) {
        return "sha256:" + (id + "0".repeat(64)).substring(0, 64).replaceAll("[^0-9a-f]", "a");
    }

    static JournalRecord delete(String id, List<String> tags, String subject, List<String> children) {
        return new JournalRecord("intent", "r", Instant.now(), "manifest:app@" + d(id), "delete", "reg", "app", d(id),
                null, tags, null, 10L, "rule", "why", subject == null ? null : d(subject),
                children.stream().map(PurgeUndoTest::d).toList(), null, null);
    }

    static JournalRecord untag(String tag, String id) {
        return new JournalRecord("intent", "r", Instant.now(), "tag:app:" + tag + "@" + d(id), "untag", "reg", "app",
                d(id), tag, null, null, null, "rule", "why", null, null, null, null);
    }

    static JournalRecord outcome(JournalRecord intent, String outcome) {
        return new JournalRecord("outcome", "r", Instant.now(), intent.id(), intent.op(), null, "app", intent.digest(),
                intent.tag(), null, null, null, null, null, null, null, outcome, null);
    }

    @Test
    void shouldOrderChildrenAndSubjectsFirstAndSkipWhatWasNeverRemoved(@TempDir Path dir) {
        Path j = dir.resolve("j.jsonl");
        JournalRecord idx = delete("00", List.of("multi"), null, List.of("c1", "c2"));
        JournalRecord ref = delete("01", List.of(), "ff", List.of("c3"));
        JournalRecord c1 = delete("c1", List.of(), null, List.of());
        JournalRecord c2 = delete("c2", List.of(), null, List.of());
        JournalRecord subject = delete("ff", List.of("v1"), null, List.of());
        JournalRecord t1 = untag("multi", "00");
        JournalRecord t2 = untag("old", "99");
        JournalRecord locked = delete("77", List.of(), null, List.of());
        JournalRecord moved = untag("moved", "88");
        try (PurgeJournal journal = PurgeJournal.open(j)) {
            for (JournalRecord r : List.of(t1, t2, idx, ref, c1, c2, subject, locked, moved)) {
                journal.intent(r);
            }
            for (JournalRecord r : List.of(t1, t2, idx, ref, c1, c2, subject)) {
                journal.outcome(outcome(r, "DELETED"));
            }
            journal.outcome(outcome(locked, "LOCKED"));
            journal.outcome(outcome(moved, "SKIPPED"));
        }

        List<UndoTarget> targets = PurgeUndo.targets(j);

        List<String> order = targets.stream().map(UndoTarget::digest).toList();
        assertThat(order).doesNotContain(d("77"), d("88")).hasSize(6);
        assertThat(order.indexOf(d("c1"))).isLessThan(order.indexOf(d("00")));
        assertThat(order.indexOf(d("c2"))).isLessThan(order.indexOf(d("00")));
        assertThat(order.indexOf(d("ff"))).isLessThan(order.indexOf(d("01")));
        UndoTarget index = targets.get(order.indexOf(d("00")));
        assertThat(index.tags()).containsExactly("multi");
        assertThat(index.manifestDeleted()).isTrue();
        UndoTarget tagOnly = targets.get(order.indexOf(d("99")));
        assertThat(tagOnly.tags()).containsExactly("old");
        assertThat(tagOnly.manifestDeleted()).isFalse();

        UndoReport report = PurgeUndo.undo(j, "reg", ts -> ts.stream().map(t -> new UndoItem(t.repository(), t.digest(),
                t.tags(), t.digest().equals(d("c1")) ? UndoOutcome.EXPIRED : UndoOutcome.RESTORED, t.tags(), null))
                .toList());
        assertThat(report.totals().expired()).isEqualTo(1);
        assertThat(report.totals().restored()).isEqualTo(5);
    }
}
