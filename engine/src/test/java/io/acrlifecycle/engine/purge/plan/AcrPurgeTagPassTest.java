package io.acrlifecycle.engine.purge.plan;

import static io.acrlifecycle.engine.purge.plan.Fixture.DELETE_DISABLED;
import static io.acrlifecycle.engine.purge.plan.Fixture.WRITE_DISABLED;
import static io.acrlifecycle.engine.purge.plan.Fixture.reasonFor;
import static io.acrlifecycle.engine.purge.plan.Fixture.untagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.engine.purge.rules.PurgeRules;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** acr-cli {@code TestPurgeTags}, {@code TestIncludeLockedFlag}, {@code TestDryRunWithIncludeLocked} (tag side). */
class AcrPurgeTagPassTest {
    static final Duration M15 = Duration.ofMinutes(15);
    static final Duration D1 = Duration.ofDays(1);
    static final Duration D2 = Duration.ofDays(2);
    static final Duration D3 = Duration.ofDays(3);

    static PurgeRules acr(String tagRegex, String ago, int keep) {
        return acr(tagRegex, ago, keep, false);
    }

    static PurgeRules acr(String tagRegex, String ago, int keep, boolean includeLocked) {
        return PurgeRules.fromAcrPurgeArgs(List.of("bar:" + tagRegex), ago, keep, false, false, includeLocked);
    }

    /** acr-cli TagWithLocal / FourTagsWithRepoFilterMatch (same ages, last tag differs). */
    static Fixture fourCommits(String lastTag) {
        return new Fixture("bar").tag("v1-a", "d", M15).tag("v1-b", "d", D1).tag("v1-c", "m", D2).tag(lastTag, "d", D3);
    }

    static Fixture fourTags() {
        return new Fixture("bar").tag("v1", "d", M15).tag("v2", "d", M15).tag("v3", "m", M15).tag("v4", "d", M15);
    }

    @Test
    void shouldDeleteTagWithLocalInIt() {
        RepositoryPlan p = fourCommits("v1-c-local.test").plan(acr(".*-?local[.].+", "0m", 0));
        assertThat(untagged(p)).containsExactly("v1-c-local.test");
        assertThat(reasonFor(p, "v1-a")).isEqualTo(SpareReason.NOT_MATCHED);
    }

    @Test
    void shouldDeleteTwoWithNegativeLookahead() {
        assertThat(untagged(fourCommits("v2").plan(acr("v1(?!-a)", "0m", 0)))).containsExactly("v1-b", "v1-c");
    }

    @Test
    void shouldDeleteTwoWithNegativeLookbehind() {
        assertThat(untagged(fourCommits("v2").plan(acr("v1-*[abc]+(?<!-[a])", "0m", 0)))).containsExactly("v1-b", "v1-c");
    }

    @Test
    void shouldDoNothingOnAnEmptyRepository() {
        RepositoryPlan p = new Fixture("bar").plan(acr("[\\s\\S]*", "1d", 0));
        assertThat(p.untag()).isEmpty();
        assertThat(p.spared()).isEmpty();
    }

    @Test
    void shouldNotDeleteWhatIsNewerThanAgo() {
        RepositoryPlan p = new Fixture("bar").tag("latest", "d", M15).plan(acr("[\\s\\S]*", "1d", 0));
        assertThat(p.untag()).isEmpty();
        assertThat(reasonFor(p, "latest")).isEqualTo(SpareReason.NEWER_THAN_AGO);
    }

    @Test
    void shouldNotDeleteWhatTheFilterDoesNotMatch() {
        RepositoryPlan p = new Fixture("bar").tag("latest", "d", M15).plan(acr("^hello.*", "0m", 0));
        assertThat(p.untag()).isEmpty();
        assertThat(reasonFor(p, "latest")).isEqualTo(SpareReason.NOT_MATCHED);
    }

    @Test
    void shouldRefuseAnInvalidRegexBeforePlanning() {
        assertThatThrownBy(() -> acr("[", "0m", 0)).hasMessageContaining("--filter[0]: 'bar:[' is not a valid regular expression");
    }

    @Test
    void shouldSkipDeleteDisabledAndWriteDisabledTags() {
        RepositoryPlan p = new Fixture("bar").tag("latest", "d", M15, DELETE_DISABLED).tag("last", "e", M15, WRITE_DISABLED)
                .plan(acr("^la.*", "0m", 0));
        assertThat(p.untag()).isEmpty();
        assertThat(reasonFor(p, "latest")).isEqualTo(SpareReason.LOCKED);
        assertThat(reasonFor(p, "last")).isEqualTo(SpareReason.LOCKED);
    }

    @Test
    void shouldSpareATagWithoutUpdateTimeInsteadOfFailing() {
        // acr-cli InvalidDurationTest aborts on an unparseable time; we keep the tag and say why
        Fixture f = new Fixture("bar");
        f.tags.add(new io.acrlifecycle.engine.model.TagInfo("bar", "latest", Fixture.digest("d"), null, null, null));
        RepositoryPlan p = f.plan(acr("^la.*", "0m", 0));
        assertThat(p.untag()).isEmpty();
        assertThat(reasonFor(p, "latest")).isEqualTo(SpareReason.NO_UPDATE_TIME);
    }

    @Test
    void shouldDeleteOneTag() {
        assertThat(untagged(new Fixture("bar").tag("latest", "d", M15).plan(acr("^la.*", "0m", 0)))).containsExactly("latest");
    }

    @Test
    void shouldDeleteAllFiveTags() {
        Fixture f = fourTags();
        f.tags.add(0, new io.acrlifecycle.engine.model.TagInfo("bar", "latest", Fixture.digest("d"),
                Fixture.NOW.minus(M15), Fixture.NOW.minus(M15), null));
        assertThat(untagged(f.plan(acr("[\\s\\S]*", "0m", 0)))).containsExactly("latest", "v1", "v2", "v3", "v4");
    }

    @Test
    void shouldKeepOneTag() {
        RepositoryPlan p = fourTags().plan(acr("[\\s\\S]*", "0m", 1));
        assertThat(untagged(p)).containsExactly("v2", "v3", "v4");
        assertThat(p.spared()).singleElement().satisfies(s -> {
            assertThat(s.tag()).isEqualTo("v1");
            assertThat(s.reason()).isEqualTo(SpareReason.KEPT_BY_KEEP);
            assertThat(s.detail()).isEqualTo("rank 1 of keep 1");
        });
    }

    @Test
    void shouldKeepOneWhenTheFilterDoesNotMatchAll() {
        assertThat(untagged(fourCommits("v2").plan(acr("v1-.*", "0m", 1)))).containsExactly("v1-b", "v1-c");
    }

    @Test
    void shouldKeepOneAmongEligibleWhenAgoExcludesTheNewest() {
        // v1-a is newer than 30m: not eligible, does not use the keep slot; v1-b kept; v1-c deleted
        RepositoryPlan p = fourCommits("v2").plan(acr("v1-.*", "30m", 1));
        assertThat(untagged(p)).containsExactly("v1-c");
        assertThat(reasonFor(p, "v1-a")).isEqualTo(SpareReason.NEWER_THAN_AGO);
        assertThat(reasonFor(p, "v1-b")).isEqualTo(SpareReason.KEPT_BY_KEEP);
    }

    @Test
    void shouldNotCountLockedTagsForKeep() {
        RepositoryPlan p = fourTags().tag("v0", "z", D1, DELETE_DISABLED).plan(acr(".*", "0m", 2));
        // listing order v1 v2 v3 v4 v0(locked): keep v1 v2, delete v3 v4, v0 locked
        assertThat(untagged(p)).containsExactly("v3", "v4");
        assertThat(reasonFor(p, "v0")).isEqualTo(SpareReason.LOCKED);
    }

    @Test
    void shouldUnlockLockedTagsWithIncludeLocked() {
        RepositoryPlan p = new Fixture("bar").tag("v1", "d", M15).tag("v2", "d", M15, DELETE_DISABLED)
                .tag("v3", "d", M15, WRITE_DISABLED).plan(acr(".*", "0m", 0, true));
        assertThat(untagged(p)).containsExactly("v1", "v2", "v3");
        assertThat(p.untag()).extracting(TagAction::unlock).containsExactly(false, true, true);
    }

    @Test
    void shouldTreatTheCutoffAsStrictForTags() {
        // lastUpdateTime == now - ago is not "before" the cutoff
        RepositoryPlan p = new Fixture("bar").tag("edge", "d", Duration.ofDays(1)).tag("older", "e",
                Duration.ofDays(1).plusNanos(1000)).plan(acr(".*", "1d", 0));
        assertThat(untagged(p)).containsExactly("older");
        assertThat(reasonFor(p, "edge")).isEqualTo(SpareReason.NEWER_THAN_AGO);
    }

    @Test
    void shouldJoinSeveralFiltersForOneRepositoryLikeAcrPurge() {
        PurgeRules rules = PurgeRules.fromAcrPurgeArgs(List.of("bar:^v1-a$", "bar:^v2$", "other:.*"), "0m", 0, false,
                false, false);
        assertThat(untagged(fourCommits("v2").plan(rules))).containsExactly("v1-a", "v2");
    }

    @Test
    void shouldDeleteEverythingWithANegativeAgoLikeAcrPurge() {
        RepositoryPlan p = new Fixture("bar").tag("fresh", "d", Duration.ZERO).plan(acr(".*", "-1d", 0));
        assertThat(untagged(p)).containsExactly("fresh");
    }
}
