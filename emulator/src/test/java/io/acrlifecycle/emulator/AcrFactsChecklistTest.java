package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.errorCode;
import static io.acrlifecycle.emulator.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The items of acr-facts.md §10 that no other test pins down, each as a client sees it over HTTPS. */
class AcrFactsChecklistTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private static final String SEED = """
            {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
             "repositories": [
              {"name": "lib/web", "manifests": [
                {"id": "a", "tags": ["v1", "v2"], "updated": "-3d"},
                {"id": "b", "tags": ["v3"], "updated": "-2d"},
                {"id": "bare", "updated": "-1d"}]},
              {"name": "other", "manifests": [{"id": "o", "tags": ["latest"]}]}]}""";

    private static final String DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";

    private RawClient raw;
    private String token;

    @BeforeEach
    void setUp() {
        EMU.emulator().seed(SEED);
        raw = new RawClient(EMU.emulator());
        token = raw.token("registry:catalog:*", "registry:deleted_catalog:*",
                "repository:lib/web:pull,push,delete,metadata_read,metadata_write,deleted_read,deleted_restore",
                "repository:other:pull,push,delete,metadata_read,metadata_write,deleted_read,deleted_restore");
    }

    private String digest(String repo, String id) {
        return EMU.emulator().digestOf(repo, id);
    }

    private HttpResponse<String> get(String path) {
        return raw.call("GET", path, null, token);
    }

    private static List<String> values(JsonNode arr, String field) {
        List<String> out = new ArrayList<>();
        arr.forEach(x -> out.add(field == null ? x.asText() : x.path(field).asText()));
        return out;
    }

    @Test
    void shouldWriteLinkHeadersInAcrsExactFormForEveryListing() {
        // when
        HttpResponse<String> manifests = get("/acr/v1/lib%2Fweb/_manifests?n=1");
        HttpResponse<String> catalog = get("/acr/v1/_catalog?n=1");
        HttpResponse<String> v2Catalog = get("/v2/_catalog?n=1");
        HttpResponse<String> lastPage = get("/acr/v1/_catalog?n=1&last=lib%2Fweb");

        // then
        String first = values(json(manifests).path("manifests"), "digest").get(0);
        assertThat(manifests.headers().firstValue("Link")).hasValue(
                "</acr/v1/lib%2Fweb/_manifests?last=" + first.replace(":", "%3A") + "&n=1&orderby=>; rel=\"next\"");
        assertThat(catalog.headers().firstValue("Link")).hasValue("</acr/v1/_catalog?last=lib%2Fweb&n=1&orderby=>; rel=\"next\"");
        assertThat(v2Catalog.headers().firstValue("Link")).hasValue("</v2/_catalog?last=lib%2Fweb&n=1&orderby=>; rel=\"next\"");
        assertThat(values(json(lastPage).path("repositories"), null)).containsExactly("other");
        assertThat(lastPage.headers().firstValue("Link")).isEmpty();
    }

    @Test
    void shouldKeepTheDigestFilterInTheNextLinkOfATagListing() {
        // given: a has v1 and v2, b has v3
        String a = digest("lib/web", "a");

        // when: paged one by one, following Link as the Java SDK does (listTagProperties of one artifact)
        List<String> names = new ArrayList<>();
        String next = "/acr/v1/lib%2Fweb/_tags?digest=" + a.replace(":", "%3A") + "&n=1";
        for (int page = 0; next != null && page < 10; page++) {
            HttpResponse<String> r = get(next);
            assertThat(r.statusCode()).as(next).isEqualTo(200);
            names.addAll(values(json(r).path("tags"), "name"));
            next = r.headers().firstValue("Link").map(l -> l.substring(1, l.indexOf('>'))).orElse(null);
        }

        // then
        assertThat(names).containsExactly("v1", "v2");
        assertThat(get("/acr/v1/lib%2Fweb/_tags?digest=" + a + "&n=1").headers().firstValue("Link")).hasValue(
                "</acr/v1/lib%2Fweb/_tags?last=v1&n=1&orderby=&digest=" + a.replace(":", "%3A") + ">; rel=\"next\"");
    }

    @Test
    void shouldRequireDeletedReadAndDeletedRestoreScopes() {
        // given
        String b = digest("lib/web", "b");
        raw.call("DELETE", "/v2/lib/web/manifests/" + b, null, token);
        String readOnly = raw.token("repository:lib/web:pull,metadata_read,deleted_read");
        String plain = raw.token("repository:lib/web:pull,metadata_read");

        // when
        HttpResponse<String> listWithout = raw.call("GET", "/acr/v1/_deleted/lib%2Fweb/_manifests", null, plain);
        HttpResponse<String> listWith = raw.call("GET", "/acr/v1/_deleted/lib%2Fweb/_manifests", null, readOnly);
        HttpResponse<String> restoreWithout = raw.call("POST", "/acr/v1/_deleted/lib%2Fweb/_manifests/" + b, "{\"tag\":\"v3\"}", readOnly);

        // then
        assertThat(listWithout.statusCode()).isEqualTo(401);
        assertThat(listWithout.headers().firstValue("WWW-Authenticate").orElse("")).contains("scope=\"repository:lib/web:deleted_read\"");
        assertThat(listWith.statusCode()).isEqualTo(200);
        assertThat(restoreWithout.statusCode()).isEqualTo(401);
        assertThat(restoreWithout.headers().firstValue("WWW-Authenticate").orElse(""))
                .contains("scope=\"repository:lib/web:deleted_read,deleted_restore\"");
    }

    @Test
    void shouldAcceptAcrCliStyleSpaceJoinedWildcardScopes() {
        // given: acr-cli asks for "registry:catalog:* repository:*:*" in one scope parameter
        String wide = raw.token("registry:catalog:* repository:*:*");

        // when
        HttpResponse<String> catalog = raw.call("GET", "/acr/v1/_catalog", null, wide);
        HttpResponse<String> untag = raw.call("DELETE", "/acr/v1/other/_tags/latest", null, wide);

        // then
        assertThat(catalog.statusCode()).isEqualTo(200);
        assertThat(untag.statusCode()).isEqualTo(202);
    }

    @Test
    void shouldAnswerAnEmptyPageWithoutLinkPastTheEndOfEveryListing() {
        // when
        List<HttpResponse<String>> past = List.of(get("/acr/v1/lib%2Fweb/_manifests?last=sha256%3A" + "f".repeat(64)),
                get("/acr/v1/_catalog?last=zzz"), get("/v2/_catalog?last=zzz"), get("/v2/lib/web/tags/list?last=zzz"),
                get("/acr/v1/lib%2Fweb/_tags?last=zzz"), get("/acr/v1/_deleted/_catalog?last=zzz"));

        // then
        for (HttpResponse<String> r : past) {
            assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(200);
            assertThat(r.headers().firstValue("Link")).as(r.uri().toString()).isEmpty();
            JsonNode body = json(r);
            JsonNode list = body.has("manifests") ? body.get("manifests") : body.has("tags") ? body.get("tags") : body.get("repositories");
            assertThat(list).as(r.uri() + " " + r.body()).isNotNull().isEmpty();
        }
    }

    @Test
    void shouldOmitTagsOnAManifestOnceItsLastTagIsDeleted() {
        // given
        assertThat(raw.call("DELETE", "/acr/v1/lib%2Fweb/_tags/v3", null, token).statusCode()).isEqualTo(202);

        // when
        JsonNode list = json(get("/acr/v1/lib%2Fweb/_manifests")).path("manifests");
        JsonNode single = json(get("/acr/v1/lib%2Fweb/_manifests/" + digest("lib/web", "b"))).path("manifest");

        // then
        list.forEach(m -> {
            boolean tagged = m.path("digest").asText().equals(digest("lib/web", "a"));
            assertThat(m.has("tags")).as(m.toString()).isEqualTo(tagged);
            assertThat(m.has("references")).isFalse();
        });
        assertThat(single.has("tags")).isFalse();
        assertThat(single.path("mediaType").asText()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
    }

    @Test
    void shouldBlockDeletesWithWriteEnabledFalseOnTagManifestAndRepository() {
        // given
        raw.call("PATCH", "/acr/v1/lib%2Fweb/_tags/v1", "{\"writeEnabled\":false}", token);
        raw.call("PATCH", "/acr/v1/lib%2Fweb/_manifests/" + digest("lib/web", "b"), "{\"writeEnabled\":false}", token);
        raw.call("PATCH", "/acr/v1/other", "{\"writeEnabled\":false}", token);

        // when
        HttpResponse<String> tag = raw.call("DELETE", "/acr/v1/lib%2Fweb/_tags/v1", null, token);
        HttpResponse<String> manifest = raw.call("DELETE", "/v2/lib/web/manifests/" + digest("lib/web", "b"), null, token);
        HttpResponse<String> repo = raw.call("DELETE", "/acr/v1/other", null, token);
        HttpResponse<String> otherTag = raw.call("DELETE", "/acr/v1/lib%2Fweb/_tags/v2", null, token);

        // then
        for (HttpResponse<String> r : List.of(tag, manifest, repo)) {
            assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(405);
            assertThat(errorCode(r)).isEqualTo("REGISTRY_DISALLOWED_OPERATION");
            assertThat(json(r).at("/errors/0/message").asText()).startsWith("The operation is disallowed on this registry");
        }
        assertThat(otherTag.statusCode()).as("the tag lock is per tag").isEqualTo(202);
        assertThat(values(json(get("/acr/v1/lib%2Fweb/_tags")).path("tags"), "name")).containsExactly("v1", "v3");
    }

    @Test
    void shouldSoftDeleteTheTagAForcedRestoreReplaces() {
        // given: v3 (on b) deleted, then v3 pushed again onto a
        String a = digest("lib/web", "a");
        String b = digest("lib/web", "b");
        raw.call("DELETE", "/v2/lib/web/manifests/" + b, null, token);
        byte[] body = raw.call("GET", "/v2/lib/web/manifests/v1", null, token).body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> push = raw.put("/v2/lib/web/manifests/v3", DOCKER_V2, body, token);
        assertThat(push.statusCode()).isEqualTo(201);

        // when
        HttpResponse<String> forced = raw.call("POST", "/acr/v1/_deleted/lib%2Fweb/_manifests/" + b + "?force=True", "{\"tag\":\"v3\"}", token);

        // then
        assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
        assertThat(json(get("/acr/v1/lib%2Fweb/_tags/v3")).at("/tag/digest").asText()).isEqualTo(b);
        JsonNode deletedTags = json(get("/acr/v1/_deleted/lib%2Fweb/_tags")).path("tags");
        List<String> v3Digests = new ArrayList<>();
        deletedTags.forEach(t -> {
            if (t.path("tag").asText().equals("v3")) {
                v3Digests.add(t.path("digest").asText());
            }
        });
        assertThat(v3Digests).as("the replaced v3 (on a) is soft-deleted").contains(a);
        assertThat(values(json(get("/acr/v1/_deleted/lib%2Fweb/_manifests")).path("manifests"), "digest")).doesNotContain(b);
    }

    @Test
    void shouldAutoPurgeWithTheCurrentRetentionDays() {
        // given: deleted now with 7 days; lowering to 2 days makes it due 3 days later, raising again would not revive it
        String b = digest("lib/web", "b");
        raw.call("DELETE", "/v2/lib/web/manifests/" + b, null, token);
        EMU.emulator().clock().advance(Duration.ofDays(3));
        assertThat(values(json(get("/acr/v1/_deleted/lib%2Fweb/_manifests")).path("manifests"), "digest")).containsExactly(b);

        // when: the policy is lowered through ARM (as az acr config soft-delete update --days 2 does)
        HttpResponse<String> patch = arm("PATCH", "?api-version=2025-05-01-preview",
                "{\"properties\":{\"policies\":{\"softDeletePolicy\":{\"status\":\"enabled\",\"retentionDays\":2}}}}");

        // then
        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);
        assertThat(json(get("/acr/v1/_deleted/lib%2Fweb/_manifests")).path("manifests")).isEmpty();
    }

    @Test
    void shouldKeepSoftDeletedItemsLongerWhenRetentionDaysGoUp() {
        // given
        String b = digest("lib/web", "b");
        raw.call("DELETE", "/v2/lib/web/manifests/" + b, null, token);
        arm("PATCH", "?api-version=2025-05-01-preview",
                "{\"properties\":{\"policies\":{\"softDeletePolicy\":{\"status\":\"enabled\",\"retentionDays\":30}}}}");

        // when
        EMU.emulator().clock().advance(Duration.ofDays(10));
        List<String> after10 = values(json(get("/acr/v1/_deleted/lib%2Fweb/_manifests")).path("manifests"), "digest");
        EMU.emulator().clock().advance(Duration.ofDays(21));
        List<String> after31 = values(json(get("/acr/v1/_deleted/lib%2Fweb/_manifests")).path("manifests"), "digest");

        // then
        assertThat(after10).containsExactly(b);
        assertThat(after31).isEmpty();
    }

    @Test
    void shouldRestoreASoftDeletedRepositoryWhenPushedTo() {
        // given
        byte[] body = raw.call("GET", "/v2/other/manifests/latest", null, token).body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(raw.call("DELETE", "/acr/v1/other", null, token).statusCode()).isEqualTo(202);
        assertThat(values(json(get("/acr/v1/_catalog")).path("repositories"), null)).containsExactly("lib/web");
        assertThat(values(json(get("/acr/v1/_deleted/_catalog")).path("repositories"), "repository")).contains("other");

        // when: a new manifest (the deleted digest itself would be refused) is pushed to the deleted repository
        String fresh = new String(body, java.nio.charset.StandardCharsets.UTF_8).replaceFirst("\\{", "{\"annotations\":{\"n\":\"1\"},");
        HttpResponse<String> push = raw.put("/v2/other/manifests/again", DOCKER_V2, fresh.getBytes(java.nio.charset.StandardCharsets.UTF_8), token);
        HttpResponse<String> sameDigest = raw.put("/v2/other/manifests/latest", DOCKER_V2, body, token);

        // then
        assertThat(push.statusCode()).as(push.body()).isEqualTo(201);
        assertThat(values(json(get("/acr/v1/_catalog")).path("repositories"), null)).containsExactly("lib/web", "other");
        assertThat(values(json(get("/acr/v1/other/_tags")).path("tags"), "name")).containsExactly("again");
        assertThat(values(json(get("/acr/v1/_deleted/other/_manifests")).path("manifests"), "digest")).containsExactly(digest("other", "o"));
        assertThat(sameDigest.statusCode()).isEqualTo(403);
        assertThat(errorCode(sameDigest)).isEqualTo("DENIED");
    }

    @Test
    void shouldAnswer501NamingWhatIsNotEmulated() {
        // when
        List<HttpResponse<String>> unsupported = List.of(
                get("/acr/v1/lib%2Fweb/_tags/v1/extra"),
                get("/acr/v1/_tags"),
                raw.call("POST", "/acr/v1/lib%2Fweb/_tags", "{}", token),
                raw.call("DELETE", "/v2/lib/web/blobs/uploads/", null, token),
                raw.call("GET", "/oauth2/authorize", null, null),
                form("/oauth2/exchange", "grant_type=refresh_token&service=x&refresh_token=y&access_token=z"),
                form("/oauth2/exchange", "grant_type=access_token_refresh_token&service=x&refresh_token=y&access_token=z"));

        // then
        for (HttpResponse<String> r : unsupported) {
            assertThat(r.statusCode()).as(r.request().method() + " " + r.uri() + " " + r.body()).isEqualTo(501);
            assertThat(errorCode(r)).isEqualTo("UNSUPPORTED");
            assertThat(json(r).at("/errors/0/message").asText()).contains("not emulated");
        }
    }

    @Test
    void shouldRefuseAGrantTypeAcrDoesNotKnowWith400() {
        // when
        HttpResponse<String> r = form("/oauth2/token", "grant_type=client_credentials&service=x&scope=registry:catalog:*");

        // then
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).at("/errors/0/message").asText()).contains("accepted: refresh_token, password");
    }

    @Test
    void shouldCancelAnUploadSession() {
        // given
        HttpResponse<String> start = raw.call("POST", "/v2/lib/web/blobs/uploads/", null, token);
        String location = start.headers().firstValue("Location").orElseThrow();

        // when
        HttpResponse<String> cancel = raw.call("DELETE", location, null, token);
        HttpResponse<String> status = raw.call("GET", location, null, token);

        // then
        assertThat(start.statusCode()).isEqualTo(202);
        assertThat(cancel.statusCode()).isEqualTo(204);
        assertThat(status.statusCode()).isEqualTo(404);
        assertThat(errorCode(status)).isEqualTo("BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void shouldServeReplicationsAndZoneRedundancyConsistentWithTheRegistryResource() {
        // given
        EMU.emulator().registry().setSku("Premium");

        // when
        HttpResponse<String> single = arm("GET", "/replications?api-version=2023-01-01-preview", null);
        String homeZones = json(arm("GET", "?api-version=2023-01-01-preview", null)).at("/properties/zoneRedundancy").asText();
        EMU.emulator().registry().setGeoReplicated(true);
        EMU.emulator().registry().setZoneRedundant(true);
        HttpResponse<String> geo = arm("GET", "/replications?api-version=2023-01-01-preview", null);
        JsonNode registry = json(arm("GET", "?api-version=2023-01-01-preview", null));

        // then
        assertThat(single.statusCode()).isEqualTo(200);
        assertThat(values(json(single).path("value"), "location")).containsExactly(registry.path("location").asText());
        assertThat(homeZones).isEqualTo("Disabled");
        assertThat(EMU.emulator().registry().geoReplicated()).isTrue();
        assertThat(json(geo).path("value").size()).isGreaterThan(1);
        assertThat(values(json(geo).path("value"), "location")).first().isEqualTo(registry.path("location").asText());
        assertThat(registry.at("/properties/zoneRedundancy").asText()).isEqualTo("Enabled");
        json(geo).path("value").forEach(r -> assertThat(r.at("/properties/zoneRedundancy").asText()).isEqualTo("Enabled"));
    }

    private HttpResponse<String> form(String path, String body) {
        return raw.send(HttpRequest.newBuilder(raw.uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> arm(String method, String suffix, String body) {
        return raw.arm(method, suffix, body);
    }
}
