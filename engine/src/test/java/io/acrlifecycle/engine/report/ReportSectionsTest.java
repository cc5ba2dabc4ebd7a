package io.acrlifecycle.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.engine.guard.CheckResult;
import io.acrlifecycle.engine.guard.GuardMode;
import io.acrlifecycle.engine.guard.GuardVerdict;
import io.acrlifecycle.engine.guard.LockedItem;
import io.acrlifecycle.engine.guard.Verdict;
import io.acrlifecycle.engine.model.RegistryUsage;
import io.acrlifecycle.engine.purge.result.ItemResult;
import io.acrlifecycle.engine.purge.result.PurgeReport;
import io.acrlifecycle.engine.purge.result.RepositoryReport;
import io.acrlifecycle.engine.purge.plan.ManifestAction;
import io.acrlifecycle.engine.purge.plan.PurgePlan;
import io.acrlifecycle.engine.purge.plan.RepositoryPlan;
import io.acrlifecycle.engine.purge.plan.SpareReason;
import io.acrlifecycle.engine.purge.plan.Spared;
import io.acrlifecycle.engine.purge.plan.TagAction;
import io.acrlifecycle.engine.restore.RestoreItemResult;
import io.acrlifecycle.engine.restore.RestoreOutcome;
import io.acrlifecycle.engine.restore.RestoreReport;
import io.acrlifecycle.engine.usage.UsageReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportSectionsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T22:00:00Z");
    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);

    private static PurgePlan plan() {
        RepositoryPlan app = new RepositoryPlan("app",
                List.of(new TagAction("app", "v1", D1, NOW.minusSeconds(86_400 * 40), "r1", "older than 30d", false)),
                List.of(new ManifestAction("app", D1, List.of("v1"), null, 3L << 20, NOW, "r1", "untagged", false,
                        null, List.of())),
                List.of(new Spared("app", "v9", D2, SpareReason.KEPT_BY_KEEP, "r1", "1st newest")), "r1");
        return PurgePlan.of("demo.azurecr.io", NOW, "r1", List.of(app));
    }

    @Test
    void shouldShowADryRunPlanPerRepositoryWithTheSpared() {
        // given
        PurgePlan plan = plan();
        PurgeReport report = PurgeReport.of(plan, PurgeReport.Status.DRY_RUN, null, true, NOW, NOW, List.of(), null,
                plan);

        // when
        Section section = PurgeSections.of("Purge (dry run)", report);

        // then
        assertThat(section.outcome()).isEqualTo(Section.Outcome.DRY_RUN);
        assertThat(section.tables()).extracting(Table::caption)
                .containsExactly("plan against result", "app", "app: spared");
        Table app = section.tables().get(1);
        assertThat(app.rows()).hasSize(2);
        assertThat(app.rows().get(0)).containsExactly(":v1", "tag", "v1", "", "untag", "dry run", "r1: older than 30d");
        assertThat(app.rows().get(1)).contains(D1, "manifest", "3.0 MiB", "delete");
        assertThat(app.collapsed()).isFalse();
        Table spared = section.tables().get(2);
        assertThat(spared.collapsed()).isTrue();
        assertThat(spared.rows()).containsExactly(List.of(":v9", "tag", "v9", "", "keep", "spared",
                "KEPT_BY_KEEP: 1st newest"));
        assertThat(section.tables().get(0).rows().get(0)).containsExactly("tags untagged", "1", "-");
        assertThat(section.headline()).isEqualTo("would untag 1 tags and delete 1 manifests (3.0 MiB); 1 spared; "
                + "nothing deleted");
    }

    @Test
    void shouldShowPlanAgainstResultAfterARun() {
        // given
        PurgePlan plan = plan();
        RepositoryReport app = new RepositoryReport("app",
                List.of(new ItemResult("tag", "app", "v1", D1, List.of(), 0, "r1", ItemResult.Outcome.DELETED, null)),
                List.of(),
                plan.repositories().get(0).spared(),
                List.of(),
                List.of(new ItemResult("manifest", "app", null, D1, List.of("v1"), 3L << 20, "r1",
                        ItemResult.Outcome.FAILED, "HTTP 500")),
                List.of());
        PurgeReport report = PurgeReport.of(plan, PurgeReport.Status.FAILED, "stopped", false, NOW, NOW,
                List.of(app), "/tmp/j.jsonl", null);

        // when
        Section section = PurgeSections.of("Purge", report);

        // then
        assertThat(section.outcome()).isEqualTo(Section.Outcome.FAILED);
        assertThat(section.facts()).contains(new Section.Fact("journal", "/tmp/j.jsonl"),
                new Section.Fact("errors", "1"));
        assertThat(section.tables().get(0).rows()).contains(List.of("manifests deleted", "1", "0"));
        assertThat(section.tables().get(1).rows()).anySatisfy(r -> assertThat(r).contains("FAILED", "r1: HTTP 500"));
        assertThat(section.notes()).contains("stopped");
        assertThat(section.headline()).startsWith("untagged 1 of 1 tags, deleted 0 of 1 manifests").contains("1 errors");
    }

    @Test
    void shouldShowEveryGuardCheckAndTheLocks() {
        // given
        GuardVerdict verdict = new GuardVerdict("app:v1", D1, Verdict.BLOCK, GuardMode.BLOCK,
                List.of(CheckResult.pass("missing", "exists", null),
                        CheckResult.block("purge-window", "task t at 2026-11-27T01:00Z would delete it",
                                Instant.parse("2026-11-27T01:00:00Z"), List.of("ago 30d"))),
                List.of(new LockedItem("tag", "app", "v1", D1)), 4, Map.of("tags", 1), NOW, "7d");

        // when
        Section section = GuardSections.of("Guard", verdict);

        // then
        assertThat(section.outcome()).isEqualTo(Section.Outcome.BLOCK);
        assertThat(section.notes()).containsExactly("BLOCK purge-window: task t at 2026-11-27T01:00Z would delete it");
        assertThat(section.tables().get(0).rows()).contains(List.of("purge-window", "BLOCK",
                "task t at 2026-11-27T01:00Z would delete it", "2026-11-27T01:00:00Z", "ago 30d"));
        assertThat(section.tables().get(1).rows()).containsExactly(List.of("tag", "app", "v1", D1));
        assertThat(section.headline()).isEqualTo("BLOCK: purge-window: task t at 2026-11-27T01:00Z would delete it; "
                + "locked 1 item(s)");
    }

    @Test
    void shouldShowRestoreAndUsage() {
        // given
        RestoreReport restore = new RestoreReport("r", false, false, List.of(new RestoreItemResult("app", D1,
                List.of("v1"), RestoreOutcome.CONFLICT, D2, List.of(), "tag v1 is live elsewhere")),
                new RestoreReport.Totals(0, 0, 0, 1, 0, 0, 0));
        UsageReport usage = new UsageReport("r", 1L << 30, 4L << 30, 0, 2, 3, 5L << 20, 0,
                List.of(new RegistryUsage("Size", 4L << 30, 1L << 30, "Bytes"), new RegistryUsage("Webhooks", 10, 2,
                        "Count")));

        // when
        Section r = RegistrySections.restore("Restore", restore);
        Section u = RegistrySections.usage("Usage", usage);

        // then
        assertThat(r.outcome()).isEqualTo(Section.Outcome.FAILED);
        assertThat(r.tables().get(0).rows().get(0)).contains(D1, "CONFLICT", "tag v1 is live elsewhere");
        assertThat(r.headline()).startsWith("restored 0 of 1 manifest(s); ").contains("conflict 1");
        assertThat(u.headline()).isEqualTo("1.0 GiB used; 2 soft-deleted manifest(s) (5.0 MiB) still counted");
        assertThat(u.facts()).contains(new Section.Fact("storage used", "1.0 GiB (25.0% of 4.0 GiB)"));
        assertThat(u.tables().get(0).rows()).containsExactly(List.of("Size", "1.0 GiB", "4.0 GiB", "Bytes"),
                List.of("Webhooks", "2", "10", "Count"));
    }

    @Test
    void shouldShortenDigestsForTables() {
        assertThat(PurgeSections.shortDigest(D1)).isEqualTo("sha256:111111111111…");
        assertThat(PurgeSections.shortDigest(null)).isEmpty();
    }
}
