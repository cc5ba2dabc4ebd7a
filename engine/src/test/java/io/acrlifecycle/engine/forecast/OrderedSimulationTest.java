package io.acrlifecycle.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.engine.guard.schedule.ScheduledPurge.Fire;
import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.model.ManifestContent;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.MediaTypes;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.purge.plan.ManifestAction;
import io.acrlifecycle.engine.purge.plan.ManifestLookup;
import io.acrlifecycle.engine.purge.plan.PurgePlanner;
import io.acrlifecycle.engine.purge.plan.RepositoryPlan;
import io.acrlifecycle.engine.purge.plan.TagAction;
import io.acrlifecycle.engine.purge.rules.PurgeRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts of the ordered simulation (runs skipped when nothing changed, plans over the aged part of the
 * repository only) change nothing: on generated repositories it reports exactly what planning every run over the
 * whole repository reports.
 */
class OrderedSimulationTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private record Repo(List<TagInfo> tags, List<ManifestInfo> manifests, Map<String, ManifestContent> bodies) {
    }

    private static Repo generate(final long seed) {
        Random rnd = new Random(seed);
        List<TagInfo> tags = new ArrayList<>();
        List<ManifestInfo> manifests = new ArrayList<>();
        Map<String, ManifestContent> bodies = new HashMap<>();
        for (int i = 0; i < 120; i++) {
            String d = String.format("sha256:%064x", i + 1);
            Instant at = NOW.minus(Duration.ofMinutes(rnd.nextInt(45 * 1440)));
            Locks locks = rnd.nextInt(15) == 0 ? Locks.locked() : Locks.NONE;
            List<String> names = rnd.nextInt(4) == 0 ? List.of() : List.of("t" + i);
            manifests.add(new ManifestInfo("app", d, MediaTypes.DOCKER_MANIFEST, 100 + i, at, at, names, locks));
            names.forEach(n -> tags.add(new TagInfo("app", n, d, at, at, rnd.nextInt(20) == 0 ? Locks.locked()
                    : Locks.NONE)));
        }
        // an index (locked or not) over two untagged children, and a referrer of an untagged manifest
        String idx = String.format("sha256:%064x", 1000);
        Instant idxAt = NOW.minus(Duration.ofDays(2));
        String c1 = manifests.get(0).digest();
        String c2 = manifests.get(1).digest();
        manifests.add(new ManifestInfo("app", idx, MediaTypes.OCI_INDEX, 10, idxAt, idxAt, List.of("multi"),
                seed % 2 == 0 ? Locks.locked() : Locks.NONE));
        tags.add(new TagInfo("app", "multi", idx, idxAt, idxAt, Locks.NONE));
        bodies.put(idx, new ManifestContent(idx, MediaTypes.OCI_INDEX, null, List.of(c1, c2), 10));
        String sig = String.format("sha256:%064x", 2000);
        manifests.add(new ManifestInfo("app", sig, MediaTypes.OCI_MANIFEST, 5, idxAt, idxAt, List.of(), Locks.NONE));
        bodies.put(sig, new ManifestContent(sig, MediaTypes.OCI_MANIFEST, manifests.get(2).digest(), List.of(), 5));
        tags.sort((a, b) -> b.lastUpdateTime().compareTo(a.lastUpdateTime()));
        return new Repo(tags, manifests, bodies);
    }

    private static RunSource every(final String task, final String cron, final PurgeRules rules) {
        List<Fire> fires = new ArrayList<>();
        for (Instant at = NOW; !at.isAfter(NOW.plus(Duration.ofDays(7))); at = at.plus(Duration.ofMinutes(
                Integer.parseInt(cron)))) {
            fires.add(new Fire(at, 0));
        }
        return new RunSource("task " + task, task, 1, rules, fires, true, task);
    }

    private static String describe(final Run run, final RepositoryPlan plan, final List<ManifestInfo> cascade) {
        return run.at() + " " + run.source().task() + " untag " + plan.untag().stream().map(TagAction::tag).sorted()
                .toList() + " delete " + plan.delete().stream().map(ManifestAction::digest).sorted().toList()
                + " cascade " + cascade.stream().map(ManifestInfo::digest).toList();
    }

    @Test
    void shouldReportWhatPlanningEveryRunOverTheWholeRepositoryReports() {
        for (long seed = 1; seed <= 6; seed++) {
            Repo repo = generate(seed);
            ManifestLookup lookup = d -> Optional.ofNullable(repo.bodies().get(d));
            List<RunSource> sources = List.of(
                    every("a-tags", "45", PurgeRules.fromAcrPurgeArgs(List.of("app:.*"), "30d", 5, false, false,
                            false)),
                    every("b-untagged", "60", PurgeRules.fromAcrPurgeArgs(List.of(), "3d", 2, false, true, false)),
                    every("c-both", "180", PurgeRules.fromAcrPurgeArgs(List.of("app:^t1"), "20d", 3, true, false,
                            false)));
            List<Run> runs = RunSources.runs(sources);

            List<String> fast = new ArrayList<>();
            OrderedSimulation sim = new OrderedSimulation(null, "app", repo.tags(), repo::manifests, lookup);
            OrderedSimulation.Outcome outcome = sim.simulate(runs, NOW.plus(Duration.ofDays(7)), a -> {
                fast.add(describe(a.run(), a.plan(), a.removedWithSubject()));
                return false;
            });

            List<String> slow = new ArrayList<>();
            RepositoryState state = new RepositoryState("app", repo.tags(), repo::manifests, lookup);
            for (Run run : runs) {
                RepositoryPlan plan = PurgePlanner.planRepositoryAsAcrPurge(null, state.listing(),
                        run.source().rules(), run.at());
                List<ManifestInfo> cascade = state.apply(plan);
                if (!plan.untag().isEmpty() || !plan.delete().isEmpty()) {
                    slow.add(describe(run, plan, cascade));
                }
            }

            assertThat(fast).as("seed " + seed).isEqualTo(slow).isNotEmpty();
            assertThat(outcome.planned()).as("seed " + seed).isLessThan(outcome.runs());
        }
    }
}
