package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static Io io(StringWriter err, boolean terminal) {
        return new Io(new PrintWriter(new StringWriter()), new PrintWriter(err), new ByteArrayInputStream(new byte[0]),
                Map.of(), terminal);
    }

    @Test
    void shouldRedrawOneLineOnATerminal() {
        // given
        StringWriter err = new StringWriter();
        Progress progress = new Progress(io(err, true), "purge", () -> 0L);

        // when
        for (int i = 1; i <= 4; i++) {
            progress.update(i, 4);
        }
        progress.finish();

        // then
        assertThat(err.toString()).startsWith("\rpurge [").contains("] 2/4", "\rpurge [" + "#".repeat(30) + "] 4/4")
                .endsWith(System.lineSeparator());
        // String.lines() would split at \r too: count the newlines instead
        assertThat(err.toString().chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    @Test
    void shouldPrintAPlainLinePerTenPercentOtherwise() {
        // given
        StringWriter err = new StringWriter();
        Progress progress = new Progress(io(err, false), "purge", () -> 0L);

        // when
        for (int i = 1; i <= 200; i++) {
            progress.update(i, 200);
        }
        progress.finish();

        // then
        assertThat(err.toString().lines()).hasSize(11).contains("purge: 20/200 (10%)", "purge: 200/200 (100%)")
                .noneMatch(l -> l.contains("\r"));
    }

    @Test
    void shouldShowTheCurrentRateAndTheTimeLeft() {
        // given a purge paced at 8 deletes per second, then at 2 (the quota dropped)
        StringWriter err = new StringWriter();
        long[] now = {0};
        Progress progress = new Progress(io(err, false), "purge", () -> now[0]);

        // when
        for (int i = 1; i <= 1000; i++) {
            now[0] = i <= 500 ? i * 125_000_000L : 62_500_000_000L + (i - 500) * 500_000_000L;
            progress.update(i, 1000);
        }

        // then: the rate over the last 10 s, and what is left at that rate
        assertThat(err.toString().lines()).contains("purge: 100/1000 (10%), 8.0/s, 1m53s left",
                "purge: 600/1000 (60%), 2.0/s, 3m20s left", "purge: 1000/1000 (100%), 2.0/s, 0s left");
        assertThat(Progress.duration(3725)).isEqualTo("1h02m");
    }

    @Test
    void shouldTurnTheRestoreLogIntoUndoProgress() {
        // given the restore service's per-item lines, on a terminal and in CI
        StringWriter tty = new StringWriter();
        StringWriter ci = new StringWriter();
        var onTerminal = ProgressLog.restores(new StderrLog(new PrintWriter(tty, true), false),
                new Progress(io(tty, true), "undo"), 2, true);
        var inCi = ProgressLog.restores(new StderrLog(new PrintWriter(ci, true), false),
                new Progress(io(ci, false), "undo"), 2, false);

        // when
        for (var log : java.util.List.of(onTerminal, inCi)) {
            log.info("restore app@sha256:1 [v1]: RESTORED");
            log.info("listing soft-deleted manifests");
            log.info("restore app@sha256:2 [v2]: RESTORED");
            log.warn("something odd");
        }

        // then: a redrawn bar instead of the item lines on a terminal; item lines plus 10 % lines in CI
        String t = tty.toString();
        assertThat(t).contains("\rundo [", "] 2/2", "listing soft-deleted manifests", "warning: something odd")
                .doesNotContain("restore app@");
        assertThat(ci.toString()).contains("restore app@sha256:1 [v1]: RESTORED", "undo: 1/2 (50%)",
                "restore app@sha256:2 [v2]: RESTORED", "undo: 2/2 (100%)", "warning: something odd");
    }
}
