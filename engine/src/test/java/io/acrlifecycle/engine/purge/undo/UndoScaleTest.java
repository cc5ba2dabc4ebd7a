package io.acrlifecycle.engine.purge.undo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100,000-manifest journal is undone in a child JVM limited to 256 MB of heap (issue 10, finding 4: it ran out of
 * memory, and 60,000 items took 38 s of CPU before the first request). The child prints its figures (plan time, time
 * to the first restore call, peak heap); this test asserts only that it completed and restored every manifest:
 * times are figures to read, not pass/fail thresholds on a shared machine.
 */
class UndoScaleTest {
    static final long MANIFESTS = 100_000;

    @Test
    void shouldUndoAHundredThousandManifestJournalIn256Megabytes(@TempDir Path dir) throws Exception {
        // given
        Path journal = dir.resolve("big.jsonl");
        UndoScaleBench.writeJournal(journal, MANIFESTS);

        // when
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(javaBin, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), UndoScaleBench.class.getName(), journal.toString(),
                String.valueOf(MANIFESTS))).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        boolean finished = child.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            child.destroyForcibly();
        }
        String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        System.out.println(out.trim());

        // then
        assertThat(finished).as("child finished").isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).contains("manifests=" + MANIFESTS, "restored=" + MANIFESTS, "maxHeapMB=")
                .doesNotContain("OutOfMemoryError");
        assertThat(new File(journal.toString())).exists();
    }
}
