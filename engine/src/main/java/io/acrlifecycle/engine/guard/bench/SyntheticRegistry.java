package io.acrlifecycle.engine.guard.bench;

import io.acrlifecycle.engine.model.DeleteOutcome;
import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.DeletedTag;
import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.model.ManifestContent;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.MediaTypes;
import io.acrlifecycle.engine.model.PolicyChange;
import io.acrlifecycle.engine.model.RegistryPolicies;
import io.acrlifecycle.engine.model.RegistryTask;
import io.acrlifecycle.engine.model.RegistryUsage;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.registry.Registry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A read-only registry generated in memory for the guard benchmark: one repository {@code app} with {@code tags}
 * tags {@code 1.<i>}, each on its own manifest, pushed {@code spacing} apart going back from {@code now} (the
 * newest first), and the given tasks. The decision reads it as it reads a real registry, without network.
 */
final class SyntheticRegistry implements Registry {

    private final List<TagInfo> tags = new ArrayList<>();
    private final List<ManifestInfo> manifests = new ArrayList<>();
    private final List<RegistryTask> tasks;

    SyntheticRegistry(final int count, final Instant now, final Duration spacing, final List<RegistryTask> tasks) {
        for (int i = 0; i < count; i++) {
            Instant at = now.minus(spacing.multipliedBy(i + 1L));
            String digest = String.format("sha256:%064x", i + 1);
            tags.add(new TagInfo("app", "1." + i, digest, at, at, Locks.NONE));
            manifests.add(new ManifestInfo("app", digest, MediaTypes.DOCKER_MANIFEST, 1000, at, at,
                    List.of("1." + i), Locks.NONE));
        }
        this.tasks = List.copyOf(tasks);
    }

    @Override
    public String loginServer() {
        return "bench.azurecr.io";
    }

    @Override
    public Iterable<String> repositories() {
        return List.of("app");
    }

    @Override
    public Iterable<TagInfo> tags(final String repository, final boolean newestFirst) {
        return tags;
    }

    @Override
    public Iterable<ManifestInfo> manifests(final String repository) {
        return manifests;
    }

    @Override
    public Optional<TagInfo> tag(final String repository, final String tag) {
        return tags.stream().filter(t -> t.name().equals(tag)).findFirst();
    }

    @Override
    public Optional<ManifestInfo> manifest(final String repository, final String digest) {
        return manifests.stream().filter(m -> m.digest().equals(digest)).findFirst();
    }

    @Override
    public Optional<ManifestContent> manifestContent(final String repository, final String digest) {
        return manifest(repository, digest).map(m -> new ManifestContent(digest, m.mediaType(), null, List.of(),
                1000));
    }

    @Override
    public List<String> referrers(final String repository, final String subjectDigest) {
        return List.of();
    }

    @Override
    public DeleteOutcome deleteTag(final String repository, final String tag) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public DeleteOutcome deleteManifest(final String repository, final String digest) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public TagInfo updateTagLocks(final String repository, final String tag, final Locks locks) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public ManifestInfo updateManifestLocks(final String repository, final String digest, final Locks locks) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public Iterable<String> deletedRepositories() {
        return List.of();
    }

    @Override
    public Iterable<DeletedManifest> deletedManifests(final String repository) {
        return List.of();
    }

    @Override
    public Iterable<DeletedTag> deletedTags(final String repository) {
        return List.of();
    }

    @Override
    public void restore(final String repository, final String digest, final String tag, final boolean force) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public RegistryPolicies policies() {
        return new RegistryPolicies("Premium", true, 7, false, 7, false, false);
    }

    @Override
    public RegistryPolicies updatePolicies(final PolicyChange change) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public List<RegistryTask> tasks() {
        return tasks;
    }

    @Override
    public List<RegistryUsage> usages() {
        return List.of();
    }

    @Override
    public void close() {
    }
}
