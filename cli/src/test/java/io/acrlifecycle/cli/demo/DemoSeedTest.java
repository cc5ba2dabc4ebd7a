package io.acrlifecycle.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.engine.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoSeedTest {

    private static JsonNode seed() throws Exception {
        return Json.mapper().readTree(DemoSeed.generate(42));
    }

    private static JsonNode repo(JsonNode seed, String name) {
        for (JsonNode repo : seed.get("repositories")) {
            if (repo.get("name").asText().equals(name)) {
                return repo;
            }
        }
        throw new AssertionError("no repository " + name);
    }

    @Test
    void shouldBeDeterministicForOneSeed() {
        assertThat(DemoSeed.generate(7)).isEqualTo(DemoSeed.generate(7)).isNotEqualTo(DemoSeed.generate(8));
    }

    @Test
    void shouldDeclareTheNightlyPurgeTaskAndSoftDeleteOff() throws Exception {
        // when
        JsonNode seed = seed();

        // then
        JsonNode task = seed.get("tasks").get(0);
        assertThat(task.get("cmd").asText()).isEqualTo(
                "acr purge --filter 'shop/.*:^build-' --ago 30d --keep 10 --untagged");
        assertThat(task.get("schedule").asText()).isEqualTo("0 1 * * *");
        assertThat(seed.at("/registry/softDelete/enabled").asBoolean()).isFalse();
    }

    @Test
    void shouldHoldNinetyDaysOfBuildsWithOverwrittenTagsAndOneLockedBuild() throws Exception {
        // when
        JsonNode web = repo(seed(), DemoSeed.WEB);

        // then
        List<String> buildTags = new ArrayList<>();
        List<String> locked = new ArrayList<>();
        int untagged = 0;
        for (JsonNode manifest : web.get("manifests")) {
            JsonNode tags = manifest.get("tags");
            if (tags == null && !manifest.has("subject") && !manifest.get("id").asText().contains("1.4.2-")) {
                untagged++;
            }
            if (tags != null) {
                tags.forEach(t -> {
                    String name = t.isTextual() ? t.asText() : t.get("name").asText();
                    if (name.startsWith("build-")) {
                        buildTags.add(name);
                    }
                    if (!t.path("locks").path("writeEnabled").asBoolean(true)) {
                        locked.add(name);
                    }
                });
            }
        }
        assertThat(buildTags).hasSize(45).contains("build-1000", "build-1044", DemoSeed.webBuild(1));
        assertThat(DemoSeed.webBuild(1)).isEqualTo("build-1044");
        assertThat(DemoSeed.webBuildAge(DemoSeed.WEB_BUILDS)).isEqualTo(88);
        assertThat(untagged).isEqualTo(15);
        assertThat(locked).containsExactlyInAnyOrder(DemoSeed.LOCKED_RELEASE, DemoSeed.webBuild(28));
    }

    @Test
    void shouldHoldASignedMultiArchReleaseWithALockedTag() throws Exception {
        // when
        JsonNode web = repo(seed(), DemoSeed.WEB);

        // then
        JsonNode index = null;
        JsonNode signature = null;
        for (JsonNode manifest : web.get("manifests")) {
            if (manifest.get("id").asText().equals("web-1.4.2")) {
                index = manifest;
            }
            if (manifest.has("subject")) {
                signature = manifest;
            }
        }
        assertThat(index).isNotNull();
        assertThat(index.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
        assertThat(index.get("children")).hasSize(2);
        assertThat(index.at("/tags/0/name").asText()).isEqualTo(DemoSeed.LOCKED_RELEASE);
        assertThat(index.at("/tags/0/locks/writeEnabled").asBoolean()).isFalse();
        assertThat(signature).isNotNull();
        assertThat(signature.get("subject").asText()).isEqualTo("web-1.4.2");
    }
}
