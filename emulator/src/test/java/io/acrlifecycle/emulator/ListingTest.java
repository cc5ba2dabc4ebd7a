package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /acr/v1 and /v2 listings: order, Link header, empty page past the end, payload shapes. */
class ListingTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private static final String SEED = """
            {"repositories": [{"name": "lib/web", "manifests": [
              {"id": "a1", "tags": ["v1", {"name": "stable", "updated": "-1d", "locks": {"writeEnabled": false}}], "updated": "-30d"},
              {"id": "old", "updated": "-40d"},
              {"id": "a2", "tags": ["v2"], "updated": "-20d", "architecture": "arm64"},
              {"id": "idx", "mediaType": "application/vnd.oci.image.index.v1+json", "children": ["a1", "a2"], "tags": ["multi"], "updated": "-10d"},
              {"id": "sig", "subject": "a1", "artifactType": "application/vnd.cncf.notary.signature"}
            ]}]}""";

    private RawClient raw;
    private String token;

    @BeforeEach
    void setUp() {
        EMU.emulator().seed(SEED);
        raw = new RawClient(EMU.emulator());
        token = raw.token("repository:lib/web:pull,metadata_read", "registry:catalog:*");
    }

    private List<String> names(JsonNode arr, String field) {
        List<String> out = new ArrayList<>();
        arr.forEach(x -> out.add(x.path(field).asText()));
        return out;
    }

    @Test
    void shouldPageTagsByTimeWithAcrLinkHeaderAndAnEmptyPagePastTheEnd() {
        // when
        HttpResponse<String> first = raw.call("GET", "/acr/v1/lib%2Fweb/_tags?n=2&orderby=timedesc", null, token);
        String link = first.headers().firstValue("Link").orElseThrow();
        String next = link.substring(1, link.indexOf('>'));
        HttpResponse<String> second = raw.call("GET", next, null, token);
        HttpResponse<String> past = raw.call("GET", "/acr/v1/lib%2Fweb/_tags?last=zzz&n=2", null, token);
        // then
        assertThat(names(json(first).path("tags"), "name")).containsExactly("stable", "multi");
        assertThat(link).isEqualTo("</acr/v1/lib%2Fweb/_tags?last=multi&n=2&orderby=timedesc>; rel=\"next\"");
        assertThat(names(json(second).path("tags"), "name")).containsExactly("v2", "v1");
        assertThat(second.headers().firstValue("Link")).isEmpty();
        assertThat(past.statusCode()).isEqualTo(200);
        assertThat(json(past).path("tags")).isEmpty();
        JsonNode stable = json(first).path("tags").get(0);
        assertThat(stable.path("changeableAttributes").path("writeEnabled").asBoolean()).isFalse();
        assertThat(stable.path("changeableAttributes").has("listEnabled")).isTrue();
        assertThat(stable.path("signed").isBoolean()).isTrue();
        assertThat(stable.path("lastUpdateTime").asText()).matches(".*\\.\\d{7}Z");
    }

    @Test
    void shouldListASeededManifestWithoutMediaTypeWhenTheSeedSaysNull() {
        // given: ACR lists some manifests without a mediaType (acr purge then keeps them, for safety)
        EMU.emulator().seed("{\"repositories\":[{\"name\":\"lib/web\",\"manifests\":[{\"id\":\"bare\",\"mediaType\":null}]}]}");
        String digest = EMU.emulator().digestOf("lib/web", "bare");

        // when
        JsonNode list = json(raw.call("GET", "/acr/v1/lib%2Fweb/_manifests", null, token)).path("manifests");
        JsonNode single = json(raw.call("GET", "/acr/v1/lib%2Fweb/_manifests/" + digest, null, token)).path("manifest");
        HttpResponse<String> pulled = raw.call("GET", "/v2/lib/web/manifests/" + digest, null, token);

        // then: no mediaType in the listing, a Docker v2 image on /v2
        JsonNode bare = null;
        for (JsonNode m : list) {
            if (m.path("digest").asText().equals(digest)) {
                bare = m;
            } else {
                assertThat(m.has("mediaType")).isTrue();
            }
        }
        assertThat(bare).isNotNull();
        assertThat(bare.has("mediaType")).isFalse();
        assertThat(single.has("mediaType")).isFalse();
        assertThat(pulled.headers().firstValue("Content-Type")).hasValue("application/vnd.docker.distribution.manifest.v2+json");
    }

    @Test
    void shouldSeedAnOciArtifactManifestAsAReferrer() {
        // given
        EMU.emulator().seed("{\"repositories\":[{\"name\":\"lib/web\",\"manifests\":[{\"id\":\"img\",\"tags\":[\"v9\"]},"
                + "{\"id\":\"sbom\",\"subject\":\"img\",\"mediaType\":\"application/vnd.oci.artifact.manifest.v1+json\","
                + "\"artifactType\":\"application/spdx+json\"}]}]}");
        String digest = EMU.emulator().digestOf("lib/web", "sbom");
        String img = EMU.emulator().digestOf("lib/web", "img");

        // when
        JsonNode referrers = json(raw.call("GET", "/v2/lib/web/referrers/" + img + "?artifactType=application%2Fspdx%2Bjson",
                null, token));
        JsonNode body = json(raw.call("GET", "/v2/lib/web/manifests/" + digest, null, token));

        // then
        assertThat(names(referrers.path("manifests"), "digest")).containsExactly(digest);
        assertThat(referrers.at("/manifests/0/mediaType").asText()).isEqualTo("application/vnd.oci.artifact.manifest.v1+json");
        assertThat(body.path("mediaType").asText()).isEqualTo("application/vnd.oci.artifact.manifest.v1+json");
        assertThat(body.has("schemaVersion")).isFalse();
        assertThat(body.path("blobs")).hasSize(1);
        assertThat(body.at("/subject/digest").asText()).isEqualTo(img);
    }

    @Test
    void shouldListManifestsWithMediaTypeAndWithoutTagsWhenUntagged() {
        // when
        JsonNode list = json(raw.call("GET", "/acr/v1/lib%2Fweb/_manifests?orderby=timeasc", null, token)).path("manifests");
        JsonNode index = json(raw.call("GET", "/acr/v1/lib%2Fweb/_manifests/" + EMU.emulator().digestOf("lib/web", "idx").replace(":", "%3A"),
                null, token));
        // then
        assertThat(list).hasSize(5);
        assertThat(list.get(0).path("digest").asText()).isEqualTo(EMU.emulator().digestOf("lib/web", "old"));
        assertThat(list.get(0).has("tags")).isFalse();
        assertThat(list.get(0).path("mediaType").asText()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
        list.forEach(m -> assertThat(m.has("references")).isFalse());
        JsonNode refs = index.path("manifest").path("references");
        assertThat(names(refs, "digest")).containsExactly(EMU.emulator().digestOf("lib/web", "a1"), EMU.emulator().digestOf("lib/web", "a2"));
        assertThat(refs.get(1).path("architecture").asText()).isEqualTo("arm64");
        assertThat(index.path("manifest").has("architecture")).isFalse();
    }

    @Test
    void shouldServeExactManifestBytesCatalogTagsListAndReferrers() {
        // when
        String a1 = EMU.emulator().digestOf("lib/web", "a1");
        HttpResponse<String> manifest = raw.call("GET", "/v2/lib/web/manifests/v1", null, token);
        HttpResponse<String> referrers = raw.call("GET", "/v2/lib/web/referrers/" + a1 + "?artifactType=application%2Fvnd.cncf.notary.signature",
                null, token);
        HttpResponse<String> tags = raw.call("GET", "/v2/lib/web/tags/list?n=3", null, token);
        HttpResponse<String> catalog = raw.call("GET", "/v2/_catalog", null, token);
        // then
        assertThat(manifest.headers().firstValue("Docker-Content-Digest")).hasValue(a1);
        assertThat(io.acrlifecycle.emulator.service.Digests.sha256(manifest.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(a1);
        assertThat(manifest.headers().firstValue("Content-Type")).hasValue("application/vnd.docker.distribution.manifest.v2+json");
        assertThat(referrers.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
        assertThat(json(referrers).path("manifests").get(0).path("digest").asText()).isEqualTo(EMU.emulator().digestOf("lib/web", "sig"));
        assertThat(json(tags).path("tags").toString()).isEqualTo("[\"multi\",\"stable\",\"v1\"]");
        assertThat(tags.headers().firstValue("Link")).hasValue("</v2/lib/web/tags/list?last=v1&n=3&orderby=>; rel=\"next\"");
        assertThat(json(catalog).path("repositories").toString()).isEqualTo("[\"lib/web\"]");
    }
}
