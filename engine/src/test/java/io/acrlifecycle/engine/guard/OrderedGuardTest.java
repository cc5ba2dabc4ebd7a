package io.acrlifecycle.engine.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.testing.InMemoryRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ordered simulation: each scheduled run sees the repository as the earlier runs left it, acr purge's real
 * behaviour for whichever item is deployed (child of a locked index, referrer), tie order, and the edges of now.
 */
class OrderedGuardTest {

    private static final Instant NOW = Instant.parse("2026-11-30T00:50:00Z");
    private static final String TAGS = "acr purge --filter 'app:.*' --ago 30d";
    private static final String UNTAGGED = "acr purge --untagged-only";

    private static Instant daysAgo(final double days) {
        return NOW.minus(Duration.ofMinutes(Math.round(days * 1440)));
    }

    private static CheckResult window(final InMemoryRegistry r, final String image, final Instant now) {
        return DeployGuard.check(r, GuardRequest.of(image, "7d"), now).check(PurgeWindowCheck.PURGE_WINDOW);
    }

    private static InMemoryRegistry oldTagged() {
        return new InMemoryRegistry().manifest("old", daysAgo(40), "1.0").manifest("new", daysAgo(1), "2.0");
    }

    /** Task A untags at 01:00, task B deletes at 03:00 what A left untagged: the digest deploy is blocked at 03:00. */
    @Test
    void shouldBlockADigestThatALaterTaskDeletesAfterAnEarlierOneUntaggedIt() {
        InMemoryRegistry r = oldTagged().task("a-untag-old", TAGS, "0 1 * * *").task("b-delete-untagged", UNTAGGED,
                "0 3 * * *");

        CheckResult c = window(r, "app@" + InMemoryRegistry.digest("old"), NOW);

        assertThat(c.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(c.earliestDeletion()).isEqualTo(Instant.parse("2026-11-30T03:00:00Z"));
        assertThat(c.reason()).startsWith("task b-delete-untagged at 2026-11-30T03:00Z would delete it");
        assertThat(c.details()).anySatisfy(d -> assertThat(d).contains("simulated in time order"));
    }

    /** Alone, the untagged-only task never sees the manifest untagged: PASS (the feeding run is what matters). */
    @Test
    void shouldPassWhenNoEarlierRunLeavesTheManifestUntagged() {
        InMemoryRegistry r = oldTagged().task("b-delete-untagged", UNTAGGED, "0 3 * * *");

        assertThat(window(r, "app@" + InMemoryRegistry.digest("old"), NOW).verdict()).isEqualTo(Verdict.PASS);
    }

    /** Same instant: tasks run by name. a-... untags first, so b-... deletes at the same 01:00. */
    @Test
    void shouldOrderRunsAtTheSameInstantByTaskName() {
        InMemoryRegistry first = oldTagged().task("a-tags", TAGS, "0 1 * * *").task("b-untagged", UNTAGGED,
                "0 1 * * *");
        InMemoryRegistry second = oldTagged().task("z-tags", TAGS, "0 1 * * *").task("b-untagged", UNTAGGED,
                "0 1 * * *");

        CheckResult sameRun = window(first, "app@" + InMemoryRegistry.digest("old"), NOW);
        CheckResult nextDay = window(second, "app@" + InMemoryRegistry.digest("old"), NOW);

        assertThat(sameRun.earliestDeletion()).isEqualTo(Instant.parse("2026-11-30T01:00:00Z"));
        assertThat(sameRun.reason()).startsWith("task b-untagged at 2026-11-30T01:00Z");
        // b-untagged ran before z-tags untagged it; it deletes the manifest at its next run
        assertThat(nextDay.earliestDeletion()).isEqualTo(Instant.parse("2026-12-01T01:00:00Z"));
        assertThat(nextDay.reason()).startsWith("task b-untagged at 2026-12-01T01:00Z");
    }

    /** A child of a locked tagged index, deployed by digest: acr purge deletes it (its lock check comes first). */
    @Test
    void shouldBlockAChildOfALockedIndexDeployedByDigest() {
        InMemoryRegistry r = new InMemoryRegistry().manifest("amd", daysAgo(60)).manifest("arm", daysAgo(60))
                .index("idx", daysAgo(1), Locks.locked(), List.of("amd", "arm"), "1.2.3")
                .task("nightly", "acr purge --filter 'app:.*' --ago 30d --untagged", "0 1 * * *");

        CheckResult c = window(r, "app@" + InMemoryRegistry.digest("arm"), NOW);

        assertThat(c.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(c.earliestDeletion()).isEqualTo(Instant.parse("2026-11-30T01:00:00Z"));
        assertThat(c.reason()).startsWith("task nightly at 2026-11-30T01:00Z would delete it")
                .contains("does not let a locked index shield its children")
                .contains(InMemoryRegistry.digest("idx"));
    }

    /** A referrer goes with its subject: deployed by digest, it is blocked when the subject is deleted. */
    @Test
    void shouldBlockAReferrerWhoseSubjectARunDeletes() {
        InMemoryRegistry r = new InMemoryRegistry().manifest("subject", daysAgo(40))
                .referrer("sbom", daysAgo(1), "subject").manifest("new", daysAgo(1), "2.0")
                .task("nightly", "acr purge --filter 'app:.*' --ago 30d --untagged", "0 1 * * *");

        CheckResult c = window(r, "app@" + InMemoryRegistry.digest("sbom"), NOW);

        assertThat(c.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(c.reason()).isEqualTo("task nightly at 2026-11-30T01:00Z would delete it with its subject "
                + InMemoryRegistry.digest("subject") + ": ACR deletes a referrer together with its subject");
    }

    /** A run exactly at now counts (it has not deleted anything yet); one 30 s before now has already run. */
    @Test
    void shouldCountARunExactlyAtNowButNotOneThirtySecondsAgo() {
        InMemoryRegistry r = oldTagged().task("nightly", TAGS, "0 1 * * *");
        Instant atFire = Instant.parse("2026-11-30T01:00:00Z");

        CheckResult exactly = window(r, "app:1.0", atFire);
        CheckResult after = window(r, "app:1.0", atFire.plusSeconds(30));

        assertThat(exactly.earliestDeletion()).isEqualTo(atFire);
        assertThat(after.earliestDeletion()).isEqualTo(Instant.parse("2026-12-01T01:00:00Z"));
    }

    /** Many runs, few plans: a run is planned only when the repository changed or an item crossed the cutoff. */
    @Test
    void shouldPlanOnlyRunsThatCanChangeSomething() {
        InMemoryRegistry r = new InMemoryRegistry();
        for (int i = 0; i < 200; i++) {
            r.manifest("m" + i, daysAgo(20 + i * 0.05), "1." + i);
        }
        r.task("five", "acr purge --filter 'app:.*' --ago 30d --keep 3 --untagged", "*/5 * * * *");

        CheckResult c = window(r, "app:1.0", NOW);

        // 1.0 is 20 days old: 10 days of a 7-day window never reach 30d, so it passes after 2017 simulated runs (both ends count)
        assertThat(c.verdict()).isEqualTo(Verdict.PASS);
        assertThat(c.details()).anySatisfy(d -> assertThat(d).startsWith("2017 run(s) simulated"));
        String planned = c.details().stream().filter(d -> d.startsWith("2017 run(s)")).findFirst().orElseThrow();
        int plans = Integer.parseInt(planned.replaceAll(".*left it; (\\d+) planned.*", "$1"));
        assertThat(plans).isLessThan(400);
    }
}
