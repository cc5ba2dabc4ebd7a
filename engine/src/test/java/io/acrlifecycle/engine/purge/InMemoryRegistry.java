package io.acrlifecycle.engine.purge;

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
import io.acrlifecycle.engine.registry.RegistryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A small in-memory {@link Registry} for the executor's unit tests (no network): state, a log of delete calls and
 * injectable failures. The emulator tests exercise the real HTTP path.
 */
final class InMemoryRegistry implements Registry {
    final Map<String, Map<String, TagInfo>> tags = new TreeMap<>();
    final Map<String, Map<String, ManifestInfo>> manifests = new TreeMap<>();
    final Map<String, ManifestContent> contents = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile boolean softDelete = true;
    /** Called before each delete with "untag repo:tag" / "delete repo@digest"; may throw. */
    volatile Function<String, RegistryException> fault = s -> null;

    InMemoryRegistry tag(String repo, String tag, String digest, Instant updated, Locks locks) {
        tags.computeIfAbsent(repo, r -> new TreeMap<>()).put(tag, new TagInfo(repo, tag, digest, updated, updated, locks));
        ManifestInfo m = manifests.computeIfAbsent(repo, r -> new TreeMap<>()).get(digest);
        if (m != null) {
            List<String> t = new ArrayList<>(m.tags());
            t.add(tag);
            putManifest(new ManifestInfo(repo, digest, m.mediaType(), m.imageSize(), m.createdTime(),
                    m.lastUpdateTime(), t, m.locks()));
        }
        return this;
    }

    InMemoryRegistry manifest(String repo, String digest, String mediaType, long size, Instant updated, Locks locks) {
        List<String> t = tags.getOrDefault(repo, Map.of()).values().stream().filter(x -> x.digest().equals(digest))
                .map(TagInfo::name).toList();
        putManifest(new ManifestInfo(repo, digest, mediaType, size, updated, updated, t, locks));
        tags.computeIfAbsent(repo, r -> new TreeMap<>());
        return this;
    }

    private synchronized void putManifest(ManifestInfo m) {
        manifests.computeIfAbsent(m.repository(), r -> new TreeMap<>()).put(m.digest(), m);
    }

    long count(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }

    @Override
    public String loginServer() {
        return "test.azurecr.io";
    }

    @Override
    public synchronized Iterable<String> repositories() {
        return new ArrayList<>(manifests.keySet());
    }

    @Override
    public synchronized Iterable<TagInfo> tags(String repository, boolean newestFirst) {
        List<TagInfo> l = new ArrayList<>(tags.getOrDefault(repository, Map.of()).values());
        l.sort(Comparator.comparing(TagInfo::lastUpdateTime, Comparator.reverseOrder()).thenComparing(TagInfo::name));
        return l;
    }

    @Override
    public synchronized Iterable<ManifestInfo> manifests(String repository) {
        return new ArrayList<>(manifests.getOrDefault(repository, Map.of()).values());
    }

    @Override
    public synchronized Optional<TagInfo> tag(String repository, String tag) {
        return Optional.ofNullable(tags.getOrDefault(repository, Map.of()).get(tag));
    }

    @Override
    public synchronized Optional<ManifestInfo> manifest(String repository, String digest) {
        return Optional.ofNullable(manifests.getOrDefault(repository, Map.of()).get(digest));
    }

    @Override
    public Optional<ManifestContent> manifestContent(String repository, String digest) {
        return Optional.ofNullable(contents.get(digest));
    }

    @Override
    public List<String> referrers(String repository, String subjectDigest) {
        return List.of();
    }

    @Override
    public DeleteOutcome deleteTag(String repository, String tag) {
        String call = "untag " + repository + ":" + tag;
        calls.add(call);
        RegistryException e = fault.apply(call);
        if (e != null) {
            throw e;
        }
        synchronized (this) {
            TagInfo t = tags.getOrDefault(repository, Map.of()).get(tag);
            if (t == null) {
                return DeleteOutcome.NOT_FOUND;
            }
            if (t.locks().blocksDelete()) {
                return DeleteOutcome.LOCKED;
            }
            tags.get(repository).remove(tag);
            ManifestInfo m = manifests.get(repository).get(t.digest());
            if (m != null) {
                List<String> rest = new ArrayList<>(m.tags());
                rest.remove(tag);
                putManifest(new ManifestInfo(repository, m.digest(), m.mediaType(), m.imageSize(), m.createdTime(),
                        m.lastUpdateTime(), rest, m.locks()));
            }
            return DeleteOutcome.DELETED;
        }
    }

    @Override
    public DeleteOutcome deleteManifest(String repository, String digest) {
        String call = "delete " + repository + "@" + digest;
        calls.add(call);
        RegistryException e = fault.apply(call);
        if (e != null) {
            throw e;
        }
        synchronized (this) {
            ManifestInfo m = manifests.getOrDefault(repository, Map.of()).get(digest);
            if (m == null) {
                return DeleteOutcome.NOT_FOUND;
            }
            if (m.locks().blocksDelete()) {
                return DeleteOutcome.LOCKED;
            }
            manifests.get(repository).remove(digest);
            tags.get(repository).values().removeIf(t -> t.digest().equals(digest));
            return DeleteOutcome.DELETED;
        }
    }

    @Override
    public synchronized TagInfo updateTagLocks(String repository, String tag, Locks locks) {
        calls.add("lock " + repository + ":" + tag);
        TagInfo t = tags.get(repository).get(tag);
        TagInfo n = new TagInfo(repository, tag, t.digest(), t.createdTime(), t.lastUpdateTime(), locks);
        tags.get(repository).put(tag, n);
        return n;
    }

    @Override
    public synchronized ManifestInfo updateManifestLocks(String repository, String digest, Locks locks) {
        calls.add("lock " + repository + "@" + digest);
        ManifestInfo m = manifests.get(repository).get(digest);
        ManifestInfo n = new ManifestInfo(repository, digest, m.mediaType(), m.imageSize(), m.createdTime(),
                m.lastUpdateTime(), m.tags(), locks);
        putManifest(n);
        return n;
    }

    @Override
    public Iterable<String> deletedRepositories() {
        return List.of();
    }

    @Override
    public Iterable<DeletedManifest> deletedManifests(String repository) {
        return List.of();
    }

    @Override
    public Iterable<DeletedTag> deletedTags(String repository) {
        return List.of();
    }

    @Override
    public void restore(String repository, String digest, String tag, boolean force) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RegistryPolicies policies() {
        return new RegistryPolicies("Premium", softDelete, 7, false, 7, false, false);
    }

    @Override
    public RegistryPolicies updatePolicies(PolicyChange change) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<RegistryTask> tasks() {
        return Collections.emptyList();
    }

    @Override
    public List<RegistryUsage> usages() {
        return Collections.emptyList();
    }

    @Override
    public void close() {
    }
}
