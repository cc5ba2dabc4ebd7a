package io.acrlifecycle.engine.forecast;

import io.acrlifecycle.engine.forecast.ForecastEvent.Item;
import io.acrlifecycle.engine.forecast.ForecastEvent.Kind;
import io.acrlifecycle.engine.guard.schedule.TaskNote;
import io.acrlifecycle.engine.guard.schedule.TaskPurgeReader;
import io.acrlifecycle.engine.guard.schedule.TaskPurgeReport;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.RegistryPolicies;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.purge.plan.ManifestAction;
import io.acrlifecycle.engine.purge.plan.TagAction;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.registry.RegistryException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The deletion forecast: for the whole registry, every deletion the window holds, in time order. Each repository
 * that a scheduled acr purge task selects is simulated with the deploy guard's {@link OrderedSimulation} (every run
 * of every enabled timer, in time order, each run on the repository as the earlier runs left it, planned as acr
 * purge plans). Then the untagged retention policy (manifests untagged now or by a run, deleted {@code days} after)
 * and the soft-deleted manifests that pass their expiry (now soft-deleted, or soft-deleted by a run). Reads: the
 * tasks and policies once each (ARM), the repositories, the tag and manifest listing of each selected repository
 * once, the bodies acr purge would read, and the soft-deleted manifests of each repository. Deletes nothing.
 */
public final class ForecastService {

    private ForecastService() {
    }

    public static Forecast forecast(final Registry registry, final ForecastRequest request, final Instant now,
            final EngineLog log) {
        Instant from = now.truncatedTo(ChronoUnit.SECONDS);
        Instant until = from.plus(request.windowLength());
        List<String> notes = new ArrayList<>();
        RegistryPolicies policies = null;
        try {
            policies = registry.policies();
        } catch (RegistryException | UnsupportedOperationException e) {
            notes.add("the registry's policies could not be read over ARM (" + e.getMessage() + "): the retention"
                    + " policy and soft-delete expiry are not forecast");
        }
        TaskPurgeReport tasks = null;
        if (request.includeScheduledTasks()) {
            try {
                tasks = new TaskPurgeReader(registry.loginServer()).read(registry.tasks());
                tasks.risks().forEach(n -> notes.add("may purge but could not be read: " + n.message()));
                tasks.notes(TaskNote.Kind.NOT_SCHEDULED).forEach(n -> notes.add(n.message()));
            } catch (RegistryException | UnsupportedOperationException e) {
                notes.add("the registry's ACR tasks could not be read over ARM (" + e.getMessage() + "): scheduled"
                        + " purges are not forecast");
            }
        } else {
            notes.add("scheduled tasks not considered (includeScheduledTasks is off)");
        }
        RunSources sources = RunSources.of(List.of(), tasks, from, until);
        sources.unreadable().forEach(u -> notes.add("may purge but could not be read: " + u));
        int runs = sources.list().stream().mapToInt(s -> s.fires().size()).sum();
        boolean retention = request.includeRetentionPolicy() && policies != null && policies.retentionEnabled();
        int softDays = policies == null ? 0 : policies.softDeleteRetentionDays();
        boolean softDelete = policies != null && policies.softDeleteEnabled();
        List<ForecastEvent> events = new ArrayList<>();
        TreeSet<String> repos = new TreeSet<>();
        registry.repositories().forEach(repos::add);
        for (String repo : repos) {
            List<RunSource> selecting = sources.selecting(repo);
            if (!selecting.isEmpty() || retention) {
                log.info("forecast: " + repo + " (" + selecting.size() + " scheduled purge(s))");
                events.addAll(repository(registry, repo, selecting, from, until, retention ? policies : null,
                        softDelete ? softDays : -1));
            }
        }
        if (policies != null) {
            events.addAll(expiring(registry, repos, from, until, softDays, notes));
        }
        events.sort(Comparator.comparing(ForecastEvent::at).thenComparing(ForecastEvent::kind)
                .thenComparing(ForecastEvent::source).thenComparing(ForecastEvent::repository));
        if (policies != null && !softDelete) {
            notes.add("soft delete is off: every deletion above is permanent");
        } else if (policies != null) {
            notes.add("soft delete is on (" + softDays + " days): a deleted manifest can be restored until its expiry");
        }
        if (retention) {
            notes.add("untagged retention policy on (" + policies.retentionDays() + " days), measured from the"
                    + " manifest's lastUpdateTime for manifests untagged now (ACR does not report the untag time)");
        }
        notes.add("assumes nothing is pushed, untagged or deleted in the window other than by the runs shown, and"
                + " that each run completes");
        int tags = 0;
        int manifests = 0;
        long bytes = 0;
        int expiring = 0;
        for (ForecastEvent e : events) {
            if (e.kind() == Kind.EXPIRY) {
                expiring += e.manifests().size();
            } else {
                tags += e.tags().size();
                manifests += e.manifests().size();
                bytes += e.bytes();
            }
        }
        return new Forecast(registry.loginServer(), from, until, request.window(), events, tags, manifests, bytes,
                expiring, runs, notes);
    }

    // The runs over one repository, then its retention deletes; runs are not re-planned around retention (a
    // manifest retention takes first is left out of the later run instead).
    private static List<ForecastEvent> repository(final Registry registry, final String repo,
            final List<RunSource> selecting, final Instant from, final Instant until,
            final RegistryPolicies retention, final int softDays) {
        List<TagInfo> tags = selecting.isEmpty() ? List.of() : copy(registry.tags(repo, true));
        Supplier<List<ManifestInfo>> manifests = once(() -> copy(registry.manifests(repo)));
        OrderedSimulation sim = new OrderedSimulation(registry.loginServer(), repo, tags, manifests,
                d -> registry.manifestContent(repo, d));
        List<ForecastEvent> runEvents = new ArrayList<>();
        Map<String, Instant> untaggedAt = new HashMap<>();
        Map<String, Instant> deletedAt = new HashMap<>();
        sim.simulate(RunSources.runs(selecting), until, applied -> {
            Instant at = applied.run().at();
            List<Item> items = new ArrayList<>();
            long bytes = 0;
            for (ManifestAction a : applied.plan().delete()) {
                items.add(new Item(a.digest(), a.tags(), Math.max(0, a.size()), a.reason()));
                bytes += Math.max(0, a.size());
            }
            for (ManifestInfo m : applied.removedWithSubject()) {
                items.add(new Item(m.digest(), m.tags(), Math.max(0, m.imageSize()),
                        "a referrer: ACR deletes it together with its subject"));
                bytes += Math.max(0, m.imageSize());
            }
            items.forEach(i -> deletedAt.putIfAbsent(i.digest(), at));
            if (retention != null) {
                for (TagAction t : applied.plan().untag()) {
                    sim.manifest(t.digest()).filter(m -> m.tags().isEmpty())
                            .ifPresent(m -> untaggedAt.putIfAbsent(m.digest(), at));
                }
            }
            runEvents.add(new ForecastEvent(at, Kind.RUN, applied.run().source().label(), repo,
                    applied.plan().untag().stream().map(TagAction::tag).toList(), items, bytes));
            return false;
        });
        List<ForecastEvent> out = new ArrayList<>();
        Map<String, Instant> retained = retention == null ? Map.of()
                : retentionDeletes(manifests.get(), untaggedAt, deletedAt, from, until, retention, repo, out);
        for (ForecastEvent e : runEvents) {
            List<Item> items = e.manifests().stream()
                    .filter(i -> !retained.containsKey(i.digest()) || !retained.get(i.digest()).isBefore(e.at()))
                    .toList();
            long bytes = items.stream().mapToLong(Item::bytes).sum();
            out.add(new ForecastEvent(e.at(), e.kind(), e.source(), repo, e.tags(), items, bytes));
            if (softDays > 0) {
                // soft-deleted by this run: restorable until the run's time + the retention days
                Instant expires = e.at().plus(softDays, ChronoUnit.DAYS);
                if (!expires.isAfter(until) && !items.isEmpty()) {
                    out.add(new ForecastEvent(expires, Kind.EXPIRY, "soft-delete expiry (" + softDays + " days)",
                            repo, List.of(), items.stream().map(i -> new Item(i.digest(), i.tags(), i.bytes(),
                                    "soft-deleted by " + e.source() + " at " + e.at())).toList(),
                            bytes));
                }
            }
        }
        return out;
    }

    private static Map<String, Instant> retentionDeletes(final List<ManifestInfo> manifests,
            final Map<String, Instant> untaggedByRun, final Map<String, Instant> deletedByRun, final Instant from,
            final Instant until, final RegistryPolicies policy, final String repo, final List<ForecastEvent> out) {
        Map<String, Instant> retained = new HashMap<>();
        TreeMap<Instant, List<Item>> byDue = new TreeMap<>();
        for (ManifestInfo m : manifests) {
            if (m.locks().blocksDelete()) {
                continue; // the retention policy skips deleteEnabled=false
            }
            Instant untagged = m.tags().isEmpty() ? m.lastUpdateTime() : untaggedByRun.get(m.digest());
            if (m.tags().isEmpty() && untagged == null) {
                untagged = from;
            }
            if (untagged == null) {
                continue;
            }
            Instant due = untagged.plus(policy.retentionDays(), ChronoUnit.DAYS);
            due = due.isBefore(from) ? from : due;
            Instant byRun = deletedByRun.get(m.digest());
            if (due.isAfter(until) || (byRun != null && !byRun.isAfter(due))) {
                continue;
            }
            retained.put(m.digest(), due);
            byDue.computeIfAbsent(due, k -> new ArrayList<>()).add(new Item(m.digest(), m.tags(),
                    Math.max(0, m.imageSize()), "untagged since " + untagged + "; the policy deletes it "
                    + policy.retentionDays() + " days later"));
        }
        byDue.forEach((at, items) -> out.add(new ForecastEvent(at, Kind.RETENTION, "retention policy (untagged, "
                + policy.retentionDays() + " days)", repo, List.of(), items,
                items.stream().mapToLong(Item::bytes).sum())));
        return retained;
    }

    // Soft-deleted manifests whose expiry (deletedAt + the current retention days, az CLI's rule) is in the window;
    // one already past is purged by the next daily auto-purge, so it is shown at the start of the window.
    private static List<ForecastEvent> expiring(final Registry registry, final TreeSet<String> live,
            final Instant from, final Instant until, final int days, final List<String> notes) {
        TreeSet<String> repos = new TreeSet<>(live);
        try {
            registry.deletedRepositories().forEach(repos::add);
        } catch (RegistryException | UnsupportedOperationException e) {
            notes.add("soft-deleted repositories could not be listed (" + e.getMessage() + ")");
        }
        List<ForecastEvent> out = new ArrayList<>();
        for (String repo : repos) {
            TreeMap<Instant, List<Item>> byExpiry = new TreeMap<>();
            try {
                for (DeletedManifest m : registry.deletedManifests(repo)) {
                    Instant expires = m.expiresAt() != null ? m.expiresAt()
                            : m.deletedAt() == null ? null : m.deletedAt().plus(days, ChronoUnit.DAYS);
                    if (expires == null || expires.isAfter(until)) {
                        continue;
                    }
                    Instant at = expires.isBefore(from) ? from : expires;
                    byExpiry.computeIfAbsent(at, k -> new ArrayList<>()).add(new Item(m.digest(), m.formerTags(),
                            Math.max(0, m.size()), "soft-deleted at " + m.deletedAt() + ", expires " + expires
                            + (expires.isBefore(from) ? " (already due: purged at the next daily auto-purge)" : "")
                            + "; no restore after that"));
                }
            } catch (RegistryException | UnsupportedOperationException e) {
                notes.add("soft-deleted manifests of " + repo + " could not be read (" + e.getMessage() + ")");
            }
            byExpiry.forEach((at, items) -> out.add(new ForecastEvent(at, Kind.EXPIRY, "soft-delete expiry ("
                    + days + " days)", repo, List.of(), items, items.stream().mapToLong(Item::bytes).sum())));
        }
        return out;
    }

    private static <T> Supplier<T> once(final Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    private static <T> List<T> copy(final Iterable<T> items) {
        List<T> out = new ArrayList<>();
        items.forEach(out::add);
        return List.copyOf(out);
    }
}
