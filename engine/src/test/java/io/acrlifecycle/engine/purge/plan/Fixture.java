package io.acrlifecycle.engine.purge.plan;

import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.model.ManifestContent;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.MediaTypes;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.purge.rules.PurgeRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One repository built by hand: tags newest first, manifests, bodies. */
final class Fixture {
    static final Instant NOW = Instant.parse("2026-01-31T00:00:00Z");
    static final Locks DELETE_DISABLED = new Locks(false, true, true, true);
    static final Locks WRITE_DISABLED = new Locks(true, false, true, true);

    final String repo;
    final List<TagInfo> tags = new ArrayList<>();
    final List<ManifestInfo> manifests = new ArrayList<>();
    final Map<String, ManifestContent> contents = new LinkedHashMap<>();
    final List<String> lookups = new ArrayList<>();

    Fixture(String repo) {
        this.repo = repo;
    }

    static String digest(String id) {
        StringBuilder hex = new StringBuilder();
        for (char c : id.toCharArray()) {
            hex.append(String.format("%02x", (int) c));
        }
        while (hex.length() < 64) {
            hex.append('0');
        }
        return "sha256:" + hex.substring(0, 64);
    }

    Fixture tag(String name, String id, Duration age) {
        return tag(name, id, age, Locks.NONE);
    }

    Fixture tag(String name, String id, Duration age, Locks locks) {
        tags.add(new TagInfo(repo, name, digest(id), NOW.minus(age), NOW.minus(age), locks));
        return this;
    }

    Fixture manifest(String id, String mediaType, Duration age, String... tagNames) {
        return manifest(id, mediaType, age, Locks.NONE, tagNames);
    }

    Fixture manifest(String id, String mediaType, Duration age, Locks locks, String... tagNames) {
        Instant t = age == null ? null : NOW.minus(age);
        manifests.add(new ManifestInfo(repo, digest(id), mediaType, 1000, t, t, Arrays.asList(tagNames), locks));
        return this;
    }

    Fixture body(String id, String mediaType, String subjectId, String... childIds) {
        contents.put(digest(id), new ManifestContent(digest(id), mediaType, subjectId == null ? null : digest(subjectId),
                Arrays.stream(childIds).map(Fixture::digest).toList(), 500));
        return this;
    }

    Fixture index(String id, Duration age, String[] children, String... tagNames) {
        manifest(id, MediaTypes.OCI_INDEX, age, tagNames);
        return body(id, MediaTypes.OCI_INDEX, null, children);
    }

    RepositoryListing listing() {
        Map<String, ManifestContent> c = contents;
        return new RepositoryListing(repo, tags, manifests, d -> {
            lookups.add(d);
            return java.util.Optional.ofNullable(c.get(d));
        });
    }

    RepositoryPlan plan(PurgeRules rules) {
        return PurgePlanner.planRepository(null, listing(), rules, NOW);
    }

    static List<String> untagged(RepositoryPlan p) {
        return p.untag().stream().map(TagAction::tag).toList();
    }

    static List<String> deleted(RepositoryPlan p) {
        return p.delete().stream().map(ManifestAction::digest).toList();
    }

    static SpareReason reasonFor(RepositoryPlan p, String tagOrId) {
        for (Spared s : p.spared()) {
            if (tagOrId.equals(s.tag()) || (s.tag() == null && digest(tagOrId).equals(s.digest()))) {
                return s.reason();
            }
        }
        return null;
    }

    static String[] ids(String... ids) {
        return ids;
    }
}
