package io.acrlifecycle.engine.purge.plan;

import static io.acrlifecycle.engine.purge.plan.Fixture.DELETE_DISABLED;
import static io.acrlifecycle.engine.purge.plan.Fixture.deleted;
import static io.acrlifecycle.engine.purge.plan.Fixture.digest;
import static io.acrlifecycle.engine.purge.plan.Fixture.reasonFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.engine.model.MediaTypes;
import io.acrlifecycle.engine.purge.rules.PurgeRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the registry deletes with a planned manifest (its referrer graph), planned without network. */
class CascadePlanTest {
    static final String V2 = MediaTypes.DOCKER_MANIFEST;
    static final String OCI = MediaTypes.OCI_MANIFEST;
    static final Duration OLD = Duration.ofDays(40);
    static final Duration NEW = Duration.ofDays(1);

    static PurgeRules builds() {
        return PurgeRules.fromAcrPurgeArgs(List.of("bar:^build-"), "30d", 0, true, false, false);
    }

    /** The fixture's listing, with a referrers API answering from {@code referrers} (subject id -> referrer ids). */
    static RepositoryPlan plan(Fixture f, Map<String, List<String>> referrers) {
        RepositoryListing l = f.listing();
        ManifestLookup lookup = new ManifestLookup() {
            @Override
            public Optional<io.acrlifecycle.engine.model.ManifestContent> content(String digest) {
                return l.lookup().content(digest);
            }

            @Override
            public List<String> referrers(String digest) {
                for (Map.Entry<String, List<String>> e : referrers.entrySet()) {
                    if (digest(e.getKey()).equals(digest)) {
                        return e.getValue().stream().map(Fixture::digest).toList();
                    }
                }
                return List.of();
            }
        };
        return PurgePlanner.planRepository(null, new RepositoryListing(f.repo, f.tags, f.manifests, lookup), builds(),
                Fixture.NOW);
    }

    @Test
    void shouldPlanAnUntaggedSignatureAsGoingWithItsImage() {
        // the signature's body names its subject: known without the referrers API
        Fixture f = new Fixture("bar").tag("build-1", "img", OLD).manifest("img", V2, OLD, "build-1")
                .manifest("sig", OCI, OLD).body("sig", OCI, "img");
        RepositoryPlan p = plan(f, Map.of());
        assertThat(deleted(p)).containsExactly(digest("img"));
        assertThat(p.delete().get(0).cascade()).singleElement().satisfies(c -> {
            assertThat(c.digest()).isEqualTo(digest("sig"));
            assertThat(c.subjectDigest()).isEqualTo(digest("img"));
            assertThat(c.reason()).contains("referrer of " + digest("img"));
        });
        assertThat(reasonFor(p, "sig")).isNull();
        assertThat(PurgePlan.of(null, Fixture.NOW, null, List.of(p)).totals().referrersToDelete()).isEqualTo(1);
        // maxDeletes limits what the plan removes: the tag, the image, and the signature that goes with it
        assertThat(PurgePlan.of(null, Fixture.NOW, null, List.of(p)).deletes()).isEqualTo(3);
        assertThat(PurgePlan.of(null, Fixture.NOW, null, List.of(p)).render(false))
                .contains("Would delete with it: bar@" + digest("sig"));
    }

    @Test
    void shouldFollowReferrersOfReferrersAndTakeTheirRemovedTagsAlong() {
        // a tagged attestation (its tag removed by this run too), and a fresh signature of that attestation
        Fixture f = new Fixture("bar").tag("build-1", "img", OLD).tag("build-att", "att", OLD)
                .manifest("img", V2, OLD, "build-1").manifest("att", OCI, OLD, "build-att")
                .manifest("attsig", OCI, NEW).body("attsig", OCI, "att");
        RepositoryPlan p = plan(f, Map.of("img", List.of("att"), "att", List.of("attsig")));
        assertThat(deleted(p)).containsExactly(digest("img"));
        assertThat(p.delete().get(0).cascade()).extracting(CascadeAction::digest, CascadeAction::subjectDigest)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(digest("att"), digest("img")),
                        org.assertj.core.groups.Tuple.tuple(digest("attsig"), digest("att")));
        assertThat(p.delete().get(0).cascade().get(0).tags()).containsExactly("build-att");
        assertThat(p.bytes()).isEqualTo(3000);
    }

    @Test
    void shouldSpareAnImageWhoseReferrerIsLockedTaggedProtectedOrUnlisted() {
        Fixture f = new Fixture("bar")
                .tag("build-1", "i1", OLD).manifest("i1", V2, OLD, "build-1")
                .manifest("locked", OCI, OLD, DELETE_DISABLED).body("locked", OCI, "i1")
                .tag("build-2", "i2", OLD).manifest("i2", V2, OLD, "build-2")
                .tag("keep-me", "att", OLD).manifest("att", OCI, OLD, "keep-me")
                .tag("build-3", "i3", OLD).manifest("i3", V2, OLD, "build-3");
        RepositoryPlan p = plan(f, Map.of("i1", List.of("locked"), "i2", List.of("att"), "i3", List.of("hidden")));
        assertThat(p.delete()).isEmpty();
        assertThat(reasonFor(p, "i1")).isEqualTo(SpareReason.REFERRER_KEPT);
        assertThat(reasonFor(p, "i2")).isEqualTo(SpareReason.REFERRER_KEPT);
        assertThat(reasonFor(p, "i3")).isEqualTo(SpareReason.REFERRER_KEPT);
        assertThat(p.spared()).filteredOn(s -> s.digest().equals(digest("i2")) && !s.isTag()).singleElement()
                .extracting(Spared::detail).asString().contains("keep-me", digest("att"));
        assertThat(p.spared()).filteredOn(s -> s.digest().equals(digest("i3")) && !s.isTag()).singleElement()
                .extracting(Spared::detail).asString().contains("not in the manifest listing");
        // the tags are still removed: only the manifest DELETE would take the referrer along
        assertThat(Fixture.untagged(p)).containsExactlyInAnyOrder("build-1", "build-2", "build-3");
    }

    @Test
    void shouldDeleteAReferrerIndexOnlyOnceWhenItsSubjectGoesToo() {
        // an untagged referrer index is deleted on its own (acr purge); when its subject goes, it goes with it
        Fixture f = new Fixture("bar").tag("build-1", "img", OLD).manifest("img", V2, OLD, "build-1")
                .manifest("sbomidx", MediaTypes.OCI_INDEX, OLD).body("sbomidx", MediaTypes.OCI_INDEX, "img", "part")
                .manifest("part", V2, OLD);
        RepositoryPlan p = plan(f, Map.of());
        assertThat(deleted(p)).containsExactly(digest("img"));
        assertThat(p.delete().get(0).cascade()).extracting(CascadeAction::digest).containsExactly(digest("sbomidx"));
        assertThat(reasonFor(p, "part")).isEqualTo(SpareReason.CHILD_OF_REFERRER_INDEX);
    }
}
