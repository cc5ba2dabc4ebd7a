package io.acrlifecycle.engine.purge.exec;

import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.purge.ItemResult.Outcome;
import io.acrlifecycle.engine.purge.plan.ManifestAction;
import io.acrlifecycle.engine.purge.plan.RepositoryPlan;
import io.acrlifecycle.engine.purge.plan.Spared;
import io.acrlifecycle.engine.purge.plan.TagAction;
import io.acrlifecycle.engine.registry.Registry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The re-check strategy. The plan was made from one listing of the whole registry, possibly long before an item's
 * turn, so each item is compared with the registry just before its request and skipped when it changed since the
 * plan (tag moved or re-pushed; manifest tagged or newly locked). The registry's state comes from one re-listing of
 * the repository per phase, read alongside the deletes ({@link Relisting}), or from a GET per item when the phase is
 * small next to the listing ({@link #useListing}). Listings and GETs go through the read gate.
 */
final class Rechecks {
    /** How long a phase end waits for its re-listing's request in flight. */
    static final Duration LISTING_WAIT = Duration.ofSeconds(30);

    /** Why a re-checked item is not sent: SKIPPED (changed since plan) or ALREADY_GONE; null = send it. */
    record Check(Outcome outcome, String detail) {
    }

    /** Sentinel: the re-listing cannot tell, re-read the item. */
    static final Check READ = new Check(Outcome.NOT_ATTEMPTED, "re-read");

    /** What a re-listing keeps of a tag / a manifest: only what the re-check compares. */
    record TagNow(String digest, Instant lastUpdateTime) {
    }

    record ManifestNow(List<String> tags, Locks locks) {
    }

    private final Registry registry;
    private final ExecutorOptions options;
    private final Gate readGate;
    private final RunStop stop;
    private final EngineLog log;

    Rechecks(Registry registry, ExecutorOptions options, Gate readGate, RunStop stop, EngineLog log) {
        this.registry = registry;
        this.options = options;
        this.readGate = readGate;
        this.stop = stop;
        this.log = log;
    }

    /**
     * Re-reads the tag just before the untag. A tag moved to another digest (or re-pushed: new lastUpdateTime) is
     * no longer the one the rules selected, and untagging by name would remove the new image's tag.
     */
    Check recheck(TagAction t) {
        Optional<TagInfo> now = registry.tag(t.repository(), t.tag());
        return now.isEmpty() ? new Check(Outcome.ALREADY_GONE, "gone when re-read before the untag")
                : compare(t, now.get().digest(), now.get().lastUpdateTime());
    }

    /**
     * Re-reads the manifest just before its DELETE (which takes every tag along): a manifest tagged since the plan
     * (by a push, or a tag moved onto it) or locked since the plan is skipped. By then the tags the plan removes are
     * already gone, so any tag it still has is one the plan did not expect to remove.
     */
    Check recheck(ManifestAction m) {
        Optional<ManifestInfo> now = registry.manifest(m.repository(), m.digest());
        return now.isEmpty() ? new Check(Outcome.ALREADY_GONE, "gone when re-read before the delete")
                : compare(m, now.get().tags(), now.get().locks());
    }

    /** The tag as the phase's re-listing showed it; READ when the listing cannot tell (then it is re-read). */
    static Check listed(TagAction t, TagNow now) {
        return now == null ? READ : compare(t, now.digest(), now.lastUpdateTime());
    }

    static Check listed(ManifestAction m, ManifestNow now) {
        return now == null ? READ : compare(m, now.tags(), now.locks());
    }

    private static Check compare(TagAction t, String digest, Instant lastUpdateTime) {
        if (!digest.equals(t.digest())) {
            return new Check(Outcome.SKIPPED, "changed since plan: now points at " + digest);
        }
        if (!Objects.equals(lastUpdateTime, t.lastUpdateTime())) {
            return new Check(Outcome.SKIPPED, "changed since plan: updated " + lastUpdateTime + " (planned "
                    + t.lastUpdateTime() + ")");
        }
        return null;
    }

    private static Check compare(ManifestAction m, List<String> tags, Locks locks) {
        if (!tags.isEmpty()) {
            return new Check(Outcome.SKIPPED, "changed since plan: now tagged " + tags
                    + "; deleting the manifest would take the tag(s) along");
        }
        if (locks.blocksDelete() && !m.unlock()) {
            return new Check(Outcome.SKIPPED, "changed since plan: now locked (deleteEnabled="
                    + locks.deleteEnabled() + ", writeEnabled=" + locks.writeEnabled() + ")");
        }
        return null;
    }

    /** The untag phase's re-listing of the tags {@code wanted}, or null when they are re-read one by one. */
    Relisting<TagNow> relistTags(RepositoryPlan rp, Set<String> wanted) {
        return relist(rp.repository(), "tags", wanted, listedTags(rp), r -> {
            for (TagInfo t : registry.tags(rp.repository(), true)) {
                if (!r.offer(t.name(), new TagNow(t.digest(), t.lastUpdateTime()))) {
                    return;
                }
            }
        });
    }

    /** The delete phase's re-listing of the manifests {@code wanted}, or null when they are re-read one by one. */
    Relisting<ManifestNow> relistManifests(RepositoryPlan rp, Set<String> wanted) {
        return relist(rp.repository(), "manifests", wanted, listedManifests(rp), r -> {
            for (ManifestInfo m : registry.manifests(rp.repository())) {
                if (!r.offer(m.digest(), new ManifestNow(m.tags(), m.locks()))) {
                    return;
                }
            }
        });
    }

    /** A phase's re-listing feed: pages through one listing, offering each entry until offer says stop. */
    private interface Feed<V> {
        void run(Relisting<V> r) throws InterruptedException;
    }

    /**
     * Starts the re-listing of one phase on its own thread (workers wait on it; a pool thread could be queued behind
     * them), or returns null when the items are re-read one by one. The listing goes through the read gate (AIMD,
     * Retry-After); if it fails (after the registry layer's retries), the items it has not shown are re-read one by
     * one.
     */
    private <V> Relisting<V> relist(String repo, String what, Set<String> wanted, int listedAtPlan, Feed<V> feed) {
        int pageSize = registry.pageSize();
        if (stop.isStopped() || !useListing(options.recheck(), wanted.size(), listedAtPlan, pageSize,
                options.concurrency())) {
            return null;
        }
        Relisting<V> r = new Relisting<>(wanted, Math.max(2 * pageSize, 4 * options.concurrency()),
                2L * listedAtPlan + 10L * pageSize + wanted.size());
        Thread t = new Thread(() -> {
            try {
                readGate.call(() -> {
                    feed.run(r);
                    return null;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("re-listing the " + what + " of " + repo + " failed (" + e.getMessage()
                        + "); the items it did not show are re-read one by one");
            } finally {
                r.finish();
            }
        }, "purge-relist-" + repo);
        t.setDaemon(true);
        r.feeder(t);
        t.start();
        return r;
    }

    /** Phase end: stops the re-listing (null: none) and waits, bounded, for its request in flight. */
    void cancel(Relisting<?> r) {
        if (r != null && !r.cancel(LISTING_WAIT)) {
            log.warn("a re-listing request is still in flight after " + LISTING_WAIT.toSeconds() + " s");
        }
    }

    /**
     * The re-check rule: one listing per phase when the phase has at least {@code concurrency x pages} items
     * ({@code pages} = the listing's size at plan time / page size, at least 1), else a GET per item. Below that,
     * the listing would cost more requests (pages > items) or take longer than the GETs, which run
     * {@code concurrency} at a time while a listing is read page after page.
     */
    static boolean useListing(ExecutorOptions.Recheck mode, int items, int listedAtPlan, int pageSize, int concurrency) {
        if (items == 0) {
            return false;
        }
        return switch (mode) {
            case LISTING -> true;
            case PER_ITEM -> false;
            case AUTO -> {
                long pages = Math.max(1, (listedAtPlan + (long) pageSize - 1) / pageSize);
                yield items >= concurrency * pages;
            }
        };
    }

    /** Tags listed at plan time: each one was either planned for untag or spared. */
    private static int listedTags(RepositoryPlan rp) {
        return rp.untag().size() + (int) rp.spared().stream().filter(Spared::isTag).count();
    }

    private static int listedManifests(RepositoryPlan rp) {
        return rp.delete().size() + (int) rp.spared().stream().filter(x -> !x.isTag()).count();
    }
}
