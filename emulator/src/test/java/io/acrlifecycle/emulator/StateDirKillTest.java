package io.acrlifecycle.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.emulator.base.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write the emulator acknowledged survives {@code kill -9} of the standalone process: the state dir has it before
 * the answer goes out. A second repository with a few thousand manifests makes a state that takes long to write,
 * so an emulator that answered first and saved afterwards would lose the write acknowledged just before the kill.
 */
class StateDirKillTest {
    private static final String DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";

    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryAcknowledgedPushAfterKillMinus9() throws Exception {
        // given: an emulator on a state dir holding app:v1 and a large second repository
        Path state = dir.resolve("state");
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, seed(3000));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        byte[] manifest;
        try (ChildEmulator first = ChildEmulator.launch(dir, "--state-dir", state.toString(), "--seed", seed.toString())) {
            manifest = first.get("/v2/app/manifests/v1", DOCKER_V2).body();
            // when: one push acknowledged, then SIGKILL at once
            assertThat(push(first, "solo", manifest)).isEqualTo(201);
            acknowledged.add("solo");
            first.kill();
        }
        try (ChildEmulator second = ChildEmulator.launch(dir, "--state-dir", state.toString())) {
            // and: four clients pushing concurrently, SIGKILL after the twelfth acknowledgement, pushes in flight
            CountDownLatch twelve = new CountDownLatch(12);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                Thread t = new Thread(() -> {
                    for (int i = 0; i < 50; i++) {
                        String tag = "c" + client + "-" + i;
                        try {
                            if (push(second, tag, manifest) == 201) {
                                acknowledged.add(tag);
                                twelve.countDown();
                            }
                        } catch (RuntimeException e) {
                            return; // the kill cut this push short: never acknowledged
                        }
                    }
                });
                t.start();
                clients.add(t);
            }
            assertThat(twelve.await(60, TimeUnit.SECONDS)).isTrue();
            second.kill();
            for (Thread t : clients) {
                t.join(30_000);
            }
        }

        // then: a restart on the state dir has every acknowledged tag
        try (ChildEmulator third = ChildEmulator.launch(dir, "--state-dir", state.toString())) {
            HttpResponse<String> tags = third.getText("/acr/v1/app/_tags?n=1000");
            assertThat(tags.statusCode()).isEqualTo(200);
            assertThat(Json.parse(tags.body()).findValuesAsText("name")).containsAll(acknowledged).contains("v1");
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(13);
        }
    }

    private static int push(ChildEmulator emu, String tag, byte[] manifest) {
        return emu.put("/v2/app/manifests/" + tag, DOCKER_V2, manifest).statusCode();
    }

    private static String seed(int bulk) {
        StringBuilder s = new StringBuilder("{\"repositories\":[{\"name\":\"app\",\"manifests\":[{\"id\":\"a\",\"tags\":[\"v1\"]}]},")
                .append("{\"name\":\"bulk\",\"manifests\":[");
        for (int i = 0; i < bulk; i++) {
            s.append(i == 0 ? "" : ",").append("{\"id\":\"m").append(i).append("\",\"tags\":[\"t").append(i).append("\"]}");
        }
        return s.append("]}]}").toString();
    }
}
