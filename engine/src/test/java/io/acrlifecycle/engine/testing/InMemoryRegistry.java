package io.acrlifecycle.engine.testing;

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
import io.acrlifecycle.engine.registry.RegistryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The one in-memory {@link Registry} of the engine's tests (no network): tags newest first, manifests in digest
 * order with the tags on them, bodies with children, deletes (404 = NOT_FOUND, a lock = LOCKED), locks, tasks and
 * policies. {@code RegistryContractTest} runs the same cases against it and against the emulator through
 * {@code AcrRegistry}, so it cannot drift from ACR's answers unnoticed. Soft-deleted items are not modelled (the
 * listings are empty; restore is unsupported): those tests use the emulator.
 *
 * <pre>{@code
 * InMemoryRegistry r = new InMemoryRegistry()
 *         .manifest("app", d1, MediaTypes.DOCKER_MANIFEST, 100, updated, Locks.NONE)
 *         .tag("app", "v1", d1, updated, Locks.NONE);
 * // single-repository short form: repository "app", digest made from an id
 * InMemoryRegistry g = new InMemoryRegistry().manifest("amd", updated).index("idx", updated, Locks.NONE, List.of("amd"), "1.0");
 * r.fault = call -> call.equals("untag app:v1") ? new RegistryException("403", 403, null, null) : null;
 * }</pre>
 */
public final class InMemoryRegistry implements Registry {
    /** The repository of the short form. */
    public static final String REPO = "app";

    private final String loginServer;
    private final Map<String, Map<String, TagInfo>> tags = new TreeMap<>();
    private final Map<String, Map<String, ManifestInfo>> manifests = new TreeMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private final Map<String, String> subjects = new HashMap<>();
    private final List<RegistryTask> tasks = new CopyOnWriteArrayList<>();
    private volatile RegistryPolicies policies = new RegistryPolicies("Premium", true, 7, false, 7, false, false);

    /** Every write, in order: "untag repo:tag", "delete repo@digest", "lock repo:tag", "lock repo@digest". */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** Called before each delete with its entry in {@link #calls}; a non-null answer is thrown instead. */
    public volatile Function<String, RegistryException> fault = s -> null;

    public InMemoryRegistry() {
        this("myregistry.azurecr.io");
    }

    public InMemoryRegistry(String loginServer) {
        this.loginServer = loginServer;
    }

    /** A digest made from a short id, for the short form. */
    public static String digest(String id) {
        StringBuilder hex = new StringBuilder();
        for (char c : id.toCharArray()) {
            hex.append(String.format("%02x", (int) c));
        }
        return "sha256:" + (hex + "0".repeat(64)).substring(0, 64);
    }

    // ---- building ---------------------------------------------------------------------------------------

    /** Adds (or replaces) a tag; the manifest it points to, when there, lists it. */
    public synchronized InMemoryRegistry tag(String repo, String tag, String digest, Instant updated, Locks locks) {
        TagInfo old = tags.computeIfAbsent(repo, r -> new TreeMap<>())
                .put(tag, new TagInfo(repo, tag, digest, updated, updated, locks));
        if (old != null) {
            retag(repo, old.digest(), tag, false);
        }
        retag(repo, digest, tag, true);
        return this;
    }

    /** Adds (or replaces) a manifest, with the tags already pointing to it. */
    public synchronized InMemoryRegistry manifest(String repo, String digest, String mediaType, long size,
            Instant updated, Locks locks) {
        List<String> t = tags.getOrDefault(repo, Map.of()).values().stream().filter(x -> x.digest().equals(digest))
                .map(TagInfo::name).toList();
        put(new ManifestInfo(repo, digest, mediaType, size, updated, updated, t, locks));
        tags.computeIfAbsent(repo, r -> new TreeMap<>());
        return this;
    }

    /** Short form: an image {@code id} in {@link #REPO} with these tags, all updated at {@code updated}. */
    public InMemoryRegistry manifest(String id, Instant updated, String... tagNames) {
        return manifest(id, updated, MediaTypes.DOCKER_MANIFEST, Locks.NONE, tagNames);
    }

    public synchronized InMemoryRegistry manifest(String id, Instant updated, String mediaType, Locks locks,
            String... tagNames) {
        manifest(REPO, digest(id), mediaType, 100, updated, locks);
        for (String t : tagNames) {
            tag(REPO, t, digest(id), updated, Locks.NONE);
        }
        return this;
    }

    /** Short form: an OCI index {@code id} listing the images {@code childIds}. */
    public synchronized InMemoryRegistry index(String id, Instant updated, Locks locks, List<String> childIds,
            String... tagNames) {
        manifest(id, updated, MediaTypes.OCI_INDEX, locks, tagNames);
        children.put(digest(id), childIds.stream().map(InMemoryRegistry::digest).toList());
        return this;
    }

    /** Short form: an OCI referrer {@code id} (a signature, an SBOM) of {@code subjectId}, in {@link #REPO}. */
    public synchronized InMemoryRegistry referrer(String id, Instant updated, String subjectId, String... tagNames) {
        manifest(id, updated, MediaTypes.OCI_MANIFEST, Locks.NONE, tagNames);
        subjects.put(digest(id), digest(subjectId));
        return this;
    }

    /** A scheduled task running {@code cmd} on a timer. */
    public InMemoryRegistry task(String name, String cmd, String schedule) {
        tasks.add(new RegistryTask(name, true, "EncodedTask", "version: v1.1.0\nsteps:\n  - cmd: " + cmd + "\n",
                List.of(new RegistryTask.TimerTrigger("t1", schedule, true))));
        return this;
    }

    public InMemoryRegistry policies(RegistryPolicies value) {
        policies = value;
        return this;
    }

    /** Turns soft delete on or off, keeping the other policies. */
    public InMemoryRegistry softDelete(boolean enabled) {
        RegistryPolicies p = policies;
        policies = new RegistryPolicies(p.sku(), enabled, p.softDeleteRetentionDays(), p.retentionEnabled(),
                p.retentionDays(), p.geoReplicated(), p.zoneRedundant());
        return this;
    }

    // ---- inspecting -------------------------------------------------------------------------------------

    /** Calls in {@link #calls} starting with {@code prefix}. */
    public long count(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }

    public synchronized Locks tagLocks(String tag) {
        return tags.get(REPO).get(tag).locks();
    }

    public synchronized Locks manifestLocks(String id) {
        return manifests.get(REPO).get(digest(id)).locks();
    }

    // ---- Registry ---------------------------------------------------------------------------------------

    @Override
    public String loginServer() {
        return loginServer;
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
    public synchronized Optional<ManifestContent> manifestContent(String repository, String digest) {
        ManifestInfo m = manifests.getOrDefault(repository, Map.of()).get(digest);
        return m == null ? Optional.empty() : Optional.of(new ManifestContent(digest, m.mediaType(),
                subjects.get(digest), children.getOrDefault(digest, List.of()), m.imageSize()));
    }

    @Override
    public synchronized List<String> referrers(String repository, String subjectDigest) {
        Map<String, ManifestInfo> live = manifests.getOrDefault(repository, Map.of());
        return subjects.entrySet().stream().filter(e -> e.getValue().equals(subjectDigest)
                && live.containsKey(e.getKey())).map(Map.Entry::getKey).sorted().toList();
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
            retag(repository, t.digest(), tag, false);
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
        put(n);
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
        throw new UnsupportedOperationException("soft-deleted items are not modelled; use the emulator");
    }

    @Override
    public RegistryPolicies policies() {
        return policies;
    }

    @Override
    public RegistryPolicies updatePolicies(PolicyChange change) {
        throw new UnsupportedOperationException("policy changes are not modelled; use the emulator");
    }

    @Override
    public List<RegistryTask> tasks() {
        return List.copyOf(tasks);
    }

    @Override
    public List<RegistryUsage> usages() {
        return List.of();
    }

    @Override
    public void close() {
        // nothing to release
    }

    private void put(ManifestInfo m) {
        manifests.computeIfAbsent(m.repository(), r -> new TreeMap<>()).put(m.digest(), m);
    }

    /** Adds {@code tag} to (or removes it from) the tags the manifest {@code digest} lists. */
    private void retag(String repo, String digest, String tag, boolean add) {
        ManifestInfo m = manifests.getOrDefault(repo, Map.of()).get(digest);
        if (m == null) {
            return;
        }
        List<String> t = new ArrayList<>(m.tags());
        t.remove(tag);
        if (add) {
            t.add(tag);
        }
        put(new ManifestInfo(repo, digest, m.mediaType(), m.imageSize(), m.createdTime(), m.lastUpdateTime(), t,
                m.locks()));
    }
}
