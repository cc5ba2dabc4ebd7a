package io.acrlifecycle.engine.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.purge.result.PurgeReport;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Write calls per image removed (issue 14), counted by the emulator's request log: 60 old CI images, 40 with one
 * tag and 20 with two, every tag and every image to go. Prints the figure; asserts one DELETE per image.
 */
class WritesPerImageTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    @Test
    void shouldRemoveEachImageAndItsTagsWithOneWrite(@TempDir Path dir) {
        AcrEmulator emu = EMU.emulator();
        StringBuilder seed = new StringBuilder("""
                {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
                 "repositories": [{"name": "app", "manifests": [""");
        for (int i = 0; i < 60; i++) {
            seed.append(i == 0 ? "" : ",").append("{\"id\": \"b").append(i).append("\", \"tags\": [\"build-").append(i)
                    .append('"').append(i < 20 ? ", \"build-" + i + "-rc\"" : "").append("], \"updated\": \"-40d\"}");
        }
        emu.seed(seed.append("]}]}").toString());
        try (AcrRegistry reg = EmulatorRegistries.open(emu)) {
            emu.requestLog().clear();
            PurgeReport r = PurgeService.run(reg, PurgeRequest.builder().filter("app:^build-").ago("30d")
                    .untagged(true).journal(dir.resolve("j.jsonl")).build(), null, EngineLog.SILENT,
                    Clock.fixed(emu.clock().now(), ZoneOffset.UTC));

            long writes = emu.requestLog().entries().stream()
                    .filter(e -> !e.method().equals("GET") && !e.method().equals("HEAD") && e.status() != 401)
                    .filter(e -> !e.path().startsWith("/oauth2/")).count();
            long reads = emu.requestLog().entries().stream()
                    .filter(e -> e.method().equals("GET") && e.status() != 401 && !e.path().startsWith("/oauth2/"))
                    .count();
            int images = r.totals().manifestsDeleted();
            System.out.printf("writes-per-image: images=%d tags=%d writes=%d (%.2f per image) reads=%d (%.2f per"
                    + " image)%n", images, r.totals().tagsUntagged(), writes, (double) writes / images, reads,
                    (double) reads / images);
            assertThat(images).isEqualTo(60);
            assertThat(r.totals().tagsUntagged()).isEqualTo(80);
            assertThat(writes).isEqualTo(60);
        }
    }
}
