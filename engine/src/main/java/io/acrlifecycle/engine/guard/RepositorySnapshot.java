package io.acrlifecycle.engine.guard;

import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.DeletedTag;
import io.acrlifecycle.engine.model.ManifestContent;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.registry.Registry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guard's one view of the image's repository: each listing (tags newest first, manifests, deleted tags, deleted
 * manifests) is read at most once and only when a check needs it; single tags and manifests come from a listing
 * already read, else from one point read each (also the fallback for items hidden from listings by
 * {@code listEnabled=false}); manifest bodies are read once each.
 */
public final class RepositorySnapshot {

    private final Registry registry;
    private final String repository;
    private List<TagInfo> tags;
    private List<ManifestInfo> manifests;
    private List<DeletedTag> deletedTags;
    private List<DeletedManifest> deletedManifests;
    private final Map<String, Optional<TagInfo>> tagReads = new HashMap<>();
    private final Map<String, Optional<ManifestInfo>> manifestReads = new HashMap<>();
    private final Map<String, Optional<ManifestContent>> contents = new HashMap<>();

    public RepositorySnapshot(final Registry registry, final String repository) {
        this.registry = registry;
        this.repository = repository;
    }

    public String repository() {
        return repository;
    }

    /** Every tag, newest first ({@code orderby=timedesc}, acr purge's order). */
    public List<TagInfo> tagsNewestFirst() {
        if (tags == null) {
            tags = copy(registry.tags(repository, true));
        }
        return tags;
    }

    /** Every manifest, tagged and untagged. */
    public List<ManifestInfo> manifests() {
        if (manifests == null) {
            manifests = copy(registry.manifests(repository));
        }
        return manifests;
    }

    /** A lazy view over {@link #manifests()}: the listing happens only if someone iterates. */
    public Iterable<ManifestInfo> lazyManifests() {
        return () -> manifests().iterator();
    }

    public boolean manifestsListed() {
        return manifests != null;
    }

    public Optional<TagInfo> tag(final String name) {
        if (tags != null) {
            Optional<TagInfo> listed = tags.stream().filter(t -> t.name().equals(name)).findFirst();
            if (listed.isPresent()) {
                return listed;
            }
        }
        return tagReads.computeIfAbsent(name, n -> registry.tag(repository, n));
    }

    public Optional<ManifestInfo> manifest(final String digest) {
        if (manifests != null) {
            Optional<ManifestInfo> listed = manifests.stream().filter(m -> m.digest().equals(digest)).findFirst();
            if (listed.isPresent()) {
                return listed;
            }
        }
        return manifestReads.computeIfAbsent(digest, d -> registry.manifest(repository, d));
    }

    /** The manifest body (children of an index, subject of a referrer), read once. */
    public Optional<ManifestContent> content(final String digest) {
        return contents.computeIfAbsent(digest, d -> registry.manifestContent(repository, d));
    }

    public List<DeletedTag> deletedTags() {
        if (deletedTags == null) {
            deletedTags = copy(registry.deletedTags(repository));
        }
        return deletedTags;
    }

    public List<DeletedManifest> deletedManifests() {
        if (deletedManifests == null) {
            deletedManifests = copy(registry.deletedManifests(repository));
        }
        return deletedManifests;
    }

    /**
     * After the guard restored an image in this decision: the re-read tag and manifest replace what was read before
     * the restore, in the listings already read (the tag in its newest-first place) and in the point reads, so the
     * checks that follow see the restored image without listing the repository again.
     */
    void restored(final String tagName, final Optional<TagInfo> tag, final String digest,
            final Optional<ManifestInfo> manifest) {
        if (tagName != null) {
            tagReads.put(tagName, tag);
            if (tags != null) {
                List<TagInfo> out = new ArrayList<>(tags);
                out.removeIf(t -> t.name().equals(tagName));
                tag.ifPresent(t -> out.add(newestFirstIndex(out, t), t));
                tags = List.copyOf(out);
            }
        }
        manifestReads.put(digest, manifest);
        if (manifests != null) {
            List<ManifestInfo> out = new ArrayList<>(manifests);
            out.removeIf(m -> m.digest().equals(digest));
            manifest.ifPresent(out::add);
            manifests = List.copyOf(out);
        }
    }

    // Before the first tag updated earlier than this one (timedesc order); unknown times go last.
    private static int newestFirstIndex(final List<TagInfo> newestFirst, final TagInfo tag) {
        for (int i = 0; i < newestFirst.size(); i++) {
            java.time.Instant other = newestFirst.get(i).lastUpdateTime();
            if (tag.lastUpdateTime() != null && (other == null || other.isBefore(tag.lastUpdateTime()))) {
                return i;
            }
        }
        return newestFirst.size();
    }

    private static <T> List<T> copy(final Iterable<T> items) {
        List<T> out = new ArrayList<>();
        items.forEach(out::add);
        return List.copyOf(out);
    }
}
