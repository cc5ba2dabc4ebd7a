package io.acrlifecycle.engine.forecast;

import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.purge.plan.ManifestLookup;
import io.acrlifecycle.engine.purge.plan.PurgePlanner;
import io.acrlifecycle.engine.purge.plan.RepositoryListing;
import io.acrlifecycle.engine.purge.plan.RepositoryPlan;
import io.acrlifecycle.engine.purge.rules.PurgeRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Simulates the runs of a window over one repository in the order they happen, each run planned by the purge
 * module's pure planner (as the real acr purge plans, for scheduled tasks) against the repository as the earlier
 * runs left it, with {@code now = } the run's time.
 *
 * <p>Why it is fast: a run is planned only when something it depends on changed since the same source's last
 * run that changed nothing: the repository (another run, or this one, removed something) or the clock (an item
 * crossed the source's {@code ago} cutoff in between). With a fixed repository and no crossing, the planner's
 * answer cannot change (its only time input is the cutoff), so such a run is skipped without being planned. The
 * crossing times ({@code lastUpdateTime + ago}, per rule, for tags and, with an untagged pass, manifests) are
 * computed once per source. And each plan reads only the items old enough for that run to delete
 * ({@code lastUpdateTime} before the run's cutoff {@code fire - ago}), plus every index (an index shields its
 * children whatever its age) and every item without a time: a younger item is spared by this run whatever happens,
 * takes no keep slot (acr purge's keep counts eligible tags and candidate manifests only), and a manifest keeps its
 * own tag list, so leaving it out changes no decision. After the first run has deleted the backlog, a plan reads the
 * kept and the newly aged items only. A {@code *}{@code /5} task over 7 days is 2017 runs; see docs/guard.md for
 * the measured cost.
 */
public final class OrderedSimulation {

    /** What one run changed: its plan (tags untagged, manifests deleted) and the referrers gone with a subject. */
    public record Applied(Run run, RepositoryPlan plan, List<ManifestInfo> removedWithSubject) {

        public boolean changed() {
            return !plan.untag().isEmpty() || !plan.delete().isEmpty();
        }
    }

    /** Sees every run that changed the repository, in order; returns true to stop the simulation there. */
    @FunctionalInterface
    public interface Observer {
        boolean changed(Applied applied);
    }

    /** {@code runs} in the window, {@code planned} of them planned (the others provably changed nothing). */
    public record Outcome(int runs, int planned, Applied stoppedAt) {
    }

    private final String loginServer;
    private final RepositoryState state;

    public OrderedSimulation(final String loginServer, final String repository, final List<TagInfo> tagsNewestFirst,
            final Supplier<List<ManifestInfo>> manifests, final ManifestLookup lookup) {
        this.loginServer = loginServer;
        this.state = new RepositoryState(repository, tagsNewestFirst, manifests, lookup);
    }

    /** The tag as the simulated runs so far left it. */
    public Optional<TagInfo> tag(final String name) {
        return state.tag(name);
    }

    /** The manifest as the simulated runs so far left it (lists the manifests on first use). */
    public Optional<ManifestInfo> manifest(final String digest) {
        return state.manifest(digest);
    }

    /** Bodies through the simulation's cache (what it learns of subjects feeds the referrer cascade). */
    public ManifestLookup lookup() {
        return state.lookup();
    }

    /**
     * Simulates {@code runs} (already in {@link Run#ORDER}, none after {@code until}); runs of sources that do not
     * select the repository are skipped.
     */
    public Outcome simulate(final List<Run> runs, final Instant until, final Observer observer) {
        // by identity: a source's record hash would walk its list of fire times on every run
        Map<RunSource, Memo> memo = new IdentityHashMap<>();
        Map<RunSource, Boolean> selects = new IdentityHashMap<>();
        int count = 0;
        int planned = 0;
        for (Run run : runs) {
            RunSource source = run.source();
            if (!selects.computeIfAbsent(source, x -> x.rules().selectsRepository(state.repository()))) {
                continue;
            }
            count++;
            Memo m = memo.computeIfAbsent(source, s -> new Memo(crossings(s), minAgo(s)));
            if (m.unchangedSince(state.version(), run.at())) {
                continue;
            }
            planned++;
            long cutoff = run.at().toEpochMilli() - m.ago;
            RepositoryListing listing = state.listing(t -> m.mayTag(t, cutoff), x -> m.mayDelete(x, cutoff));
            RepositoryPlan plan = source.acrPurge()
                    ? PurgePlanner.planRepositoryAsAcrPurge(loginServer, listing, source.rules(), run.at())
                    : PurgePlanner.planRepository(loginServer, listing, source.rules(), run.at());
            List<ManifestInfo> cascade = state.apply(plan);
            Applied applied = new Applied(run, plan, cascade);
            if (!applied.changed()) {
                m.clean(state.version(), run.at());
                continue;
            }
            m.dirty(); // plan its next run again: what it removed may have shielded something else
            if (observer.changed(applied)) {
                return new Outcome(count, planned, applied);
            }
        }
        return new Outcome(count, planned, null);
    }

    // The shortest ago of the source's rules: a run's view holds what the most eager rule could delete.
    private static long minAgo(final RunSource source) {
        long ago = Long.MAX_VALUE;
        for (PurgeRule r : source.rules().rules()) {
            if (r.action() == PurgeRule.Action.PURGE) {
                ago = Math.min(ago, r.ago().duration().toMillis());
            }
        }
        return ago == Long.MAX_VALUE ? 0 : ago;
    }

    // The instants at which an item crosses one of the source's cutoffs (tags: lastUpdate + ago; manifests too when
    // the rule has an untagged pass). Computed at the source's first run: runs only ever remove items, and a removed
    // item's crossing cannot matter.
    private long[] crossings(final RunSource source) {
        List<Long> out = new ArrayList<>();
        for (PurgeRule r : source.rules().rules()) {
            if (r.action() != PurgeRule.Action.PURGE) {
                continue;
            }
            long ago = r.ago().duration().toMillis();
            for (TagInfo t : state.tags()) {
                if (t.lastUpdateTime() != null) {
                    out.add(t.lastUpdateTime().toEpochMilli() + ago);
                }
            }
            if (r.decidesUntagged() && r.appliesToRepository(state.repository())) {
                for (ManifestInfo m : state.listing().manifests()) {
                    if (m.lastUpdateTime() != null) {
                        out.add(m.lastUpdateTime().toEpochMilli() + ago);
                    }
                }
            }
        }
        long[] a = out.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a;
    }

    /** Per source: the version and time of its last run that changed nothing, and its crossing instants. */
    private static final class Memo {
        private final long[] crossings;
        private final long ago;
        private int version = -1;
        private long cleanAt;

        Memo(final long[] crossings, final long ago) {
            this.crossings = crossings;
            this.ago = ago;
        }

        // a tag qualifies when lastUpdateTime < fire - ago; time-less tags stay in (the planner spares them)
        boolean mayTag(final TagInfo t, final long cutoff) {
            return t.lastUpdateTime() == null || t.lastUpdateTime().toEpochMilli() < cutoff;
        }

        // an untagged manifest qualifies unless lastUpdateTime > fire - ago; indexes stay in to shield children
        boolean mayDelete(final ManifestInfo m, final long cutoff) {
            return m.lastUpdateTime() == null || m.mediaType() == null || m.isIndex()
                    || m.lastUpdateTime().toEpochMilli() <= cutoff;
        }

        void clean(final int atVersion, final Instant at) {
            version = atVersion;
            cleanAt = at.toEpochMilli();
        }

        void dirty() {
            version = -1;
        }

        // Unchanged repository and no crossing in [cleanAt, at] (both ends: a tag qualifies strictly after its
        // crossing, an untagged manifest at it): the plan would be the same empty plan.
        boolean unchangedSince(final int current, final Instant at) {
            if (version != current) {
                return false;
            }
            int i = Arrays.binarySearch(crossings, cleanAt);
            int first = i >= 0 ? i : -i - 1;
            while (first > 0 && crossings[first - 1] == cleanAt) {
                first--;
            }
            return first >= crossings.length || crossings[first] > at.toEpochMilli();
        }
    }
}
