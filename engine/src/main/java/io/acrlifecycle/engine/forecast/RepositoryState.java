package io.acrlifecycle.engine.forecast;

import io.acrlifecycle.engine.model.ManifestContent;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.purge.plan.ManifestAction;
import io.acrlifecycle.engine.purge.plan.ManifestLookup;
import io.acrlifecycle.engine.purge.plan.RepositoryListing;
import io.acrlifecycle.engine.purge.plan.RepositoryPlan;
import io.acrlifecycle.engine.purge.plan.TagAction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One repository as the simulated runs leave it: the tags (newest first) and manifests read once, then changed by
 * every applied plan: untagged tags leave their manifest (which keeps its {@code lastUpdateTime}, as in ACR),
 * deleted manifests go with their tags, and referrers go with their subject (ACR deletes them together). The
 * manifest listing is read only when a run needs it (an untagged pass). Manifest bodies come from {@code lookup},
 * once each; the subjects found in them are what the referrer cascade knows.
 */
final class RepositoryState {

    private final String repository;
    private final LinkedHashMap<String, TagInfo> tags = new LinkedHashMap<>();
    private final Supplier<List<ManifestInfo>> listManifests;
    private LinkedHashMap<String, ManifestInfo> manifests;
    private final Set<String> untagged = new HashSet<>();
    private final Set<String> removed = new HashSet<>();
    private final Map<String, Optional<ManifestContent>> contents = new HashMap<>();
    private final ManifestLookup lookup;
    private int version;

    RepositoryState(final String repository, final List<TagInfo> tagsNewestFirst,
            final Supplier<List<ManifestInfo>> manifests, final ManifestLookup lookup) {
        this.repository = repository;
        tagsNewestFirst.forEach(t -> tags.putIfAbsent(t.name(), t));
        this.listManifests = manifests;
        this.lookup = new ManifestLookup() {
            @Override
            public Optional<ManifestContent> content(final String digest) {
                return contents.computeIfAbsent(digest, lookup::content);
            }

            @Override
            public void prefetch(final Collection<String> digests) {
                lookup.prefetch(digests.stream().filter(d -> !contents.containsKey(d)).toList());
            }
        };
    }

    String repository() {
        return repository;
    }

    /** Counts the changes: a plan made at one version stays valid until the next change. */
    int version() {
        return version;
    }

    Collection<TagInfo> tags() {
        return tags.values();
    }

    /** The tag as it is now in the simulation (empty once a run untagged it). */
    Optional<TagInfo> tag(final String name) {
        return Optional.ofNullable(tags.get(name));
    }

    /** The manifest as it is now in the simulation (empty once a run deleted it); lists the manifests if needed. */
    Optional<ManifestInfo> manifest(final String digest) {
        return Optional.ofNullable(manifests().get(digest));
    }

    ManifestLookup lookup() {
        return lookup;
    }

    RepositoryListing listing() {
        Iterable<ManifestInfo> lazy = () -> manifests().values().iterator();
        return new RepositoryListing(repository, tags.values(), lazy, lookup);
    }

    /** The listing reduced to the items that pass the filters (views: nothing is copied). */
    RepositoryListing listing(final Predicate<TagInfo> tagFilter, final Predicate<ManifestInfo> manifestFilter) {
        Iterable<TagInfo> t = () -> tags.values().stream().filter(tagFilter).iterator();
        Iterable<ManifestInfo> m = () -> manifests().values().stream().filter(manifestFilter).iterator();
        return new RepositoryListing(repository, t, m, lookup);
    }

    private Map<String, ManifestInfo> manifests() {
        if (manifests == null) {
            manifests = new LinkedHashMap<>();
            for (ManifestInfo m : listManifests.get()) {
                if (!removed.contains(m.digest())) {
                    manifests.putIfAbsent(m.digest(), withoutTags(m, untagged));
                }
            }
        }
        return manifests;
    }

    /**
     * Applies a plan and returns the manifests that went with a deleted subject (not in the plan itself), in the
     * order found.
     */
    List<ManifestInfo> apply(final RepositoryPlan plan) {
        if (plan.untag().isEmpty() && plan.delete().isEmpty()) {
            return List.of();
        }
        version++;
        Map<String, Set<String>> byDigest = new HashMap<>();
        for (TagAction t : plan.untag()) {
            tags.remove(t.tag());
            untagged.add(t.tag());
            byDigest.computeIfAbsent(t.digest(), d -> new HashSet<>()).add(t.tag());
        }
        if (manifests != null) {
            byDigest.forEach((d, names) -> {
                ManifestInfo m = manifests.get(d);
                if (m != null) {
                    manifests.put(d, withoutTags(m, names));
                }
            });
        }
        if (plan.delete().isEmpty()) {
            return List.of();
        }
        Deque<String> gone = new ArrayDeque<>();
        for (ManifestAction a : plan.delete()) {
            remove(a.digest());
            gone.add(a.digest());
        }
        // referrers go with their subject, and referrers of those with them
        Map<String, List<String>> referrers = new HashMap<>();
        contents.forEach((d, c) -> c.filter(ManifestContent::hasSubject)
                .ifPresent(x -> referrers.computeIfAbsent(x.subjectDigest(), k -> new ArrayList<>()).add(d)));
        List<ManifestInfo> cascade = new ArrayList<>();
        while (!gone.isEmpty()) {
            for (String r : referrers.getOrDefault(gone.poll(), List.of())) {
                ManifestInfo m = manifests().get(r);
                if (m != null) {
                    cascade.add(m);
                    remove(r);
                    gone.add(r);
                }
            }
        }
        return cascade;
    }

    private void remove(final String digest) {
        removed.add(digest);
        ManifestInfo m = manifests().remove(digest);
        if (m != null) {
            m.tags().forEach(t -> {
                tags.remove(t);
                untagged.add(t);
            });
        }
    }

    private static ManifestInfo withoutTags(final ManifestInfo m, final Set<String> names) {
        if (m.tags().isEmpty() || m.tags().stream().noneMatch(names::contains)) {
            return m;
        }
        List<String> left = m.tags().stream().filter(t -> !names.contains(t)).toList();
        return new ManifestInfo(m.repository(), m.digest(), m.mediaType(), m.imageSize(), m.createdTime(),
                m.lastUpdateTime(), left, m.locks());
    }
}
