package io.acrlifecycle.engine.purge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PurgeRulesTest {

    static final String EXAMPLE = """
            version: 1
            rules:
              - name: keep-releases
                filter: ["app:^v\\\\d+\\\\.\\\\d+\\\\.\\\\d+$"]
                action: keep
              - name: ci-builds
                filter: ["app:.*", "api/.*:.*"]
                ago: 30d
                keep: 10
                untagged: true
            exclude: ["app:^stable$"]
            protect:
              tags: ["^latest$", "^prod-"]
              images: ["app:1.2.3", "app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"]
              imagesFile: running-images.txt
            """;

    @Test
    void shouldLoadTheDocumentedExample(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("running-images.txt"),
                "myregistry.azurecr.io/app:1.2 docker.io/library/nginx:1.25\nmyregistry.azurecr.io/api/web@sha256:"
                        + "a".repeat(64) + "  redis\n");
        Files.writeString(dir.resolve("purge.yaml"), EXAMPLE);

        PurgeRules rules = PurgeRules.load(dir.resolve("purge.yaml"));

        assertThat(rules.rules()).extracting(PurgeRule::name).containsExactly("keep-releases", "ci-builds");
        assertThat(rules.rules().get(0).action()).isEqualTo(PurgeRule.Action.KEEP);
        PurgeRule ci = rules.rules().get(1);
        assertThat(ci.ago().duration()).isEqualTo(Duration.ofDays(30));
        assertThat(ci.keep()).isEqualTo(10);
        assertThat(ci.untagged()).isTrue();
        assertThat(ci.filters()).extracting(Filter::repoRegex).containsExactly("app", "api/.*");
        assertThat(rules.rules().get(0).filters().get(0).matchesTag("v1.2.3")).isTrue();
        assertThat(rules.exclude()).extracting(Filter::text).containsExactly("app:^stable$");
        assertThat(rules.protectedTags()).extracting(UserPattern::source).containsExactly("^latest$", "^prod-");
        assertThat(rules.protectedImages()).extracting(ProtectedImage::toString).containsExactly(
                "app:1.2.3", "app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "myregistry.azurecr.io/app:1.2", "docker.io/library/nginx:1.25",
                "myregistry.azurecr.io/api/web@sha256:" + "a".repeat(64), "redis:latest");
        assertThat(rules.protectedImages().get(3).appliesTo("myregistry.azurecr.io")).isFalse();
        assertThat(rules.protectedImages().get(2).appliesTo("MyRegistry.azurecr.io")).isTrue();
        assertThat(rules.selectsRepository("api/web")).isTrue();
        assertThat(rules.selectsRepository("other")).isFalse();
    }

    @Test
    void shouldReadJsonToo() {
        PurgeRules rules = PurgeRules.parse("{\"version\":1,\"rules\":[{\"name\":\"r\",\"filter\":\"app:.*\",\"ago\":\"1d\"}]}",
                null, "rules.json");
        assertThat(rules.rules().get(0).filters()).hasSize(1);
    }

    @Test
    void shouldReportEveryProblemWithItsFieldPath() {
        String text = """
                version: 1
                rules:
                  - name: a
                    filter: ["app:.*"]
                    ago: 30d
                  - name: b
                    filter: ["app:v1["]
                    ago: 30x
                    keep: -1
                    untagged: true
                    untaggedOnly: true
                  - name: c
                    filter: []
                    ago: 1d
                  - name: d
                    filter: ["app:.*"]
                    agoo: 1d
                exclude: ["nocolon"]
                protect:
                  tags: ["("]
                """;
        assertThatThrownBy(() -> PurgeRules.parse(text, null, "purge.yaml"))
                .isInstanceOf(RulesException.class)
                .satisfies(e -> assertThat(((RulesException) e).problems()).anySatisfy(
                        p -> assertThat(p).startsWith("rules[1].ago: '30x' is not a duration")))
                .hasMessageStartingWith("purge.yaml: ")
                .hasMessageContaining("rules[1].filter[0]: 'app:v1[' is not a valid regular expression")
                .hasMessageContaining("rules[1].keep: -1 is negative")
                .hasMessageContaining("rules[1]: untagged and untaggedOnly are mutually exclusive")
                .hasMessageContaining("rules[2].filter: at least one")
                .hasMessageContaining("rules[3].agoo: unknown field")
                .hasMessageContaining("rules[3].ago: is required")
                .hasMessageContaining("exclude[0]: 'nocolon' must have exactly one ':'")
                .hasMessageContaining("protect.tags[0]: '(' is not a valid regular expression");
    }

    @Test
    void shouldRefuseEmptyFilesBadVersionsAndKeepOptionsOnKeepRules() {
        assertThatThrownBy(() -> PurgeRules.parse("", null, "x.yaml")).hasMessageContaining("empty");
        assertThatThrownBy(() -> PurgeRules.parse("version: 2\nrules: []", null, "x.yaml"))
                .hasMessageContaining("version: '2' is not supported").hasMessageContaining("rules: a non-empty list");
        assertThatThrownBy(() -> PurgeRules.parse("rules:\n - filter: 'a:b'\n   action: keep\n   ago: 1d", null, "x"))
                .hasMessageContaining("rules[0].ago: not allowed on an 'action: keep' rule");
        assertThatThrownBy(() -> PurgeRules.parse("rules:\n - filter: 'a:b'\n   ago: 1d\n   keep: 2.5", null, "x"))
                .hasMessageContaining("rules[0].keep: '2.5' is not a whole number");
        assertThatThrownBy(() -> PurgeRules.parse("rules:\n - filter: 'a:b'\n   ago: 1d\n   action: nuke", null, "x"))
                .hasMessageContaining("rules[0].action: 'nuke' is not an action");
        assertThatThrownBy(() -> PurgeRules.parse("rules: [\n", null, "x")).hasMessageContaining("not valid YAML/JSON");
        assertThatThrownBy(() -> PurgeRules.parse("rules:\n - {name: a, filter: 'a:b', ago: 1d}\n - {name: a, filter: 'a:c', ago: 1d}", null, "x"))
                .hasMessageContaining("rules[1].name: 'a' is used by an earlier rule");
    }

    @Test
    void shouldReportAMissingImagesFile(@TempDir Path dir) {
        assertThatThrownBy(() -> PurgeRules.parse("rules: [{filter: 'a:b', ago: 1d}]\nprotect: {imagesFile: nope.txt}",
                dir, "x")).hasMessageContaining("protect.imagesFile: '" + dir.resolve("nope.txt") + "' does not exist");
    }

    @Test
    void shouldBuildRulesFromAcrPurgeFlags() {
        PurgeRules r = PurgeRules.fromAcrPurgeArgs(List.of("app:.*", "api|web:^v"), "7d", 3, true, false, true);
        PurgeRule rule = r.rules().get(0);
        assertThat(rule.name()).isEqualTo("acr-purge");
        assertThat(rule.keep()).isEqualTo(3);
        assertThat(rule.untagged()).isTrue();
        assertThat(r.includeLocked()).isTrue();
        assertThat(rule.filters().get(1).anchoring()).isEqualTo(Filter.RepoAnchoring.ACR_PURGE);
        assertThat(r.selectsRepository("webhooks")).isFalse();
        assertThat(r.selectsRepository("apitest")).isTrue(); // ^api|web$ as acr purge builds it

        PurgeRules only = PurgeRules.fromAcrPurgeArgs(List.of(), null, 0, false, true, false);
        assertThat(only.rules().get(0).ago().duration()).isZero();
        assertThat(only.selectsRepository("anything")).isTrue();
    }

    @Test
    void shouldValidateAcrPurgeFlagsLikeAcrPurgeButStricter() {
        assertThatThrownBy(() -> PurgeRules.fromAcrPurgeArgs(List.of("app:.*"), "1d", 0, true, true, false))
                .hasMessageContaining("--untagged and --untagged-only are mutually exclusive");
        assertThatThrownBy(() -> PurgeRules.fromAcrPurgeArgs(List.of(), "1d", 0, false, false, false))
                .hasMessageContaining("--filter is required");
        assertThatThrownBy(() -> PurgeRules.fromAcrPurgeArgs(List.of("app:.*"), null, 0, false, false, false))
                .hasMessageContaining("--ago is required");
        assertThatThrownBy(() -> PurgeRules.fromAcrPurgeArgs(List.of("app:.*"), "30x", -1, false, false, false))
                .hasMessageContaining("--ago: '30x' is not a duration").hasMessageContaining("--keep: -1 is negative");
        assertThatThrownBy(() -> PurgeRules.fromAcrPurgeArgs(List.of(":.*"), "1d", 0, false, false, false))
                .hasMessageContaining("--filter[0]: ':.*' has no repository expression");
        assertThat(PurgeRules.fromAcrPurgeArgs(List.of("app:.*"), "-1d", 0, false, false, false).rules().get(0).ago()
                .duration()).isNegative();
    }

    @Test
    void shouldParseKubectlJsonpathOutput() {
        String out = "myregistry.azurecr.io/app:1.2 myregistry.azurecr.io/app@sha256:" + "b".repeat(64)
                + " docker.io/library/busybox:1.36 nginx";
        List<ProtectedImage> l = ProtectedImage.parseList(out, "pods.txt");
        assertThat(l).extracting(ProtectedImage::registry).containsExactly("myregistry.azurecr.io",
                "myregistry.azurecr.io", "docker.io", null);
        assertThat(l.get(1).digest()).isEqualTo("sha256:" + "b".repeat(64));
        assertThat(l.get(3).tag()).isEqualTo("latest");
        assertThatThrownBy(() -> ProtectedImage.parse("protect.images[0]", "app@sha256:xyz"))
                .hasMessageContaining("protect.images[0]: image reference 'app@sha256:xyz' has an invalid digest");
    }

    @Test
    void shouldAddExtrasWithTheSameValidation() {
        PurgeRules base = PurgeRules.fromAcrPurgeArgs(List.of("app:.*"), "1d", 0, false, false, false);
        PurgeRules more = base.withExtras(List.of("app:^keep"), List.of("^latest$"), List.of("app:v1"), null);
        assertThat(more.exclude()).hasSize(1);
        assertThat(more.protectedImages()).hasSize(1);
        assertThatThrownBy(() -> base.withExtras(List.of("bad"), null, null, null))
                .hasMessageContaining("exclude[0]: 'bad' must have exactly one ':'");
    }
}
