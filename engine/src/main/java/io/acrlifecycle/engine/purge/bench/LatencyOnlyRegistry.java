package io.acrlifecycle.engine.purge.bench;

import io.acrlifecycle.engine.model.DeleteOutcome;
import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.DeletedTag;
import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.model.ManifestContent;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.PolicyChange;
import io.acrlifecycle.engine.model.RegistryPolicies;
import io.acrlifecycle.engine.model.RegistryTask;
import io.acrlifecycle.engine.model.RegistryUsage;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.registry.Registry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A registry whose deletes only sleep: isolates the executor's own overhead (pool, gate, bookkeeping) from the HTTP
 * stack in {@link PurgeBench#executorThroughput}. The tag listing (the executor's re-listing before the untags)
 * sleeps once per page of 100 and lists the planned tags {@code t0..t<n-1>}; a tag read sleeps and answers the
 * planned tag. Everything else is unsupported.
 */
final class LatencyOnlyRegistry implements Registry {
    private final Duration latency;
    private final int tags;

    LatencyOnlyRegistry(Duration latency, int tags) {
        this.latency = latency;
        this.tags = tags;
    }

    private DeleteOutcome sleep() {
        try {
            Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DeleteOutcome.DELETED;
    }

    @Override
    public String loginServer() {
        return "latency.only";
    }

    @Override
    public DeleteOutcome deleteTag(String repository, String tag) {
        return sleep();
    }

    @Override
    public DeleteOutcome deleteManifest(String repository, String digest) {
        return sleep();
    }

    private static UnsupportedOperationException no() {
        return new UnsupportedOperationException("not part of the executor benchmark");
    }

    @Override
    public Iterable<String> repositories() {
        throw no();
    }

    @Override
    public Iterable<TagInfo> tags(String repository, boolean newestFirst) {
        return () -> new java.util.Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < tags;
            }

            @Override
            public TagInfo next() {
                if (i % 100 == 0) {
                    sleep(); // one round trip per page
                }
                int n = i++;
                return new TagInfo(repository, "t" + n, PurgeBench.digest(n), java.time.Instant.EPOCH,
                        java.time.Instant.EPOCH, null);
            }
        };
    }

    @Override
    public Iterable<ManifestInfo> manifests(String repository) {
        throw no();
    }

    @Override
    public Optional<TagInfo> tag(String repository, String tag) {
        // a per-item re-read (small phases, or a tag the re-listing did not show): a round trip, answering the planned tag
        sleep();
        return Optional.of(new TagInfo(repository, tag, PurgeBench.digest(Integer.parseInt(tag.substring(1))),
                java.time.Instant.EPOCH, java.time.Instant.EPOCH, null));
    }

    @Override
    public Optional<ManifestInfo> manifest(String repository, String digest) {
        throw no();
    }

    @Override
    public Optional<ManifestContent> manifestContent(String repository, String digest) {
        throw no();
    }

    @Override
    public List<String> referrers(String repository, String subjectDigest) {
        throw no();
    }

    @Override
    public TagInfo updateTagLocks(String repository, String tag, Locks locks) {
        throw no();
    }

    @Override
    public ManifestInfo updateManifestLocks(String repository, String digest, Locks locks) {
        throw no();
    }

    @Override
    public Iterable<String> deletedRepositories() {
        throw no();
    }

    @Override
    public Iterable<DeletedManifest> deletedManifests(String repository) {
        throw no();
    }

    @Override
    public Iterable<DeletedTag> deletedTags(String repository) {
        throw no();
    }

    @Override
    public void restore(String repository, String digest, String tag, boolean force) {
        throw no();
    }

    @Override
    public RegistryPolicies policies() {
        throw no();
    }

    @Override
    public RegistryPolicies updatePolicies(PolicyChange change) {
        throw no();
    }

    @Override
    public List<RegistryTask> tasks() {
        throw no();
    }

    @Override
    public List<RegistryUsage> usages() {
        throw no();
    }

    @Override
    public void close() {
    }
}
