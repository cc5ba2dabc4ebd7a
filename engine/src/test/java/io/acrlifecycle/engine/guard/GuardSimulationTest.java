package io.acrlifecycle.engine.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.purge.rules.PurgeRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The purge-window simulation on an in-memory listing: keep-N, fire times in UTC, bisection, push projection. */
class GuardSimulationTest {

    private static final Instant NOW = Instant.parse("2026-11-30T00:50:00Z");

    private static Instant daysAgo(final double days) {
        return NOW.minus(Duration.ofMinutes(Math.round(days * 1440)));
    }

    /** Target 1.2.3 is {@code age} days old; {@code newer} eligible tags (31.. days) are newer than it. */
    private static InMemoryRegistry createRegistry(final int newer, final double age) {
        InMemoryRegistry r = new InMemoryRegistry().manifest("fresh", daysAgo(1), "2.0.0");
        for (int i = 0; i < newer; i++) {
            r.manifest("m" + i, daysAgo(31 + i * 0.1), "1.3." + i);
        }
        return r.manifest("target", daysAgo(age), "1.2.3");
    }

    private static CheckResult window(final InMemoryRegistry r, final String window) {
        return DeployGuard.check(r, GuardRequest.of("app:1.2.3", window), NOW).check(PurgeWindowCheck.PURGE_WINDOW);
    }

    /** keep 5 at the boundary: 5th newest eligible is kept, 6th is deleted at the first run. */
    @Test
    void shouldApplyKeepAtTheBoundary() {
        String cmd = "acr purge --filter 'app:.*' --ago 30d --keep 5";

        CheckResult kept = window(createRegistry(4, 45).task("nightly", cmd, "0 1 * * *"), "7d");
        CheckResult deleted = window(createRegistry(5, 45).task("nightly", cmd, "0 1 * * *"), "7d");

        assertThat(kept.verdict()).isEqualTo(Verdict.PASS);
        assertThat(kept.reason()).contains("7 purge run(s)");
        assertThat(deleted.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(deleted.earliestDeletion()).isEqualTo(Instant.parse("2026-11-30T01:00:00Z"));
        assertThat(deleted.reason()).isEqualTo("task nightly at 2026-11-30T01:00Z would delete it (ago 30d, keep 5;"
                + " it will be 45 days old and 6th newest; tag 1.2.3 goes, the manifest stays untagged)");
    }

    /** A tag that is not yet old enough is deleted by the first run after it crosses ago, in UTC. */
    @Test
    void shouldReportTheFirstRunAfterCrossingAgo() {
        InMemoryRegistry r = createRegistry(0, 27).task("weekly", "acr purge --filter 'app:.*' --ago 30d --untagged",
                "30 2 * * Sat");

        CheckResult c = window(r, "14d");

        // 30 days old on 3 Dec 00:50 UTC; the first Saturday 02:30 UTC after that is 5 Dec 2026
        assertThat(c.earliestDeletion()).isEqualTo(Instant.parse("2026-12-05T02:30:00Z"));
        assertThat(c.reason()).contains("would delete it").contains("and its manifest with it");
    }

    /** Bisection over many runs finds the same first run as walking them one by one. */
    @Test
    void shouldFindTheSameFirstRunByBisection() {
        String cmd = "acr purge --filter 'app:.*' --ago 30d";
        CheckResult hourly = window(createRegistry(0, 29.5).task("hourly", cmd, "0 * * * *"), "2d");
        CheckResult everyFive = window(createRegistry(0, 29.5).task("five", cmd, "*/5 * * * *"), "2d");

        // 30 days old at 2026-11-30T12:50Z
        assertThat(hourly.earliestDeletion()).isEqualTo(Instant.parse("2026-11-30T13:00:00Z"));
        assertThat(everyFive.earliestDeletion()).isEqualTo(Instant.parse("2026-11-30T12:55:00Z"));
        assertThat(everyFive.details()).anySatisfy(d -> assertThat(d).contains("five"));
    }

    /** A fresh push is young: a purge of older tags does not touch it, though the tag exists today on an old image. */
    @Test
    void shouldProjectAPushAsYoung() {
        InMemoryRegistry r = createRegistry(0, 45).task("nightly", "acr purge --filter 'app:.*' --ago 30d", "0 1 * * *");

        GuardVerdict push = DeployGuard.check(r, GuardRequest.of("app:1.2.3", "7d").withStage(Stage.PUSH)
                .withExpectedDigest(InMemoryRegistry.digest("new")).withMode(GuardMode.WARN), NOW);
        GuardVerdict deploy = DeployGuard.check(r, GuardRequest.of("app:1.2.3", "7d"), NOW);

        assertThat(push.check(PurgeWindowCheck.PURGE_WINDOW).verdict()).isEqualTo(Verdict.PASS);
        assertThat(deploy.check(PurgeWindowCheck.PURGE_WINDOW).verdict()).isEqualTo(Verdict.BLOCK);
    }

    /** acr purge lets a locked tagged index's untagged children go; the guard reports it and its lock closes it. */
    @Test
    void shouldReportAcrPurgesLockedIndexHoleAndCloseItWithTheLock() {
        InMemoryRegistry r = new InMemoryRegistry().manifest("amd", daysAgo(60)).manifest("arm", daysAgo(60))
                .index("idx", daysAgo(1), Locks.locked(), List.of("amd", "arm"), "1.2.3")
                .task("nightly", "acr purge --filter 'app:.*' --ago 30d --untagged", "0 1 * * *");

        CheckResult before = window(r, "7d");
        GuardVerdict locked = DeployGuard.check(r, GuardRequest.of("app:1.2.3", "7d").withMode(GuardMode.WARN)
                .withLock(true), NOW);
        CheckResult after = window(r, "7d");

        assertThat(before.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(before.reason()).contains("platform manifest " + InMemoryRegistry.digest("amd"))
                .contains("does not let a locked index shield its children");
        assertThat(locked.locked()).extracting(LockedItem::kind).containsExactly("tag", "manifest", "child", "child");
        assertThat(r.manifestLocks("arm").blocksDelete()).isTrue();
        assertThat(after.verdict()).isEqualTo(Verdict.PASS);
    }

    /** The lock warns when a scheduled purge runs with --include-locked. */
    @Test
    void shouldWarnThatIncludeLockedIgnoresTheLock() {
        InMemoryRegistry r = createRegistry(0, 2).task("force", "acr purge --filter 'app:.*' --ago 30d --include-locked",
                "0 1 * * *");

        GuardVerdict v = DeployGuard.check(r, GuardRequest.of("app:1.2.3", "7d").withLock(true), NOW);

        assertThat(v.check("lock").verdict()).isEqualTo(Verdict.WARN);
        assertThat(v.check("lock").reason()).contains("--include-locked");
        assertThat(r.tagLocks("1.2.3")).isEqualTo(new Locks(false, false, true, true));
    }

    /** The counting decorator refuses a second listing or a delete: the cost rule cannot regress silently. */
    @Test
    void shouldEnforceTheCostRule() {
        CountingRegistry counting = new CountingRegistry(createRegistry(0, 2));

        counting.tags("app", true);
        counting.tasks();

        assertThatThrownBy(() -> counting.tags("app", true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tags of app read twice");
        assertThatThrownBy(counting::tasks).hasMessageContaining("tasks read twice");
        assertThatThrownBy(() -> counting.deleteTag("app", "1.2.3")).hasMessageContaining("never deletes");
        assertThat(counting.byOperation()).containsEntry("tags", 2).containsEntry("tasks", 2);
    }

    /** A decision on a busy registry reads the tag listing, tasks and policies once each. */
    @Test
    void shouldCountCallsOfADecision() {
        InMemoryRegistry r = createRegistry(5, 45).task("nightly", "acr purge --filter 'app:.*' --ago 30d --keep 5",
                "*/5 * * * *");

        GuardVerdict v = DeployGuard.check(r, GuardRequest.of("app:1.2.3", "30d"), NOW);

        assertThat(v.callsByOperation()).containsOnly(java.util.Map.entry("tags", 1), java.util.Map.entry("tasks", 1),
                java.util.Map.entry("policies", 1), java.util.Map.entry("manifest", 1));
        assertThat(v.registryCalls()).isEqualTo(4);
    }

    /** A declared rules file: a keep rule and protections spare, a purge rule deletes now, naming the rule. */
    @Test
    void shouldSimulateADeclaredRulesFileAtNow() {
        PurgeRules rules = PurgeRules.parse("""
                rules:
                  - name: keep-releases
                    filter: ['app:^v\\d+$']
                    action: keep
                  - name: ci-builds
                    filter: ["app:.*"]
                    ago: 30d
                    keep: 1
                protect:
                  tags: ["^prod-"]
                """, null, "rules.yaml");
        InMemoryRegistry r = new InMemoryRegistry().manifest("rel", daysAgo(90), "v1")
                .manifest("prod", daysAgo(80), "prod-1").manifest("ci1", daysAgo(40), "ci-1")
                .manifest("ci2", daysAgo(50), "ci-2");

        CheckResult release = DeployGuard.check(r, GuardRequest.of("app:v1", "7d").withRules(List.of(rules))
                .withScheduledTasks(false), NOW).check(PurgeWindowCheck.PURGE_WINDOW);
        CheckResult prod = DeployGuard.check(r, GuardRequest.of("app:prod-1", "7d").withRules(List.of(rules))
                .withScheduledTasks(false), NOW).check(PurgeWindowCheck.PURGE_WINDOW);
        CheckResult kept = DeployGuard.check(r, GuardRequest.of("app:ci-1", "7d").withRules(List.of(rules))
                .withScheduledTasks(false), NOW).check(PurgeWindowCheck.PURGE_WINDOW);
        CheckResult ci = DeployGuard.check(r, GuardRequest.of("app:ci-2", "7d").withRules(List.of(rules))
                .withScheduledTasks(false), NOW).check(PurgeWindowCheck.PURGE_WINDOW);

        assertThat(release.verdict()).isEqualTo(Verdict.PASS);
        assertThat(prod.verdict()).isEqualTo(Verdict.PASS);
        assertThat(kept.verdict()).isEqualTo(Verdict.PASS);
        assertThat(ci.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(ci.reason()).isEqualTo("declared rules rules.yaml (no schedule: treated as running now) would delete"
                + " it (rule ci-builds: ago 30d, keep 1; it will be 50 days old and 2nd newest; tag ci-2 goes, the"
                + " manifest stays untagged)");
        assertThat(ci.earliestDeletion()).isEqualTo(NOW);
    }
}
