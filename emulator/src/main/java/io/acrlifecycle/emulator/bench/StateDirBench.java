package io.acrlifecycle.emulator.bench;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.EmulatorOptions;
import io.acrlifecycle.emulator.base.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Writes per second with and without a state dir: tag pushes ({@code PUT /v2/app/manifests/<tag>}) over HTTPS, from
 * one client and from several at once, next to a second repository of {@code other} manifests (the state a write
 * must not have to rewrite). A main printing one JSON line per case, not a timed test.
 *
 * <p>{@code java -cp emulator/target/acr-emulator.jar io.acrlifecycle.emulator.bench.StateDirBench [writes] [clients] [other]}
 */
public final class StateDirBench {
    private static final String DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";

    private StateDirBench() {
    }

    /** One case's figures. */
    public record Figures(boolean stateDir, int otherManifests, int clients, int writes, double seconds, double writesPerSecond) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stateDir", stateDir);
            m.put("otherManifests", otherManifests);
            m.put("clients", clients);
            m.put("writes", writes);
            m.put("seconds", seconds);
            m.put("writesPerSecond", writesPerSecond);
            return m;
        }
    }

    public static void main(String[] args) throws Exception {
        int writes = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int other = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        run(false, 0, clients, writes); // warm-up (JIT, TLS): not printed
        for (boolean stateDir : new boolean[] {false, true}) {
            for (int o : new int[] {0, other}) {
                for (int c : new int[] {1, clients}) {
                    System.out.println(Json.MAPPER.writeValueAsString(run(stateDir, o, c, writes).toMap()));
                }
            }
        }
    }

    public static Figures run(boolean stateDir, int otherManifests, int clients, int writes) throws Exception {
        Path dir = stateDir ? Files.createTempDirectory("acr-emulator-bench") : null;
        try (AcrEmulator emu = AcrEmulator.start(EmulatorOptions.defaults().stateDir(dir))) {
            emu.seed(seed(otherManifests));
            HttpClient http = HttpClient.newBuilder().sslContext(emu.sslContext()).build();
            String token = token(http, emu);
            byte[] manifest = http.send(request(emu, "/v2/app/manifests/v1", token).header("Accept", DOCKER_V2).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            for (int i = 0; i < 50; i++) {
                push(http, emu, token, manifest, "warm" + i);
            }
            AtomicInteger next = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            long t0 = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> {
                    for (int i = next.getAndIncrement(); i < writes; i = next.getAndIncrement()) {
                        try {
                            push(http, emu, token, manifest, "w" + i);
                        } catch (Exception e) {
                            failures.add(e);
                            return;
                        }
                    }
                });
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!failures.isEmpty()) {
                throw new IllegalStateException("a write failed", failures.get(0));
            }
            return new Figures(stateDir, otherManifests, clients, writes, Math.round(seconds * 1000) / 1000.0,
                    Math.round(writes / seconds));
        } finally {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static void push(HttpClient http, AcrEmulator emu, String token, byte[] manifest, String tag)
            throws IOException, InterruptedException {
        HttpResponse<Void> r = http.send(request(emu, "/v2/app/manifests/" + tag, token).header("Content-Type", DOCKER_V2)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("push of " + tag + ": HTTP " + r.statusCode());
        }
    }

    private static HttpRequest.Builder request(AcrEmulator emu, String path, String token) {
        return HttpRequest.newBuilder(URI.create(emu.endpoint() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
    }

    private static String seed(int other) {
        StringBuilder b = new StringBuilder("{\"repositories\":[{\"name\":\"app\",\"manifests\":[{\"id\":\"a\",\"tags\":[\"v1\"]}]}");
        if (other > 0) {
            b.append(",{\"name\":\"other\",\"manifests\":[");
            for (int i = 0; i < other; i++) {
                b.append(i == 0 ? "" : ",").append("{\"id\":\"m").append(i).append("\",\"tags\":[\"t").append(i).append("\"]}");
            }
            b.append("]}");
        }
        return b.append("]}").toString();
    }

    private static String token(HttpClient http, AcrEmulator emu) throws IOException, InterruptedException {
        String form = "grant_type=password&service=" + enc(emu.loginServer()) + "&scope=" + enc("repository:app:push,pull")
                + "&username=" + enc(emu.adminUsername()) + "&password=" + enc(emu.adminPassword());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(emu.endpoint() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.parse(r.body()).path("access_token").asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
