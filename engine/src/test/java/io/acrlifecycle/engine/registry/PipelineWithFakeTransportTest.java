package io.acrlifecycle.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Paging and retry rules that the emulator cannot provoke (a server that keeps sending Link on an empty page, a
 * Link to another host, delay headers beyond the cap), on the real azure-core pipeline with a scripted transport.
 */
class PipelineWithFakeTransportTest {

    /** A transport that answers from a script and records what was asked. */
    static final class Script implements HttpClient {
        final Deque<HttpResponseSpec> answers = new ArrayDeque<>();
        final List<String> requests = new ArrayList<>();

        record HttpResponseSpec(int status, String body, HttpHeaders headers) {
        }

        Script answer(int status, String body, String... headers) {
            HttpHeaders h = new HttpHeaders();
            for (int i = 0; i < headers.length; i += 2) {
                h.set(HttpHeaderName.fromString(headers[i]), headers[i + 1]);
            }
            answers.add(new HttpResponseSpec(status, body, h));
            return this;
        }

        @Override
        public Mono<HttpResponse> send(HttpRequest request) {
            return Mono.fromCallable(() -> sendSync(request, com.azure.core.util.Context.NONE));
        }

        @Override
        public HttpResponse sendSync(HttpRequest request, com.azure.core.util.Context context) {
            requests.add(request.getHttpMethod() + " " + request.getUrl());
            HttpResponseSpec spec = answers.isEmpty() ? new HttpResponseSpec(500, "{}", new HttpHeaders())
                    : answers.poll();
            return new Canned(request, spec);
        }
    }

    static final class Canned extends HttpResponse {
        private final Script.HttpResponseSpec spec;

        Canned(HttpRequest request, Script.HttpResponseSpec spec) {
            super(request);
            this.spec = spec;
        }

        @Override
        public int getStatusCode() {
            return spec.status();
        }

        @Override
        @SuppressWarnings("deprecation")
        public String getHeaderValue(String name) {
            return spec.headers().getValue(HttpHeaderName.fromString(name));
        }

        @Override
        public HttpHeaders getHeaders() {
            return spec.headers();
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.just(ByteBuffer.wrap(spec.body().getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public BinaryData getBodyAsBinaryData() {
            return BinaryData.fromString(spec.body());
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(spec.body().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.just(spec.body());
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just(spec.body());
        }
    }

    private static Rest createRest(Script script, RetrySettings retry) {
        return new Rest(new HttpPipelineBuilder().httpClient(script)
                .policies(new AcrRetryPolicy(retry, null)).build(), "https://r.azurecr.io", "r.azurecr.io");
    }

    private static final RetrySettings FAST = new RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(200));

    @Test
    void shouldStopOnAnEmptyPageEvenWhenTheServerStillSendsALink() {
        Script script = new Script()
                .answer(200, "{\"tags\":[{\"name\":\"a\"}]}", "Link", "</acr/v1/x/_tags?last=a&n=1>; rel=\"next\"")
                .answer(200, "{\"tags\":[]}", "Link", "</acr/v1/x/_tags?last=a&n=1>; rel=\"next\"");
        List<String> names = new ArrayList<>();

        createRest(script, FAST).paged("/acr/v1/x/_tags?n=1", "tags", Operation.read("list tags", "x"),
                t -> t.path("name").asText()).forEach(names::add);

        assertThat(names).containsExactly("a");
        assertThat(script.requests).containsExactly("GET https://r.azurecr.io/acr/v1/x/_tags?n=1",
                "GET https://r.azurecr.io/acr/v1/x/_tags?last=a&n=1");
    }

    @Test
    void shouldNeverFollowALinkToAnotherHost() {
        Script script = new Script()
                .answer(200, "{\"repositories\":[\"a\"]}", "Link",
                        "<https://evil.example/v2/_catalog?last=a&n=1>; rel=\"next\"")
                .answer(200, "{\"repositories\":[\"b\"]}");
        List<String> names = new ArrayList<>();

        createRest(script, FAST).paged("/v2/_catalog?n=1", "repositories", Operation.read("catalog", null),
                r -> r.asText()).forEach(names::add);

        assertThat(names).containsExactly("a", "b");
        assertThat(script.requests).allSatisfy(r -> assertThat(r).contains("https://r.azurecr.io/"));
    }

    @Test
    void shouldBeLazyAndFetchNothingBeforeIteration() {
        Script script = new Script();

        createRest(script, FAST).paged("/acr/v1/x/_tags", "tags", Operation.read("list tags", "x"), t -> t);

        assertThat(script.requests).isEmpty();
    }

    @Test
    void shouldHonourXMsRetryAfterMsAndClampRetryAfterToTheMaximum() {
        Script script = new Script()
                .answer(429, "{}", "x-ms-retry-after-ms", "120")
                .answer(503, "{}", "Retry-After", "3600")
                .answer(200, "{\"ok\":true}");
        long start = System.nanoTime();

        Rest.Answer a = createRest(script, FAST).get("/x", Operation.read("x", null), Set.of(200));

        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(a.status()).isEqualTo(200);
        assertThat(ms).isBetween(120L + 200L, 3000L); // 120 ms asked + 3600 s clamped to 200 ms
        assertThat(script.requests).hasSize(3);
    }

    @Test
    void shouldNotRetry501AndHandBackARetriedDelete404AsGone() {
        Script notImplemented = new Script().answer(501, "{\"errors\":[{\"code\":\"UNSUPPORTED\"}]}");
        Script delete = new Script().answer(503, "{}").answer(404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}");

        Rest.Answer gone = createRest(delete, FAST).send(com.azure.core.http.HttpMethod.DELETE, "/v2/x/manifests/d",
                null, null, null, Operation.read("delete", "x"), Set.of(202, 404));

        assertThat(gone.status()).isEqualTo(404);
        assertThat(delete.requests).hasSize(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> createRest(notImplemented, FAST).get("/x",
                Operation.read("x", null), Set.of(200))).isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("UNSUPPORTED");
        assertThat(notImplemented.requests).hasSize(1);
    }

    @Test
    void shouldEncodeRepositoryNamesLikeTheSdkAndSendPageSizeAndOrder() {
        Script script = new Script()
                .answer(200, "{\"tags\":[{\"name\":\"v1\",\"digest\":\"sha256:1\"}]}")
                .answer(200, "{\"manifests\":[{\"digest\":\"sha256:1\",\"mediaType\":\"m\"}]}");
        try (AcrRegistry registry = Registries.open(RegistryConfig.builder().loginServer("r.azurecr.io")
                .usernamePassword("u", "p".toCharArray()).httpClient(script).pageSize(7).build())) {
            registry.tags("team/app", true).forEach(t -> { });
            registry.manifests("team/app").forEach(m -> assertThat(m.mediaType()).isEqualTo("m"));
        }

        assertThat(script.requests).containsExactly(
                "GET https://r.azurecr.io/acr/v1/team%2Fapp/_tags?n=7&orderby=timedesc",
                "GET https://r.azurecr.io/acr/v1/team%2Fapp/_manifests?n=7");
    }

    private static final String RID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/"
            + "registries/r";

    private static String registryJson(String state, String softDelete) {
        return "{\"sku\":{\"name\":\"Basic\"},\"location\":\"westeurope\",\"properties\":{\"provisioningState\":\""
                + state + "\",\"policies\":{\"softDeletePolicy\":{\"status\":\"" + softDelete
                + "\",\"retentionDays\":7}}}}";
    }

    @Test
    void shouldWaitForALongRunningPatchBeforeReadingBack() {
        Script script = new Script()
                .answer(202, "")
                .answer(200, registryJson("Succeeded", "enabled"))
                .answer(200, registryJson("Succeeded", "enabled"));

        io.acrlifecycle.engine.model.RegistryPolicies after = new ArmClient(createRest(script, FAST), RID)
                .update(new io.acrlifecycle.engine.model.PolicyChange(true, 7, null, null));

        assertThat(after.softDeleteEnabled()).isTrue();
        assertThat(script.requests).hasSize(3);
        assertThat(script.requests.get(0)).startsWith("PATCH ").endsWith("?api-version=2023-01-01-preview");
    }

    @Test
    void shouldReportAFailedProvisioning() {
        Script script = new Script().answer(202, "").answer(200, registryJson("Failed", "disabled"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ArmClient(createRest(script, FAST), RID)
                .update(new io.acrlifecycle.engine.model.PolicyChange(true, 7, null, null)))
                .isInstanceOf(RegistryException.class).hasMessageContaining("provisioningState Failed");
    }
}
