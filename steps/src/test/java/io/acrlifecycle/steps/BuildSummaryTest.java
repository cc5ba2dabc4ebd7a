package io.acrlifecycle.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.steps.BuildSummary.Kind;
import io.acrlifecycle.engine.guard.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class BuildSummaryTest {

    @Test
    void shouldCountDeletionsOnlyWhenNotADryRun() {
        BuildSummary real = BuildSummary.builder(Kind.PURGE, "r.azurecr.io").tagsUntagged(3).manifestsDeleted(2)
                .bytesReclaimed(2048).build();
        BuildSummary dry = BuildSummary.builder(Kind.PURGE, "r.azurecr.io").dryRun(true).tagsUntagged(3)
                .manifestsDeleted(2).build();

        assertThat(real.deletions()).isEqualTo(5);
        assertThat(dry.deletions()).isZero();
        assertThat(dry.tagsUntagged()).isEqualTo(3);
    }

    @Test
    void shouldCountABlockingGuardOnce() {
        BuildSummary block = BuildSummary.builder(Kind.GUARD, "r").verdict(Verdict.BLOCK).message("tag moved").build();
        BuildSummary warn = BuildSummary.builder(Kind.GUARD, "r").verdict(Verdict.WARN).build();

        assertThat(block.guardBlocks()).isEqualTo(1);
        assertThat(warn.guardBlocks()).isZero();
        assertThat(block.messages()).containsExactly("tag moved");
    }

    @Test
    void shouldCapRowsAndCountTheRest() {
        BuildSummary.Builder b = BuildSummary.builder(Kind.PURGE, "r");
        for (int i = 0; i < BuildSummary.MAX_ROWS + 7; i++) {
            b.row("delete", "app", "v" + i, null, "older than 30d");
        }

        BuildSummary s = b.build();

        assertThat(s.rows()).hasSize(BuildSummary.MAX_ROWS);
        assertThat(s.rowsOmitted()).isEqualTo(7);
        assertThat(s.rows().get(0)).hasToString("delete app:v0 (older than 30d)");
    }

    @Test
    void shouldWriteAHeadlinePerKind() {
        BuildSummary purge = BuildSummary.builder(Kind.PURGE, "r").tagsUntagged(1).manifestsDeleted(2)
                .bytesReclaimed(3L * 1024 * 1024 + 512 * 1024).spared(4).locked(5).build();
        BuildSummary guard = BuildSummary.builder(Kind.GUARD, "r").verdict(Verdict.BLOCK).message("tag v1 moved")
                .message("purge task due in 5m").build();

        assertThat(purge.headline()).isEqualTo("1 tags untagged, 2 manifests deleted, 3.5 MiB reclaimed, 4 spared, "
                + "5 locked, 0 errors");
        assertThat(guard.headline()).isEqualTo("guard block: tag v1 moved; purge task due in 5m");
        assertThat(BuildSummary.builder(Kind.RESTORE, "r").dryRun(true).restored(2).build().headline())
                .isEqualTo("dry run: 2 restored, 0 errors");
        assertThat(BuildSummary.builder(Kind.PURGE_UNDO, "r").restored(2).errors(1).build().headline())
                .isEqualTo("undo: 2 restored, 1 errors");
    }

    @Test
    void shouldGivePipelinesPlainValues() {
        BuildSummary guard = BuildSummary.builder(Kind.GUARD, "r").verdict(Verdict.WARN).message("m").build();

        assertThat(guard.asMap()).containsEntry("verdict", "WARN").containsEntry("kind", "GUARD")
                .containsEntry("manifestsDeleted", 0L).containsEntry("messages", java.util.List.of("m"))
                .containsEntry("failure", null);
        assertThat(BuildSummary.builder(Kind.PURGE, "r").failure("acrPurge: REFUSED: soft delete is off").build()
                .asMap()).containsEntry("failure", "acrPurge: REFUSED: soft delete is off");
    }

    @Test
    void shouldRefuseNegativeCountsNamingTheField() {
        assertThatThrownBy(() -> BuildSummary.builder(Kind.PURGE, "r").locked(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("locked: -1 is negative; counts start at 0");
    }

    @Test
    void shouldSurviveJavaSerialisation() throws Exception {
        BuildSummary s = BuildSummary.builder(Kind.RESTORE, "r").restored(2).row("restore", "app", "v1",
                "sha256:" + "a".repeat(64), null).build();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        Object back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = in.readObject();
        }

        assertThat(back).isEqualTo(s);
    }
}
