package io.acrlifecycle.engine.purge.plan;

import static io.acrlifecycle.engine.purge.plan.Fixture.DELETE_DISABLED;
import static io.acrlifecycle.engine.purge.plan.Fixture.WRITE_DISABLED;
import static io.acrlifecycle.engine.purge.plan.Fixture.deleted;
import static io.acrlifecycle.engine.purge.plan.Fixture.digest;
import static io.acrlifecycle.engine.purge.plan.Fixture.ids;
import static io.acrlifecycle.engine.purge.plan.Fixture.reasonFor;
import static io.acrlifecycle.engine.purge.plan.Fixture.untagged;
import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.model.MediaTypes;
import io.acrlifecycle.engine.purge.rules.PurgeRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * acr-cli {@code TestPurgeManifests}, {@code TestPurgeDanglingManifestsWithAgoAndKeep}, the untagged side of
 * {@code TestIncludeLockedFlag}, and the corrections of acr-facts §5.6.
 */
class AcrPurgeUntaggedPassTest {
    static final String V2 = MediaTypes.DOCKER_MANIFEST;
    static final String LIST = MediaTypes.DOCKER_LIST;
    static final String OCI = MediaTypes.OCI_MANIFEST;
    static final Duration M15 = Duration.ofMinutes(15);
    static final Duration D2 = Duration.ofDays(2);

    static PurgeRules untaggedOnly(String ago, int keep) {
        return PurgeRules.fromAcrPurgeArgs(List.of("bar:.*"), ago, keep, false, true, false);
    }

    static PurgeRules withUntagged(String filter, String ago, int keep) {
        return PurgeRules.fromAcrPurgeArgs(List.of(filter), ago, keep, true, false, false);
    }

    static Duration since(String instant) {
        return Duration.between(Instant.parse(instant), Fixture.NOW);
    }

    @Test
    void shouldNotDeleteTaggedManifests() {
        RepositoryPlan p = new Fixture("bar").manifest("d", V2, M15, "latest").plan(untaggedOnly(null, 0));
        assertThat(p.delete()).isEmpty();
        assertThat(reasonFor(p, "d")).isEqualTo(SpareReason.STILL_TAGGED);
    }

    @Test
    void shouldSkipManifestsNewerThanAgo() {
        RepositoryPlan p = new Fixture("bar").manifest("d1", V2, M15).plan(untaggedOnly("1h", 0));
        assertThat(p.delete()).isEmpty();
        assertThat(reasonFor(p, "d1")).isEqualTo(SpareReason.NEWER_THAN_AGO);
    }

    @Test
    void shouldDeleteManifestsOlderThanAgo() {
        assertThat(deleted(new Fixture("bar").manifest("d2", V2, D2).plan(untaggedOnly("24h", 0))))
                .containsExactly(digest("d2"));
    }

    @Test
    void shouldDeleteTwoUntaggedManifests() {
        RepositoryPlan p = new Fixture("bar").manifest("d", V2, M15, "latest").manifest("d1", V2, M15)
                .manifest("d2", V2, M15).plan(untaggedOnly("0m", 0));
        assertThat(deleted(p)).containsExactlyInAnyOrder(digest("d1"), digest("d2"));
    }

    @Test
    void shouldShieldChildrenOfATaggedManifestList() {
        Fixture f = new Fixture("bar").manifest("multi", LIST, M15, "v3").body("multi", LIST, null, "d1")
                .manifest("d1", V2, M15).manifest("d2", V2, M15);
        RepositoryPlan p = f.plan(untaggedOnly("0m", 0));
        assertThat(deleted(p)).containsExactly(digest("d2"));
        assertThat(reasonFor(p, "d1")).isEqualTo(SpareReason.CHILD_OF_TAGGED_INDEX);
    }

    @Test
    void shouldShieldChildrenOfATaggedOciIndexAndReadOciBodies() {
        Fixture f = new Fixture("bar").index("multi", M15, ids("d1"), "v3").manifest("d1", OCI, M15)
                .body("d1", OCI, null).manifest("d2", OCI, M15).body("d2", OCI, null);
        RepositoryPlan p = f.plan(untaggedOnly("0m", 0));
        assertThat(deleted(p)).containsExactly(digest("d2"));
        assertThat(f.lookups).contains(digest("multi"), digest("d2"));
    }

    @Test
    void shouldSkipLockedUntaggedManifests() {
        RepositoryPlan p = new Fixture("bar").manifest("a", V2, M15, DELETE_DISABLED)
                .manifest("b", V2, M15, new Locks(false, false, true, true)).manifest("c", V2, M15, WRITE_DISABLED)
                .plan(untaggedOnly("0m", 0));
        assertThat(p.delete()).isEmpty();
        assertThat(p.spared()).extracting(Spared::reason).containsOnly(SpareReason.LOCKED);
    }

    @Test
    void shouldNeverDeleteAReferrer() {
        Fixture f = new Fixture("bar").manifest("sig", OCI, M15).body("sig", OCI, "subject")
                .manifest("art", MediaTypes.OCI_ARTIFACT, M15).body("art", MediaTypes.OCI_ARTIFACT, "subject");
        RepositoryPlan p = f.plan(untaggedOnly("0m", 0));
        assertThat(p.delete()).isEmpty();
        assertThat(reasonFor(p, "sig")).isEqualTo(SpareReason.REFERRER_WITH_SUBJECT);
        assertThat(reasonFor(p, "art")).isEqualTo(SpareReason.REFERRER_WITH_SUBJECT);
    }

    @Test
    void shouldDeleteAnUntaggedReferrerIndexButKeepItsChildren() {
        // acr-facts 5.6.3: acr purge deletes the index (subject set, children listed) and shields the children
        Fixture f = new Fixture("bar").manifest("sbomidx", MediaTypes.OCI_INDEX, M15)
                .body("sbomidx", MediaTypes.OCI_INDEX, "subject", "part").manifest("part", V2, M15)
                .manifest("emptyidx", MediaTypes.OCI_INDEX, M15).body("emptyidx", MediaTypes.OCI_INDEX, "subject");
        RepositoryPlan p = f.plan(untaggedOnly("0m", 0));
        assertThat(deleted(p)).containsExactly(digest("sbomidx"));
        assertThat(p.delete().get(0).subjectDigest()).isEqualTo(digest("subject"));
        assertThat(reasonFor(p, "part")).isEqualTo(SpareReason.CHILD_OF_REFERRER_INDEX);
        assertThat(reasonFor(p, "emptyidx")).isEqualTo(SpareReason.REFERRER_WITH_SUBJECT);
    }

    @Test
    void shouldNeverDeleteAManifestWithoutMediaType() {
        RepositoryPlan p = new Fixture("bar").manifest("x", null, M15).plan(untaggedOnly("0m", 0));
        assertThat(p.delete()).isEmpty();
        assertThat(reasonFor(p, "x")).isEqualTo(SpareReason.NO_MEDIA_TYPE);
    }

    @Test
    void shouldSkipAManifestWhoseBodyIsGone() {
        RepositoryPlan p = new Fixture("bar").manifest("x", OCI, M15).plan(untaggedOnly("0m", 0));
        assertThat(reasonFor(p, "x")).isEqualTo(SpareReason.CONTENT_NOT_FOUND);
    }

    @Test
    void shouldDeleteAnUntaggedIndexTogetherWithItsUntaggedChildren() {
        Fixture f = new Fixture("bar").index("idx", D2, ids("c1", "c2")).manifest("c1", V2, D2).manifest("c2", V2, D2);
        RepositoryPlan p = f.plan(untaggedOnly("1d", 0));
        // index first, so an interruption never leaves an index pointing at deleted children
        assertThat(deleted(p)).containsExactly(digest("idx"), digest("c1"), digest("c2"));
        assertThat(p.delete().get(0).childDigests()).containsExactly(digest("c1"), digest("c2"));
    }

    @Test
    void shouldShieldChildrenOfARecentIndexAndOfNestedIndexes() {
        Fixture f = new Fixture("bar").index("top", M15, ids("nested")).index("nested", D2, ids("leaf"))
                .manifest("leaf", V2, D2).manifest("loose", V2, D2);
        RepositoryPlan p = f.plan(untaggedOnly("1d", 0));
        assertThat(deleted(p)).containsExactly(digest("loose"));
        assertThat(reasonFor(p, "nested")).isEqualTo(SpareReason.CHILD_OF_RECENT_INDEX);
        assertThat(reasonFor(p, "leaf")).isEqualTo(SpareReason.CHILD_OF_RECENT_INDEX);
    }

    @Test
    void shouldDeleteOnlyOldManifestsWithAgo() {
        RepositoryPlan p = new Fixture("bar").manifest("old123", V2, since("2025-01-01T00:00:00Z"))
                .manifest("recent123", V2, since("2026-01-15T00:00:00Z")).plan(untaggedOnly("300d", 0));
        assertThat(deleted(p)).containsExactly(digest("old123"));
    }

    @Test
    void shouldKeepTheMostRecentUntaggedManifests() {
        Fixture f = new Fixture("bar");
        for (String[] m : new String[][] {{"oldest", "2023-01-01"}, {"old", "2023-06-01"}, {"medium", "2023-12-01"},
                {"recent", "2024-06-01"}, {"newest", "2024-12-01"}}) {
            f.manifest(m[0], V2, since(m[1] + "T00:00:00Z"));
        }
        RepositoryPlan p = f.plan(untaggedOnly(null, 2));
        assertThat(deleted(p)).containsExactlyInAnyOrder(digest("oldest"), digest("old"), digest("medium"));
        assertThat(p.spared()).filteredOn(s -> s.reason() == SpareReason.KEPT_BY_KEEP).extracting(Spared::digest)
                .containsExactly(digest("newest"), digest("recent"));
    }

    @Test
    void shouldCombineAgoAndKeep() {
        Fixture f = new Fixture("bar");
        for (String[] m : new String[][] {{"veryold1", "2025-01-01"}, {"veryold2", "2025-02-01"},
                {"veryold3", "2025-03-01"}, {"recent1", "2026-01-01"}, {"recent2", "2026-01-15"}}) {
            f.manifest(m[0], V2, since(m[1] + "T00:00:00Z"));
        }
        assertThat(deleted(f.plan(untaggedOnly("300d", 1))))
                .containsExactlyInAnyOrder(digest("veryold1"), digest("veryold2"));
    }

    @Test
    void shouldDeleteNothingWhenKeepCoversAllCandidates() {
        for (int keep : new int[] {3, 10}) {
            Fixture f = new Fixture("bar").manifest("m1", V2, D2).manifest("m2", V2, D2).manifest("m3", V2, D2);
            RepositoryPlan p = f.plan(untaggedOnly(null, keep));
            assertThat(p.delete()).isEmpty();
            assertThat(p.spared()).extracting(Spared::reason).containsOnly(SpareReason.KEPT_BY_KEEP);
        }
    }

    @Test
    void shouldApplyKeepToUntaggedManifestsInUntaggedModeToo() {
        // acr-facts 5.6.5
        Fixture f = new Fixture("bar").manifest("m1", V2, Duration.ofDays(3)).manifest("m2", V2, Duration.ofDays(4));
        assertThat(deleted(f.plan(withUntagged("bar:nomatch", "1d", 1)))).containsExactly(digest("m2"));
    }

    @Test
    void shouldDeleteAnUntaggedManifestAtExactlyTheCutoff() {
        // acr-facts 5.6.2: untagged manifests qualify unless strictly after the cutoff
        Fixture f = new Fixture("bar").manifest("edge", V2, Duration.ofDays(1))
                .manifest("newer", V2, Duration.ofDays(1).minusNanos(1000));
        assertThat(deleted(f.plan(untaggedOnly("1d", 0)))).containsExactly(digest("edge"));
    }

    @Test
    void shouldDeleteManifestsThatLoseTheirLastTagInTheSameRun() {
        // acr-facts 5.6.8; a dry run plans the same set because the planner works on one listing
        Fixture f = new Fixture("bar")
                .tag("a1", "one", D2).tag("b1", "two", D2).tag("b2", "two", D2).tag("keepme", "two", D2)
                .manifest("one", V2, D2, "a1").manifest("two", V2, D2, "b1", "b2", "keepme")
                .manifest("young", V2, M15, "y1").tag("y1", "young", D2);
        RepositoryPlan p = f.plan(withUntagged("bar:^(a1|b1|b2|y1)$", "1d", 0));
        assertThat(untagged(p)).containsExactly("a1", "b1", "b2", "y1");
        assertThat(deleted(p)).containsExactly(digest("one"));
        assertThat(p.delete().get(0).tags()).containsExactly("a1");
        assertThat(reasonFor(p, "two")).isEqualTo(SpareReason.STILL_TAGGED);
        assertThat(reasonFor(p, "young")).isEqualTo(SpareReason.NEWER_THAN_AGO);
    }

    @Test
    void shouldCountRemainingTagsByNameWhenTheListingRepeatsATag() {
        // a paged tag listing can return a tag twice; counting would see 2 untags for 2 tags and delete "two" with keepme
        Fixture f = new Fixture("bar")
                .tag("b1", "two", D2).tag("b1", "two", D2).tag("keepme", "two", D2)
                .tag("c1", "three", D2).tag("c1", "three", D2)
                .manifest("two", V2, D2, "b1", "keepme").manifest("three", V2, D2, "c1");
        RepositoryPlan p = f.plan(withUntagged("bar:^(b1|c1)$", "1d", 0));
        assertThat(untagged(p)).containsExactly("b1", "c1");
        assertThat(reasonFor(p, "two")).isEqualTo(SpareReason.STILL_TAGGED);
        assertThat(deleted(p)).containsExactly(digest("three"));
        assertThat(p.delete().get(0).tags()).containsExactly("c1");
    }

    @Test
    void shouldDeleteLockedUntaggedManifestsWithIncludeLocked() {
        PurgeRules rules = PurgeRules.fromAcrPurgeArgs(List.of("bar:.*"), "0m", 0, false, true, true);
        RepositoryPlan p = new Fixture("bar").manifest("d", V2, M15, DELETE_DISABLED).plan(rules);
        assertThat(deleted(p)).containsExactly(digest("d"));
        assertThat(p.delete().get(0).unlock()).isTrue();
    }

    @Test
    void shouldShieldChildrenOfALockedTaggedIndexUnlikeAcrPurge() {
        // the hole in acr purge: the lock check precedes the index traversal, so the children were deleted
        Fixture f = new Fixture("bar").tag("prod", "idx", D2, Locks.locked())
                .manifest("idx", MediaTypes.OCI_INDEX, D2, Locks.locked(), "prod").body("idx", MediaTypes.OCI_INDEX, null, "amd64")
                .manifest("amd64", V2, D2);
        RepositoryPlan p = f.plan(withUntagged("bar:.*", "1d", 0));
        assertThat(p.untag()).isEmpty();
        assertThat(p.delete()).isEmpty();
        assertThat(reasonFor(p, "amd64")).isEqualTo(SpareReason.CHILD_OF_LOCKED_INDEX);
    }
}
