package io.acrlifecycle.emulator.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One repository: live tags and manifests with name/digest and time indexes (so a page costs O(n log N), not a
 * sort of everything), and its soft-deleted records. Guarded by the store's lock.
 */
public final class Repo {
    private static final Comparator<TagRec> TAG_TIME = Comparator.comparing((TagRec t) -> t.updated).thenComparing(t -> t.name);
    private static final Comparator<ManifestRec> MANIFEST_TIME =
            Comparator.comparing((ManifestRec m) -> m.updated).thenComparing(m -> m.digest);
    private static final int CURSOR_MEMORY = 100_000;

    public final String name;
    public Instant created;
    public Instant updated;
    public Attrs attrs = new Attrs();
    /** Set when the repository was deleted as a whole under soft delete (cleared when content returns). */
    public Instant deletedAt;

    private final TreeMap<String, TagRec> tags = new TreeMap<>();
    private final TreeSet<TagRec> tagsByTime = new TreeSet<>(TAG_TIME);
    private final TreeMap<String, ManifestRec> manifests = new TreeMap<>();
    private final TreeSet<ManifestRec> manifestsByTime = new TreeSet<>(MANIFEST_TIME);
    private final Map<String, Set<String>> referrersBySubject = new HashMap<>();
    /** Time keys of removed tags/manifests, so a time-ordered cursor that was just deleted still positions. */
    private final Map<String, Instant> removedKeys = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > CURSOR_MEMORY;
        }
    };

    public final TreeMap<String, DeletedManifestRec> deletedManifests = new TreeMap<>();
    public final List<DeletedTagRec> deletedTags = new ArrayList<>();

    public Repo(String name, Instant created) {
        this.name = name;
        this.created = created;
        this.updated = created;
    }

    /** Live: has at least one manifest. An empty repository is not listed and answers NAME_UNKNOWN. */
    public boolean live() {
        return !manifests.isEmpty();
    }

    // ---- tags

    public TagRec tag(String name) {
        return tags.get(name);
    }

    public Collection<TagRec> tags() {
        return tags.values();
    }

    public int tagCount() {
        return tags.size();
    }

    public void putTag(TagRec t) {
        TagRec old = tags.put(t.name, t);
        if (old != null) {
            tagsByTime.remove(old);
        }
        tagsByTime.add(t);
    }

    public TagRec removeTag(String name) {
        TagRec t = tags.remove(name);
        if (t != null) {
            tagsByTime.remove(t);
            removedKeys.put("t:" + name, t.updated);
        }
        return t;
    }

    /** Points {@code t} at {@code digest} at time {@code when} (keeps the time index in order). */
    public void moveTag(TagRec t, String digest, Instant when) {
        tagsByTime.remove(t);
        t.digest = digest;
        t.updated = when;
        tagsByTime.add(t);
    }

    public void retimeTag(TagRec t, Instant created, Instant updated) {
        tagsByTime.remove(t);
        t.created = created;
        t.updated = updated;
        tagsByTime.add(t);
    }

    // ---- manifests

    public ManifestRec manifest(String digest) {
        return manifests.get(digest);
    }

    public Collection<ManifestRec> manifests() {
        return manifests.values();
    }

    public int manifestCount() {
        return manifests.size();
    }

    public void putManifest(ManifestRec m) {
        ManifestRec old = manifests.put(m.digest, m);
        if (old != null) {
            manifestsByTime.remove(old);
        }
        manifestsByTime.add(m);
        if (m.subject != null) {
            referrersBySubject.computeIfAbsent(m.subject, k -> new TreeSet<>()).add(m.digest);
        }
    }

    public ManifestRec removeManifest(String digest) {
        ManifestRec m = manifests.remove(digest);
        if (m != null) {
            manifestsByTime.remove(m);
            removedKeys.put("m:" + digest, m.updated);
            if (m.subject != null) {
                Set<String> s = referrersBySubject.get(m.subject);
                if (s != null) {
                    s.remove(digest);
                    if (s.isEmpty()) {
                        referrersBySubject.remove(m.subject);
                    }
                }
            }
        }
        return m;
    }

    public void retimeManifest(ManifestRec m, Instant updated) {
        manifestsByTime.remove(m);
        m.updated = updated;
        manifestsByTime.add(m);
    }

    /** Live manifests whose {@code subject} is {@code digest}. */
    public List<ManifestRec> referrers(String digest) {
        List<ManifestRec> out = new ArrayList<>();
        for (String d : referrersBySubject.getOrDefault(digest, Set.of())) {
            ManifestRec m = manifests.get(d);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    // ---- pages

    public Page<TagRec> tagPage(String last, int n, String orderby, Predicate<TagRec> visible) {
        return page(tags, tagsByTime, "t:", t -> t.updated, (key, at) -> new TagRec(key, null, at, at, null),
                last, n, orderby, visible);
    }

    public Page<ManifestRec> manifestPage(String last, int n, String orderby, Predicate<ManifestRec> visible) {
        return page(manifests, manifestsByTime, "m:", m -> m.updated, Repo::probeManifest, last, n, orderby, visible);
    }

    /**
     * One page of tags or manifests: by key (name/digest) after {@code last}, or by time index when {@code orderby}
     * is timeasc/timedesc, where {@code last} is positioned through a probe at the key's time (also for a key
     * just removed, from {@link #removedKeys}).
     */
    private <T> Page<T> page(TreeMap<String, T> byKey, TreeSet<T> byTime, String removedPrefix, Function<T, Instant> updated,
            BiFunction<String, Instant, T> probe, String last, int n, String orderby, Predicate<T> visible) {
        Iterator<T> it;
        if ("timeasc".equals(orderby) || "timedesc".equals(orderby)) {
            NavigableSet<T> set = "timedesc".equals(orderby) ? byTime.descendingSet() : byTime;
            if (last != null) {
                T current = byKey.get(last);
                Instant at = current != null ? updated.apply(current) : removedKeys.get(removedPrefix + last);
                if (at != null) {
                    set = set.tailSet(probe.apply(last, at), false);
                }
            }
            it = set.iterator();
        } else {
            it = (last == null ? byKey : byKey.tailMap(last, false)).values().iterator();
        }
        return take(it, n, visible);
    }

    private static ManifestRec probeManifest(String digest, Instant at) {
        return new ManifestRec(digest, "", new byte[0], 0, null, null, null, null, null, List.of(), List.of(), at, at, null);
    }

    public static <T> Page<T> take(Iterator<T> it, int n, Predicate<T> visible) {
        List<T> out = new ArrayList<>(Math.min(n, 1024));
        while (it.hasNext()) {
            T t = it.next();
            if (!visible.test(t)) {
                continue;
            }
            if (out.size() == n) {
                return new Page<>(out, true);
            }
            out.add(t);
        }
        return new Page<>(out, false);
    }
}
