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
        Progress progress = new Progress(io(err, true), "purge");

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
        Progress progress = new Progress(io(err, false), "purge");

        // when
        for (int i = 1; i <= 200; i++) {
            progress.update(i, 200);
        }
        progress.finish();

        // then
        assertThat(err.toString().lines()).hasSize(11).contains("purge: 20/200 (10%)", "purge: 200/200 (100%)")
                .noneMatch(l -> l.contains("\r"));
    }
}
