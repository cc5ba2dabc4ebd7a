package io.acrlifecycle.engine.purge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.engine.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The bench's stand-in for {@code acr purge --filter 'REPO:.*' --ago 0d --untagged}: lists the tags, deletes each
 * one with a fixed pool of workers (the number of CPUs: acr-cli's purger sizes its pool with GOMAXPROCS), then
 * lists the manifests and deletes every untagged one the same way. Each request is retried the way acr-cli's
 * go-autorest sender does ({@code DoRetryForStatusCodes}): on 408, 429, 500, 502, 503 and 504 it waits what
 * {@code Retry-After} says (whole seconds), else 30 s doubling per attempt; a 429 does not count against the 3
 * retries, so a throttled request is retried until it goes through. Plain HTTP with Basic credentials, as acr-cli
 * with a username and password; no pacing of any kind.
 */
public final class AcrPurgeLikeClient {
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final int RETRIES = 3;
    private static final Duration BACKOFF = Duration.ofSeconds(30);

    private final URI endpoint;
    private final HttpClient http;
    private final String authorization;
    private final int workers;
    private final AtomicLong writeCalls = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();

    /** What one run cost, as the client saw it. */
    public record Result(long tagsDeleted, long manifestsDeleted, long writeCalls, long throttled, double seconds) {
    }

    public AcrPurgeLikeClient(URI endpoint, SSLContext ssl, String username, String password, int workers) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
        this.authorization = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.workers = Math.max(1, workers);
    }

    /** Purges every tag of {@code repository}, then every untagged manifest. */
    public Result purge(String repository) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        List<String> tags = new ArrayList<>();
        for (JsonNode t : list("/acr/v1/" + repository + "/_tags?n=100&orderby=timedesc", "tags")) {
            tags.add(t.path("name").asText());
        }
        long tagsDeleted = deleteAll(tags, t -> "/acr/v1/" + repository + "/_tags/" + enc(t));
        List<String> untagged = new ArrayList<>();
        for (JsonNode m : list("/acr/v1/" + repository + "/_manifests?n=100&orderby=timedesc", "manifests")) {
            if (!m.has("tags") || m.get("tags").isEmpty()) {
                untagged.add(m.path("digest").asText());
            }
        }
        long manifestsDeleted = deleteAll(untagged, d -> "/v2/" + repository + "/manifests/" + d);
        return new Result(tagsDeleted, manifestsDeleted, writeCalls.get(), throttled.get(),
                (System.nanoTime() - t0) / 1e9);
    }

    private long deleteAll(List<String> items, java.util.function.Function<String, String> path)
            throws InterruptedException, IOException {
        long before = deleted.get();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String item : items) {
                futures.add(pool.submit(() -> {
                    HttpResponse<String> r = send("DELETE", path.apply(item));
                    if (r.statusCode() == 202 || r.statusCode() == 200 || r.statusCode() == 404) {
                        deleted.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("delete failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return deleted.get() - before;
    }

    private List<JsonNode> list(String first, String field) throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        String next = first;
        while (next != null) {
            HttpResponse<String> r = send("GET", next);
            if (r.statusCode() != 200) {
                throw new IOException("GET " + next + ": HTTP " + r.statusCode());
            }
            Json.mapper().readTree(r.body()).path(field).forEach(out::add);
            Matcher m = NEXT.matcher(r.headers().firstValue("Link").orElse(""));
            next = m.find() ? m.group(1) : null;
        }
        return out;
    }

    /** One request with go-autorest's retries. */
    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(endpoint + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).method(method, HttpRequest.BodyPublishers.noBody()).build();
        for (int attempt = 0;;) {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (!"GET".equals(method)) {
                writeCalls.incrementAndGet();
            }
            int s = r.statusCode();
            boolean retriable = s == 408 || s == 429 || s == 500 || s == 502 || s == 503 || s == 504;
            if (!retriable || attempt >= RETRIES) {
                return r;
            }
            if (s == 429) {
                throttled.incrementAndGet();
            }
            long ra = r.headers().firstValue("Retry-After").map(AcrPurgeLikeClient::seconds).orElse(0L);
            Thread.sleep(ra > 0 ? ra * 1000 : BACKOFF.toMillis() << Math.min(attempt, 10));
            if (s != 429) {
                attempt++; // go-autorest does not count a 429 against the attempts
            }
        }
    }

    private static long seconds(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
