package io.acrlifecycle.engine.guard;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Counts the calls a guard decision makes and enforces its cost rule: one listing of a repository's tags, one of its
 * manifests, one of its deleted tags, one read of tasks and one of policies. A second call is a bug in the guard,
 * so it fails loudly instead of silently costing a large repository another full listing. A listing counts as one
 * call however many pages it takes. The guard never deletes: delete calls are refused (the restore remediation may
 * remove the temporary tag it restores with, through {@link #forRemediation()}).
 */
public final class CountingRegistry implements Registry {

    private static final List<String> ONCE = List.of("tags", "manifests", "deletedTags", "deletedManifests",
            "tasks", "policies");

    private final Registry delegate;
    private final Map<String, Integer> calls;
    private final Map<String, Integer> perKey;
    private final boolean remediation;

    public CountingRegistry(final Registry delegate) {
        this(delegate, new TreeMap<>(), new TreeMap<>(), false);
    }

    private CountingRegistry(final Registry delegate, final Map<String, Integer> calls,
            final Map<String, Integer> perKey, final boolean remediation) {
        this.delegate = delegate;
        this.calls = calls;
        this.perKey = perKey;
        this.remediation = remediation;
    }

    /**
     * A view for remediation (restore) that shares the counters but not the read budget: the restore service reads
     * what it needs itself, and may remove the temporary tag it restores an untagged manifest with; after a restore the
     * guard re-reads the restored tag and manifest through it (one point read each, see docs/guard.md, Restore).
     */
    public CountingRegistry forRemediation() {
        return new CountingRegistry(delegate, calls, perKey, true);
    }

    /** Total calls so far. */
    public int total() {
        synchronized (calls) {
            return calls.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Calls per operation name ({@code tags}, {@code manifest}, {@code tasks}, ...). */
    public Map<String, Integer> byOperation() {
        synchronized (calls) {
            return Map.copyOf(calls);
        }
    }

    private void count(final String operation, final String key) {
        synchronized (calls) {
            countLocked(operation, key);
        }
    }

    private void countLocked(final String operation, final String key) {
        calls.merge(operation, 1, Integer::sum);
        if (!remediation && ONCE.contains(operation)) {
            String k = operation + (key == null ? "" : ":" + key);
            int n = perKey.merge(k, 1, Integer::sum);
            if (n > 1) {
                throw new IllegalStateException("guard cost rule broken: " + operation
                        + (key == null ? "" : " of " + key) + " read twice in one decision");
            }
        }
    }

    @Override
    public String loginServer() {
        return delegate.loginServer();
    }

    @Override
    public Iterable<String> repositories() {
        count("repositories", null);
        return delegate.repositories();
    }

    @Override
    public Iterable<TagInfo> tags(final String repository, final boolean newestFirst) {
        count("tags", repository);
        return delegate.tags(repository, newestFirst);
    }

    @Override
    public Iterable<ManifestInfo> manifests(final String repository) {
        count("manifests", repository);
        return delegate.manifests(repository);
    }

    @Override
    public Optional<TagInfo> tag(final String repository, final String tag) {
        count("tag", null);
        return delegate.tag(repository, tag);
    }

    @Override
    public Optional<ManifestInfo> manifest(final String repository, final String digest) {
        count("manifest", null);
        return delegate.manifest(repository, digest);
    }

    @Override
    public Optional<ManifestContent> manifestContent(final String repository, final String digest) {
        count("manifestContent", null);
        return delegate.manifestContent(repository, digest);
    }

    @Override
    public List<String> referrers(final String repository, final String subjectDigest) {
        count("referrers", null);
        return delegate.referrers(repository, subjectDigest);
    }

    @Override
    public DeleteOutcome deleteTag(final String repository, final String tag) {
        if (remediation) {
            count("deleteTag", null);
            return delegate.deleteTag(repository, tag);
        }
        throw new UnsupportedOperationException("the deploy guard never deletes (tag " + repository + ":" + tag + ")");
    }

    @Override
    public DeleteOutcome deleteManifest(final String repository, final String digest) {
        throw new UnsupportedOperationException("the deploy guard never deletes (" + repository + "@" + digest + ")");
    }

    @Override
    public TagInfo updateTagLocks(final String repository, final String tag, final Locks locks) {
        count("updateTagLocks", null);
        return delegate.updateTagLocks(repository, tag, locks);
    }

    @Override
    public ManifestInfo updateManifestLocks(final String repository, final String digest, final Locks locks) {
        count("updateManifestLocks", null);
        return delegate.updateManifestLocks(repository, digest, locks);
    }

    @Override
    public Iterable<String> deletedRepositories() {
        count("deletedRepositories", null);
        return delegate.deletedRepositories();
    }

    @Override
    public Iterable<DeletedManifest> deletedManifests(final String repository) {
        count("deletedManifests", repository);
        return delegate.deletedManifests(repository);
    }

    @Override
    public Iterable<DeletedTag> deletedTags(final String repository) {
        count("deletedTags", repository);
        return delegate.deletedTags(repository);
    }

    @Override
    public void restore(final String repository, final String digest, final String tag, final boolean force) {
        count("restore", null);
        delegate.restore(repository, digest, tag, force);
    }

    @Override
    public RegistryPolicies policies() {
        count("policies", null);
        return delegate.policies();
    }

    @Override
    public RegistryPolicies updatePolicies(final PolicyChange change) {
        throw new UnsupportedOperationException("the deploy guard never changes registry policies");
    }

    @Override
    public List<RegistryTask> tasks() {
        count("tasks", null);
        return delegate.tasks();
    }

    @Override
    public List<RegistryUsage> usages() {
        count("usages", null);
        return delegate.usages();
    }

    /** Does not close the wrapped registry: the caller opened it and closes it. */
    @Override
    public void close() {
        // the caller owns the delegate
    }
}
