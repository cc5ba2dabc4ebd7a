package io.acrlifecycle.engine.purge.plan;

import static io.acrlifecycle.engine.purge.plan.Fixture.deleted;
import static io.acrlifecycle.engine.purge.plan.Fixture.digest;
import static io.acrlifecycle.engine.purge.plan.Fixture.reasonFor;
import static io.acrlifecycle.engine.purge.plan.Fixture.untagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.engine.json.Json;
import io.acrlifecycle.engine.model.MediaTypes;
import io.acrlifecycle.engine.purge.rules.PurgeRules;
import io.acrlifecycle.engine.purge.rules.RegexTooSlowException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What we add to acr purge: rule lists, exclusions, protections, determinism. */
class PlannerExtensionsTest {
    static final String V2 = MediaTypes.DOCKER_MANIFEST;
    static final Duration OLD = Duration.ofDays(60);

    static PurgeRules rules(String yaml) {
        return PurgeRules.parse(yaml, null, "test.yaml");
    }

    static final String POLICY = """
            rules:
              - name: keep-releases
                filter: ["app:^v\\\\d+\\\\.\\\\d+\\\\.\\\\d+$"]
                action: keep
              - name: ci-builds
                filter: ["app:.*"]
                ago: 30d
                keep: 2
                untagged: true
            """;

    static Fixture app() {
        return new Fixture("app")
                .tag("ci-5", "c5", OLD).tag("v1.2.3", "rel", OLD).tag("ci-4", "c4", OLD).tag("ci-3", "c3", OLD)
                .tag("ci-2", "c2", OLD).tag("fresh", "fr", Duration.ofDays(1))
                .manifest("c5", V2, OLD, "ci-5").manifest("rel", V2, OLD, "v1.2.3").manifest("c4", V2, OLD, "ci-4")
                .manifest("c3", V2, OLD, "ci-3").manifest("c2", V2, OLD, "ci-2").manifest("fr", V2, Duration.ofDays(1), "fresh")
                .manifest("dangling", V2, OLD);
    }

    @Test
    void shouldLetTheFirstMatchingRuleDecideAndKeepReleasesForever() {
        RepositoryPlan p = app().plan(rules(POLICY));
        assertThat(reasonFor(p, "v1.2.3")).isEqualTo(SpareReason.KEPT_BY_RULE);
        // keep 2 among the eligible ci tags (release tag does not use a slot): ci-5, ci-4 kept
        assertThat(untagged(p)).containsExactly("ci-3", "ci-2");
        assertThat(reasonFor(p, "fresh")).isEqualTo(SpareReason.NEWER_THAN_AGO);
        // keep 2 applies to untagged manifests too (acr purge): c3, c2 lose their tags + dangling = 3 candidates
        assertThat(p.untaggedRule()).isEqualTo("ci-builds");
        assertThat(p.delete()).hasSize(1);
        assertThat(p.untag()).extracting(TagAction::rule).containsOnly("ci-builds");
    }

    @Test
    void shouldGiveEachRuleItsOwnAgoAndKeep() {
        PurgeRules r = rules("""
                rules:
                  - name: pr
                    filter: ["app:^pr-"]
                    ago: 1d
                  - name: rest
                    filter: ["app:.*"]
                    ago: 90d
                    keep: 1
                """);
        Fixture f = new Fixture("app").tag("pr-2", "a", Duration.ofDays(2)).tag("main-3", "b", Duration.ofDays(100))
                .tag("pr-1", "c", Duration.ofDays(3)).tag("main-2", "d", Duration.ofDays(100))
                .tag("main-1", "e", Duration.ofDays(10));
        RepositoryPlan p = f.plan(r);
        assertThat(untagged(p)).containsExactly("pr-2", "pr-1", "main-2");
        assertThat(reasonFor(p, "main-3")).isEqualTo(SpareReason.KEPT_BY_KEEP);
        assertThat(reasonFor(p, "main-1")).isEqualTo(SpareReason.NEWER_THAN_AGO);
    }

    @Test
    void shouldSpareExcludedTagsAndUntaggedManifestsByDigest() {
        PurgeRules r = rules("""
                rules: [{name: all, filter: ["app:.*"], ago: 1d, untagged: true}]
                exclude: ["app:^stable$", "app:%s"]
                """.formatted(digest("keepme").substring(7, 20)));
        Fixture f = new Fixture("app").tag("stable", "s", OLD).tag("other", "o", OLD)
                .manifest("s", V2, OLD, "stable").manifest("o", V2, OLD, "other").manifest("keepme", V2, OLD);
        RepositoryPlan p = f.plan(r);
        assertThat(untagged(p)).containsExactly("other");
        assertThat(reasonFor(p, "stable")).isEqualTo(SpareReason.EXCLUDED);
        assertThat(deleted(p)).containsExactly(digest("o"));
        assertThat(reasonFor(p, "keepme")).isEqualTo(SpareReason.EXCLUDED);
        assertThat(reasonFor(p, "s")).isEqualTo(SpareReason.STILL_TAGGED);
    }

    @Test
    void shouldSpareProtectedTagsAndImagesByTagAndByDigest() {
        PurgeRules r = rules("""
                rules: [{name: all, filter: ["app:.*"], ago: 1d, untagged: true}]
                protect:
                  tags: ["^latest$", "^prod-"]
                  images: ["app:1.0", "app@%s", "other.azurecr.io/app:2.0", "myregistry.azurecr.io/app:3.0"]
                """.formatted(digest("running")));
        Fixture f = new Fixture("app").tag("latest", "l", OLD).tag("prod-7", "p", OLD).tag("1.0", "one", OLD)
                .tag("2.0", "two", OLD).tag("3.0", "three", OLD).tag("alias", "running", OLD)
                .manifest("running", MediaTypes.OCI_INDEX, OLD, "alias")
                .body("running", MediaTypes.OCI_INDEX, null, "child").manifest("child", V2, OLD)
                .manifest("untaggedrunning", V2, OLD);
        RepositoryPlan p = PurgePlanner.planRepository("myregistry.azurecr.io", f.listing(), r, Fixture.NOW);
        assertThat(untagged(p)).containsExactly("2.0");
        assertThat(reasonFor(p, "latest")).isEqualTo(SpareReason.PROTECTED_TAG);
        assertThat(reasonFor(p, "prod-7")).isEqualTo(SpareReason.PROTECTED_TAG);
        assertThat(reasonFor(p, "1.0")).isEqualTo(SpareReason.PROTECTED_IMAGE);
        assertThat(reasonFor(p, "3.0")).isEqualTo(SpareReason.PROTECTED_IMAGE);
        assertThat(reasonFor(p, "alias")).isEqualTo(SpareReason.PROTECTED_IMAGE);
        assertThat(reasonFor(p, "running")).isEqualTo(SpareReason.PROTECTED_IMAGE);
        assertThat(reasonFor(p, "child")).isEqualTo(SpareReason.CHILD_OF_PROTECTED_INDEX);
        assertThat(deleted(p)).containsExactly(digest("untaggedrunning"));
    }

    @Test
    void shouldUseTheFirstUntaggedRuleMatchingTheRepository() {
        PurgeRules r = rules("""
                rules:
                  - {name: tags-only, filter: ["app:^x"], ago: 1d}
                  - {name: dangling-app, filter: ["app:.*"], untaggedOnly: true, ago: 10d, keep: 1}
                  - {name: dangling-all, untaggedOnly: true}
                """);
        Fixture f = new Fixture("app").manifest("m1", V2, Duration.ofDays(20)).manifest("m2", V2, Duration.ofDays(30))
                .manifest("m3", V2, Duration.ofDays(5));
        RepositoryPlan p = f.plan(r);
        assertThat(p.untaggedRule()).isEqualTo("dangling-app");
        assertThat(deleted(p)).containsExactly(digest("m2"));
        assertThat(r.selectsRepository("anything")).isTrue();
    }

    @Test
    void shouldPlanDeterministicallyAndSerializeStably() {
        PurgeRules r = rules(POLICY);
        PurgePlan a = PurgePlanner.plan(List.of(app().listing(), new Fixture("zzz").listing()), r, Fixture.NOW);
        PurgePlan b = PurgePlanner.plan(List.of(new Fixture("zzz").listing(), app().listing()), r, Fixture.NOW);
        assertThat(Json.write(a)).isEqualTo(Json.write(b));
        assertThat(a.repositories()).extracting(RepositoryPlan::repository).containsExactly("app", "zzz");
        assertThat(a.totals().tagsToUntag()).isEqualTo(2);
        assertThat(Json.write(a)).contains("\"reason\":\"KEPT_BY_RULE\"").contains("\"totals\":{");
        assertThat(a.render(false)).contains("Would untag: app:ci-3").contains("Number of tags to be deleted: 2");
    }

    @Test
    void shouldAbortPlanningOnACatastrophicFilter() {
        PurgeRules r = rules("rules: [{name: evil, filter: ['app:(a+)+\\1$'], ago: 1d}]");
        Fixture f = new Fixture("app").tag("a".repeat(40) + "!", "x", OLD);
        assertThatThrownBy(() -> f.plan(r)).isInstanceOf(RegexTooSlowException.class)
                .hasMessageContaining("filter 'app:(a+)+\\1$' took too long on tag 'aaaa");
    }
}
