package io.acrlifecycle.engine.guard;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A registry held in memory, for the guard's pure simulation tests (no network). It answers like the
 * {@link Registry} contract: tags newest first, manifests with their tags, bodies with children. The emulator tests
 * cover the real HTTP path.
 */
final class InMemoryRegistry implements Registry {

    static final String REPO = "app";

    private final Map<String, ManifestInfo> manifests = new LinkedHashMap<>();
    private final Map<String, TagInfo> tags = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new LinkedHashMap<>();
    private final Map<String, String> subjects = new LinkedHashMap<>();
    private final List<RegistryTask> tasks = new ArrayList<>();
    private RegistryPolicies policies = new RegistryPolicies("Premium", true, 7, false, 7, false, false);

    static String digest(final String id) {
        StringBuilder hex = new StringBuilder();
        for (char c : id.toCharArray()) {
            hex.append(String.format("%02x", (int) c));
        }
        return "sha256:" + (hex + "0".repeat(64)).substring(0, 64);
    }

    InMemoryRegistry manifest(final String id, final Instant updated, final String... tagNames) {
        return manifest(id, updated, MediaTypes.DOCKER_MANIFEST, Locks.NONE, tagNames);
    }

    InMemoryRegistry manifest(final String id, final Instant updated, final String mediaType, final Locks locks,
            final String... tagNames) {
        String d = digest(id);
        manifests.put(d, new ManifestInfo(REPO, d, mediaType, 100, updated, updated, List.of(tagNames), locks));
        for (String t : tagNames) {
            tags.put(t, new TagInfo(REPO, t, d, updated, updated, Locks.NONE));
        }
        return this;
    }

    InMemoryRegistry index(final String id, final Instant updated, final Locks locks, final List<String> childIds,
            final String... tagNames) {
        manifest(id, updated, MediaTypes.OCI_INDEX, locks, tagNames);
        children.put(digest(id), childIds.stream().map(InMemoryRegistry::digest).toList());
        return this;
    }

    /** An OCI referrer (a signature, an SBOM) of {@code subjectId}. */
    InMemoryRegistry referrer(final String id, final Instant updated, final String subjectId,
            final String... tagNames) {
        manifest(id, updated, MediaTypes.OCI_MANIFEST, Locks.NONE, tagNames);
        subjects.put(digest(id), digest(subjectId));
        return this;
    }

    InMemoryRegistry task(final String name, final String cmd, final String schedule) {
        tasks.add(new RegistryTask(name, true, "EncodedTask", "version: v1.1.0\nsteps:\n  - cmd: " + cmd + "\n",
                List.of(new RegistryTask.TimerTrigger("t1", schedule, true))));
        return this;
    }

    InMemoryRegistry policies(final RegistryPolicies value) {
        policies = value;
        return this;
    }

    Locks tagLocks(final String tag) {
        return tags.get(tag).locks();
    }

    Locks manifestLocks(final String id) {
        return manifests.get(digest(id)).locks();
    }

    @Override
    public String loginServer() {
        return "myregistry.azurecr.io";
    }

    @Override
    public Iterable<String> repositories() {
        return List.of(REPO);
    }

    @Override
    public Iterable<TagInfo> tags(final String repository, final boolean newestFirst) {
        List<TagInfo> out = new ArrayList<>(tags.values());
        out.sort(Comparator.comparing(TagInfo::lastUpdateTime).reversed());
        return out;
    }

    @Override
    public Iterable<ManifestInfo> manifests(final String repository) {
        return List.copyOf(manifests.values());
    }

    @Override
    public Optional<TagInfo> tag(final String repository, final String tag) {
        return Optional.ofNullable(tags.get(tag));
    }

    @Override
    public Optional<ManifestInfo> manifest(final String repository, final String digest) {
        return Optional.ofNullable(manifests.get(digest));
    }

    @Override
    public Optional<ManifestContent> manifestContent(final String repository, final String digest) {
        ManifestInfo m = manifests.get(digest);
        return m == null ? Optional.empty() : Optional.of(new ManifestContent(digest, m.mediaType(), subjects.get(digest),
                children.getOrDefault(digest, List.of()), 100));
    }

    @Override
    public List<String> referrers(final String repository, final String subjectDigest) {
        return List.of();
    }

    @Override
    public DeleteOutcome deleteTag(final String repository, final String tag) {
        throw new UnsupportedOperationException("not used by the guard");
    }

    @Override
    public DeleteOutcome deleteManifest(final String repository, final String digest) {
        throw new UnsupportedOperationException("not used by the guard");
    }

    @Override
    public TagInfo updateTagLocks(final String repository, final String tag, final Locks locks) {
        TagInfo t = tags.get(tag);
        TagInfo changed = new TagInfo(t.repository(), t.name(), t.digest(), t.createdTime(), t.lastUpdateTime(), locks);
        tags.put(tag, changed);
        return changed;
    }

    @Override
    public ManifestInfo updateManifestLocks(final String repository, final String digest, final Locks locks) {
        ManifestInfo m = manifests.get(digest);
        ManifestInfo changed = new ManifestInfo(m.repository(), m.digest(), m.mediaType(), m.imageSize(),
                m.createdTime(), m.lastUpdateTime(), m.tags(), locks);
        manifests.put(digest, changed);
        return changed;
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
        throw new UnsupportedOperationException("nothing is soft-deleted here");
    }

    @Override
    public RegistryPolicies policies() {
        return policies;
    }

    @Override
    public RegistryPolicies updatePolicies(final PolicyChange change) {
        throw new UnsupportedOperationException("not used by the guard");
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
}
