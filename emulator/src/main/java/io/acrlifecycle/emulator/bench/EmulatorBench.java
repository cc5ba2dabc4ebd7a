package io.acrlifecycle.emulator.bench;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Speed figures on this machine: 100,000 tags in one repository listed page by page (n=1000) over HTTPS, and
 * small sequential requests on loopback. A main, not a timed test; {@link #run(int, int)} returns the figures.
 */
public final class EmulatorBench {
    private EmulatorBench() {
    }

    /** What one run measured. */
    public record Figures(int tags, int pages, double seedSeconds, double seconds, double msPerPage, int requests,
            double msPerRequest) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tags", tags);
            m.put("pages", pages);
            m.put("seedSeconds", seedSeconds);
            m.put("seconds", seconds);
            m.put("msPerPage", msPerPage);
            m.put("requests", requests);
            m.put("msPerRequest", msPerRequest);
            return m;
        }
    }

    public static void main(String[] args) throws Exception {
        int tags = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        System.out.println(Json.MAPPER.writeValueAsString(run(tags, requests).toMap()));
    }

    public static Figures run(int tagCount, int requestCount) throws IOException, InterruptedException {
        if (tagCount < 1 || requestCount < 1) {
            throw new IllegalArgumentException("tags and requests must be at least 1");
        }
        try (AcrEmulator emu = AcrEmulator.start(EmulatorOptions.defaults())) {
            long t0 = System.nanoTime();
            emu.seed(seed(tagCount));
            double seedSeconds = (System.nanoTime() - t0) / 1e9;
            HttpClient http = HttpClient.newBuilder().sslContext(emu.sslContext()).build();
            String token = token(http, emu);
            int pages = 0;
            int seen = 0;
            String next = "/acr/v1/bench/_tags?n=1000";
            long t1 = System.nanoTime();
            while (next != null) {
                HttpResponse<String> r = get(http, emu, next, token);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("listing failed: HTTP " + r.statusCode() + " " + r.body());
                }
                seen += Json.parse(r.body()).path("tags").size();
                pages++;
                next = r.headers().firstValue("Link").map(l -> l.substring(l.indexOf('<') + 1, l.indexOf('>'))).orElse(null);
            }
            double seconds = (System.nanoTime() - t1) / 1e9;
            if (seen != tagCount) {
                throw new IllegalStateException("listed " + seen + " tags of " + tagCount);
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < requestCount; i++) {
                HttpResponse<String> r = get(http, emu, "/acr/v1/bench/_tags/t" + (i % tagCount), token);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("request failed: HTTP " + r.statusCode());
                }
            }
            double reqSeconds = (System.nanoTime() - t2) / 1e9;
            return new Figures(tagCount, pages, round(seedSeconds), round(seconds), round(seconds * 1000 / pages), requestCount,
                    round(reqSeconds * 1000 / requestCount));
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String seed(int tags) {
        StringBuilder b = new StringBuilder(tags * 40).append("{\"repositories\":[{\"name\":\"bench\",\"manifests\":[");
        for (int i = 0; i < tags; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"id\":\"m").append(i).append("\",\"tags\":[\"t").append(i).append("\"]}");
        }
        return b.append("]}]}").toString();
    }

    private static String token(HttpClient http, AcrEmulator emu) throws IOException, InterruptedException {
        String form = "grant_type=password&service=" + enc(emu.loginServer()) + "&scope=" + enc("repository:bench:metadata_read")
                + "&username=" + enc(emu.adminUsername()) + "&password=" + enc(emu.adminPassword());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(emu.endpoint() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = Json.parse(r.body());
        return json.path("access_token").asText();
    }

    private static HttpResponse<String> get(HttpClient http, AcrEmulator emu, String path, String token)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(emu.endpoint() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
