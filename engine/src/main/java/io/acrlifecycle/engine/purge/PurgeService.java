package io.acrlifecycle.engine.purge;

import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.ManifestContent;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.model.RegistryPolicies;
import io.acrlifecycle.engine.purge.exec.ExecutorOptions;
import io.acrlifecycle.engine.purge.exec.PurgeExecutor;
import io.acrlifecycle.engine.purge.journal.PurgeJournal;
import io.acrlifecycle.engine.purge.plan.ManifestLookup;
import io.acrlifecycle.engine.purge.plan.PurgePlan;
import io.acrlifecycle.engine.purge.plan.PurgePlanner;
import io.acrlifecycle.engine.purge.plan.RepositoryListing;
import io.acrlifecycle.engine.purge.plan.RepositoryPlan;
import io.acrlifecycle.engine.purge.rules.PurgeRules;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.registry.RegistryException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one purge entry point for the CLI and the Jenkins plugin: validate, list, plan, check the safety net
 * ({@link #refusal}), journal, execute ({@link PurgeExecutor}), report. A dry run returns the plan and changes nothing. Invalid options throw
 * {@link io.acrlifecycle.engine.purge.rules.RulesException} before any request is sent.
 */
public final class PurgeService {

    private PurgeService() {
    }

    public static PurgeReport run(Registry registry, PurgeRequest request, PurgeProgress progress, EngineLog log) {
        return run(registry, request, progress, log, Clock.systemUTC());
    }

    public static PurgeReport run(Registry registry, PurgeRequest request, PurgeProgress progress, EngineLog log,
            Clock clock) {
        PurgeProgress p = progress == null ? PurgeProgress.NONE : progress;
        EngineLog l = log == null ? EngineLog.SILENT : log;
        PurgeRules rules = request.validate();
        var options = request.executorOptions();
        Instant started = Instant.now(clock);
        PurgePlan plan = plan(registry, rules, started, l);
        p.planned(plan);
        if (request.dryRun()) {
            l.info("DRY RUN: the following shows what WOULD be deleted. Nothing is deleted.");
            plan.render(false).lines().forEach(l::info);
            List<RepositoryReport> repos = new ArrayList<>();
            for (RepositoryPlan rp : plan.repositories()) {
                repos.add(new RepositoryReport(rp.repository(), List.of(), List.of(), rp.spared(), List.of(),
                        List.of(), List.of()));
            }
            PurgeReport report = PurgeReport.of(plan, PurgeReport.Status.DRY_RUN, null, true, started,
                    Instant.now(clock), repos, null, plan);
            p.done(report);
            return report;
        }
        // request.validate() refused a real run without a journal
        try (PurgeJournal journal = PurgeJournal.open(request.journal())) {
            Instant checked = Instant.now();
            String refusal = refusal(plan, options, registry);
            if (refusal != null) {
                l.warn("purge refused: " + refusal);
                PurgeReport report = PurgeReport.of(plan, PurgeReport.Status.REFUSED, refusal, false, checked,
                        Instant.now(), notAttempted(plan), journal.file().toString(), plan);
                p.done(report);
                return report;
            }
            return new PurgeExecutor(registry, options, p, l).execute(plan, journal);
        }
    }

    /**
     * The safety net, checked before anything is sent: why this plan must not run, or null. Refused when it sends
     * more deletes than {@code maxDeletes}, or when soft delete is off (or cannot be read over ARM) and permanent
     * deletes are not allowed. Reads at most the registry's policies, on the calling thread.
     */
    static String refusal(PurgePlan plan, ExecutorOptions options, Registry registry) {
        if (options.maxDeletes() != null && plan.deletes() > options.maxDeletes()) {
            return "the plan sends " + plan.deletes() + " deletes (" + plan.totals().tagsToUntag() + " untags, "
                    + plan.totals().manifestsToDelete() + " manifest deletes), more than maxDeletes "
                    + options.maxDeletes() + "; nothing was deleted. Review the plan, then raise maxDeletes or narrow the rules";
        }
        if (plan.deletes() > 0 && options.requireSoftDelete() && !options.allowPermanentDelete()) {
            RegistryPolicies policies;
            try {
                policies = registry.policies();
            } catch (RuntimeException e) {
                return "cannot confirm that soft delete is enabled on " + plan.registry() + " (" + e.getMessage()
                        + "); nothing was deleted. Pass allowPermanentDelete to purge without that check";
            }
            if (!policies.softDeleteEnabled()) {
                return "soft delete is disabled on " + plan.registry() + ": deleted images could not be restored; "
                        + "nothing was deleted. Enable soft delete, or pass allowPermanentDelete to delete permanently";
            }
        }
        return null;
    }

    /** A refused plan's report: every planned item NOT_ATTEMPTED, every spared item as planned. */
    private static List<RepositoryReport> notAttempted(PurgePlan plan) {
        List<RepositoryReport> out = new ArrayList<>();
        for (RepositoryPlan rp : plan.repositories()) {
            List<ItemResult> na = new ArrayList<>();
            rp.untag().forEach(t -> na.add(ItemResult.of(t, ItemResult.Outcome.NOT_ATTEMPTED, "refused")));
            rp.delete().forEach(m -> na.add(ItemResult.of(m, ItemResult.Outcome.NOT_ATTEMPTED, "refused")));
            out.add(new RepositoryReport(rp.repository(), List.of(), List.of(), rp.spared(), List.of(), List.of(), na));
        }
        return out;
    }

    /**
     * Lists the repositories the rules select (name order) and plans each from lazily paged listings; only the
     * plan is kept. A repository that vanished while listing (404) is skipped, like acr purge.
     */
    public static PurgePlan plan(Registry registry, PurgeRules rules, Instant now, EngineLog log) {
        List<String> repos = new ArrayList<>();
        for (String r : registry.repositories()) {
            if (rules.selectsRepository(r)) {
                repos.add(r);
            }
        }
        repos.sort(null);
        List<RepositoryPlan> plans = new ArrayList<>();
        for (String repo : repos) {
            Iterable<TagInfo> tags = () -> registry.tags(repo, true).iterator();
            Iterable<ManifestInfo> manifests = () -> registry.manifests(repo).iterator();
            ManifestLookup lookup = new CachingLookup(registry, repo);
            try {
                plans.add(PurgePlanner.planRepository(registry.loginServer(),
                        new RepositoryListing(repo, tags, manifests, lookup), rules, now));
            } catch (RegistryException e) {
                if (e.status() != 404) {
                    throw e;
                }
                log.warn(repo + ": repository not found while listing; skipped");
            }
        }
        return PurgePlan.of(registry.loginServer(), now, rules.source(), plans);
    }

    /** Reads bodies on demand; {@code prefetch} reads a batch with a small pool (like acr purge's GET pool). */
    private static final class CachingLookup implements ManifestLookup {
        private final Registry registry;
        private final String repo;
        private final java.util.Map<String, Optional<ManifestContent>> cache = new java.util.concurrent.ConcurrentHashMap<>();

        CachingLookup(Registry registry, String repo) {
            this.registry = registry;
            this.repo = repo;
        }

        @Override
        public Optional<ManifestContent> content(String digest) {
            Optional<ManifestContent> c = cache.get(digest);
            return c != null ? c : PurgeService.content(registry, repo, digest);
        }

        @Override
        public void prefetch(java.util.Collection<String> digests) {
            if (digests.size() < 2) {
                return;
            }
            int threads = Math.min(digests.size(), io.acrlifecycle.engine.purge.exec.ExecutorOptions.defaultConcurrency() * 2);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "purge-read");
                t.setDaemon(true);
                return t;
            });
            try {
                List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
                for (String d : digests) {
                    fs.add(pool.submit(() -> cache.put(d, PurgeService.content(registry, repo, d))));
                }
                for (java.util.concurrent.Future<?> f : fs) {
                    f.get();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading manifests", e);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static Optional<ManifestContent> content(Registry registry, String repo, String digest) {
        try {
            return registry.manifestContent(repo, digest);
        } catch (RegistryException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
