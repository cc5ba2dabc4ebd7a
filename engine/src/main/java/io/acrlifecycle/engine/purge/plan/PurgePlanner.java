package io.acrlifecycle.engine.purge.plan;

import io.acrlifecycle.engine.model.ManifestContent;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.MediaTypes;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.purge.rules.Filter;
import io.acrlifecycle.engine.purge.rules.ProtectedImage;
import io.acrlifecycle.engine.purge.rules.PurgeRule;
import io.acrlifecycle.engine.purge.rules.PurgeRules;
import io.acrlifecycle.engine.purge.rules.UserPattern;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pure purge planner: listings + rules + now in, plan out; no network, no clock.
 *
 * <p>Tag pass (acr purge {@code getTagsToDelete}): in listing order (newest first), the first rule whose filter
 * matches decides; a tag is eligible when {@code lastUpdateTime < now - ago} and it is not locked (unless
 * includeLocked); the {@code keep} newest eligible tags per rule are kept; locked and recent tags do not use a keep
 * slot. Exclusions and protections are checked before the rules.
 *
 * <p>Untagged pass (acr purge {@code GetUntaggedManifests}), run by the first rule matching the repository with
 * {@code untagged}/{@code untaggedOnly}: a manifest whose every tag is untagged by this plan counts as untagged (the
 * same set in a dry run and a real run); locked, still tagged, recent ({@code lastUpdateTime > cutoff}) and
 * time-less manifests are spared and, when they are indexes, shield their children (nested indexes too). This
 * includes locked indexes, which acr purge does not shield. Unprotected manifests without media type are spared;
 * OCI manifests/indexes/artifacts are read, and a referrer (has {@code subject}) is spared, except an untagged
 * referrer index with children, which acr purge deletes while sparing its children. Then {@code keep} N: nothing
 * is deleted when there are at most N candidates, otherwise the N newest are kept.
 *
 * <p>Cascade: the registry deletes a manifest's referrer graph with it, so each manifest to delete carries that graph
 * ({@link ManifestAction#cascade()}, from the referrers API and the bodies read), or is spared
 * ({@link SpareReason#REFERRER_KEPT}) when a referrer in it must stay.
 *
 * <p>Over 400 lines because the two passes share one repository's state (filters, exclusions, protections,
 * what this plan untags) and mirror acr purge's two functions side by side; split apart, that state would be
 * handed across.
 */
public final class PurgePlanner {

    private PurgePlanner() {
    }

    public static PurgePlan plan(Iterable<RepositoryListing> listings, PurgeRules rules, Instant now) {
        return plan(null, listings, rules, now);
    }

    /** {@code loginServer} decides which {@code protect.images} references apply (null: all). */
    public static PurgePlan plan(String loginServer, Iterable<RepositoryListing> listings, PurgeRules rules,
            Instant now) {
        TreeMap<String, RepositoryPlan> byName = new TreeMap<>();
        for (RepositoryListing l : listings) {
            byName.put(l.repository(), planRepository(loginServer, l, rules, now));
        }
        return PurgePlan.of(loginServer, now, rules.source(), new ArrayList<>(byName.values()));
    }

    /** Plans one repository; the listings are iterated once each. */
    public static RepositoryPlan planRepository(String loginServer, RepositoryListing listing, PurgeRules rules,
            Instant now) {
        return new RepoPlanner(loginServer, listing, rules, now, false).run();
    }

    /**
     * Plans one repository as the real {@code acr purge} does: a locked index is skipped by its lock check before
     * its children are read, so it does not shield its untagged platform manifests (acr-facts 5.3). Our own purge
     * never plans this way; the deploy guard and the forecast use it to predict scheduled acr purge runs.
     */
    public static RepositoryPlan planRepositoryAsAcrPurge(String loginServer, RepositoryListing listing,
            PurgeRules rules, Instant now) {
        return new RepoPlanner(loginServer, listing, rules, now, true).run();
    }

    private static final class RepoPlanner {
        private final String repo;
        private final RepositoryListing listing;
        private final PurgeRules rules;
        private final Instant now;
        private final List<List<Filter>> tagFilters = new ArrayList<>();
        private final List<Filter> excludes = new ArrayList<>();
        private final Map<String, ProtectedImage> protectedTagRefs = new HashMap<>();
        private final Map<String, ProtectedImage> protectedDigests = new HashMap<>();
        private final List<TagAction> untag = new ArrayList<>();
        private final List<Spared> spared = new ArrayList<>();
        // digest -> tag names this plan untags (a set: paging may list a tag twice)
        private final Map<String, Set<String>> untaggedNames = new HashMap<>();
        // acr purge's hole: a locked index does not shield its children
        private final boolean lockedIndexesLeaveChildren;

        RepoPlanner(String loginServer, RepositoryListing listing, PurgeRules rules, Instant now,
                boolean lockedIndexesLeaveChildren) {
            this.lockedIndexesLeaveChildren = lockedIndexesLeaveChildren;
            this.repo = listing.repository();
            this.listing = listing;
            this.rules = rules;
            this.now = now;
            for (PurgeRule r : rules.rules()) {
                List<Filter> fs = new ArrayList<>();
                if (r.decidesTags()) {
                    for (Filter f : r.filters()) {
                        if (f.matchesRepository(repo)) {
                            fs.add(f);
                        }
                    }
                }
                tagFilters.add(fs);
            }
            for (Filter f : rules.exclude()) {
                if (f.matchesRepository(repo)) {
                    excludes.add(f);
                }
            }
            for (ProtectedImage p : rules.protectedImages()) {
                if (p.appliesTo(loginServer) && p.repository().equals(repo)) {
                    if (p.digest() != null) {
                        protectedDigests.putIfAbsent(p.digest(), p);
                    }
                    if (p.tag() != null && p.digest() == null) {
                        protectedTagRefs.putIfAbsent(p.tag(), p);
                    }
                    if (p.tag() != null && p.digest() != null) {
                        protectedTagRefs.putIfAbsent(p.tag(), p);
                    }
                }
            }
        }

        RepositoryPlan run() {
            boolean anyTagRule = tagFilters.stream().anyMatch(l -> !l.isEmpty());
            if (anyTagRule) {
                tagPass();
            }
            PurgeRule untaggedRule = null;
            for (PurgeRule r : rules.rules()) {
                if (r.decidesUntagged() && r.appliesToRepository(repo)) {
                    untaggedRule = r;
                    break;
                }
            }
            List<ManifestAction> delete = untaggedRule == null ? List.of() : untaggedPass(untaggedRule);
            return new RepositoryPlan(repo, untag, delete, spared, untaggedRule == null ? null : untaggedRule.name());
        }

        // ---- tag pass ------------------------------------------------------------------------------------

        private void tagPass() {
            int[] kept = new int[rules.rules().size()];
            Set<String> seen = new HashSet<>();
            for (TagInfo t : listing.tagsNewestFirst()) {
                String name = t.name();
                if (!seen.add(name)) {
                    continue; // listed twice (paging): decided once, so it cannot take two keep slots or two untags
                }
                Filter ex = firstTagMatch(excludes, name);
                if (ex != null) {
                    spareTag(t, SpareReason.EXCLUDED, null, "exclude " + ex.text());
                    continue;
                }
                UserPattern pt = protectedTag(name);
                if (pt != null) {
                    spareTag(t, SpareReason.PROTECTED_TAG, null, "protect.tags " + pt.source());
                    continue;
                }
                ProtectedImage pi = protectedTagRefs.get(name);
                if (pi == null) {
                    pi = protectedDigests.get(t.digest());
                }
                if (pi != null) {
                    spareTag(t, SpareReason.PROTECTED_IMAGE, null, pi + " (" + pi.source() + ")");
                    continue;
                }
                int ri = -1;
                for (int i = 0; i < tagFilters.size(); i++) {
                    if (firstTagMatch(tagFilters.get(i), name) != null) {
                        ri = i;
                        break;
                    }
                }
                if (ri < 0) {
                    spareTag(t, SpareReason.NOT_MATCHED, null, null);
                    continue;
                }
                PurgeRule rule = rules.rules().get(ri);
                if (rule.action() == PurgeRule.Action.KEEP) {
                    spareTag(t, SpareReason.KEPT_BY_RULE, rule.name(), "action: keep");
                    continue;
                }
                Instant cutoff = rule.ago().cutoff(now);
                if (t.lastUpdateTime() == null) {
                    spareTag(t, SpareReason.NO_UPDATE_TIME, rule.name(), "no lastUpdateTime");
                    continue;
                }
                if (!t.lastUpdateTime().isBefore(cutoff)) {
                    spareTag(t, SpareReason.NEWER_THAN_AGO, rule.name(), "updated " + t.lastUpdateTime()
                            + ", not before cutoff " + cutoff + " (ago " + rule.ago() + ")");
                    continue;
                }
                boolean locked = t.locks().blocksDelete();
                if (locked && !rules.includeLocked()) {
                    spareTag(t, SpareReason.LOCKED, rule.name(), lockText(t.locks()));
                    continue;
                }
                if (kept[ri] < rule.keep()) {
                    kept[ri]++;
                    spareTag(t, SpareReason.KEPT_BY_KEEP, rule.name(), "rank " + kept[ri] + " of keep " + rule.keep());
                    continue;
                }
                untag.add(new TagAction(repo, name, t.digest(), t.lastUpdateTime(), rule.name(),
                        "matches " + matchText(tagFilters.get(ri), name) + ", older than " + rule.ago(), locked));
                untaggedNames.computeIfAbsent(t.digest(), k -> new java.util.LinkedHashSet<>(2)).add(name);
            }
        }

        private String matchText(List<Filter> fs, String name) {
            Filter f = firstTagMatch(fs, name);
            return f == null ? "" : "filter " + f.text();
        }

        private static Filter firstTagMatch(List<Filter> fs, String tag) {
            for (Filter f : fs) {
                if (f.matchesTag(tag)) {
                    return f;
                }
            }
            return null;
        }

        private UserPattern protectedTag(String name) {
            for (UserPattern p : rules.protectedTags()) {
                if (p.find(name)) {
                    return p;
                }
            }
            return null;
        }

        private void spareTag(TagInfo t, SpareReason reason, String rule, String detail) {
            spared.add(new Spared(repo, t.name(), t.digest(), reason, rule, detail));
        }

        // ---- untagged pass -------------------------------------------------------------------------------

        private List<ManifestAction> untaggedPass(PurgeRule rule) {
            Instant cutoff = rule.ago().cutoff(now);
            Map<String, String> types = new HashMap<>();
            // protected index -> reason its children get
            Map<String, SpareReason> shielding = new TreeMap<>();
            Map<String, ManifestInfo> candidates = new TreeMap<>();
            Map<String, ManifestContent> candidateContent = new HashMap<>();
            List<Spared> sparedManifests = new ArrayList<>();
            List<ManifestInfo> needBody = new ArrayList<>();
            // what a referrer needs for the cascade: only OCI manifests/indexes/artifacts can have a subject, so only
            // they are kept (memory stays bounded by them), with why each must stay if the run cannot delete it
            Map<String, ManifestInfo> mayRefer = new HashMap<>();
            Map<String, String> mustStay = new HashMap<>();
            Map<String, Set<String>> knownReferrers = new HashMap<>();
            for (ManifestInfo m : listing.manifests()) {
                String d = m.digest();
                types.put(d, m.mediaType() == null ? null : m.mediaType().intern());
                if (MediaTypes.maySubject(m.mediaType())) {
                    mayRefer.put(d, m);
                    String why = mustStay(m);
                    if (why != null) {
                        mustStay.put(d, why);
                    }
                }
                boolean indexLike = m.mediaType() == null || m.isIndex();
                ProtectedImage pi = protectedDigests.get(d);
                if (pi != null) {
                    sparedManifests.add(new Spared(repo, null, d, SpareReason.PROTECTED_IMAGE, rule.name(),
                            pi + " (" + pi.source() + ")"));
                    shield(shielding, indexLike, d, SpareReason.CHILD_OF_PROTECTED_INDEX);
                    continue;
                }
                boolean locked = m.locks().blocksDelete();
                if (locked && !rules.includeLocked()) {
                    sparedManifests.add(new Spared(repo, null, d, SpareReason.LOCKED, rule.name(), lockText(m.locks())));
                    if (!lockedIndexesLeaveChildren) {
                        shield(shielding, indexLike, d, SpareReason.CHILD_OF_LOCKED_INDEX);
                    }
                    continue;
                }
                // by name, not by count: a listing that repeats a tag (paging) must not make a tagged manifest look bare
                Set<String> remaining = new java.util.TreeSet<>(m.tags());
                remaining.removeAll(untaggedNames.getOrDefault(d, Set.of()));
                if (!remaining.isEmpty()) {
                    sparedManifests.add(new Spared(repo, null, d, SpareReason.STILL_TAGGED, rule.name(),
                            remaining.size() + " tag(s) remain " + remaining));
                    shield(shielding, indexLike, d, SpareReason.CHILD_OF_TAGGED_INDEX);
                    continue;
                }
                if (m.lastUpdateTime() == null) {
                    sparedManifests.add(new Spared(repo, null, d, SpareReason.NO_UPDATE_TIME, rule.name(),
                            "no lastUpdateTime"));
                    shield(shielding, indexLike, d, SpareReason.CHILD_OF_RECENT_INDEX);
                    continue;
                }
                if (m.lastUpdateTime().isAfter(cutoff)) {
                    sparedManifests.add(new Spared(repo, null, d, SpareReason.NEWER_THAN_AGO, rule.name(),
                            "updated " + m.lastUpdateTime() + ", after cutoff " + cutoff + " (ago " + rule.ago() + ")"));
                    shield(shielding, indexLike, d, SpareReason.CHILD_OF_RECENT_INDEX);
                    continue;
                }
                Filter ex = firstTagMatch(excludes, d);
                if (ex != null) {
                    sparedManifests.add(new Spared(repo, null, d, SpareReason.EXCLUDED, rule.name(), "exclude " + ex.text()));
                    shield(shielding, indexLike, d, SpareReason.CHILD_OF_PROTECTED_INDEX);
                    continue;
                }
                if (m.mediaType() == null) {
                    sparedManifests.add(new Spared(repo, null, d, SpareReason.NO_MEDIA_TYPE, rule.name(),
                            "the registry reported no mediaType"));
                    continue;
                }
                if (MediaTypes.maySubject(m.mediaType())) {
                    needBody.add(m); // read after the listing, in parallel when the lookup can
                    continue;
                }
                candidates.put(d, m);
            }
            List<String> wanted = new ArrayList<>(shielding.keySet());
            needBody.forEach(m -> wanted.add(m.digest()));
            if (!wanted.isEmpty()) {
                listing.lookup().prefetch(wanted);
            }
            for (ManifestInfo m : needBody) {
                String d = m.digest();
                Optional<ManifestContent> c = listing.lookup().content(d);
                if (c.isEmpty()) {
                    sparedManifests.add(new Spared(repo, null, d, SpareReason.CONTENT_NOT_FOUND, rule.name(),
                            "GET manifest answered 404"));
                    continue;
                }
                ManifestContent content = c.get();
                if (content.hasSubject()) {
                    knownReferrers.computeIfAbsent(content.subjectDigest(), k -> new java.util.TreeSet<>()).add(d);
                    if (MediaTypes.OCI_INDEX.equals(m.mediaType()) && !content.childDigests().isEmpty()) {
                        // acr purge deletes such an index but shields what it lists
                        shielding.put(d, SpareReason.CHILD_OF_REFERRER_INDEX);
                    } else {
                        sparedManifests.add(new Spared(repo, null, d, SpareReason.REFERRER_WITH_SUBJECT,
                                rule.name(), "subject " + content.subjectDigest()));
                        continue;
                    }
                }
                candidateContent.put(d, content);
                candidates.put(d, m);
            }
            Map<String, String[]> ignored = new HashMap<>();
            for (Map.Entry<String, SpareReason> e : shielding.entrySet()) {
                collectChildren(e.getKey(), e.getValue(), types, ignored, new HashSet<>());
            }
            List<ManifestInfo> deletable = new ArrayList<>();
            for (ManifestInfo m : candidates.values()) {
                String[] why = ignored.get(m.digest());
                if (why != null) {
                    sparedManifests.add(new Spared(repo, null, m.digest(), SpareReason.valueOf(why[0]), rule.name(),
                            "listed by index " + why[1]));
                } else {
                    deletable.add(m);
                }
            }
            if (rule.keep() > 0) {
                // newest first, ties by digest (acr purge sortManifestsByTime); keep the first N
                deletable.sort(Comparator.comparing(ManifestInfo::lastUpdateTime, Comparator.reverseOrder())
                        .thenComparing(ManifestInfo::digest));
                int n = Math.min(rule.keep(), deletable.size());
                for (int i = 0; i < n; i++) {
                    sparedManifests.add(new Spared(repo, null, deletable.get(i).digest(), SpareReason.KEPT_BY_KEEP,
                            rule.name(), "rank " + (i + 1) + " of keep " + rule.keep() + " (untagged)"));
                }
                deletable = deletable.size() <= rule.keep() ? List.of() : deletable.subList(n, deletable.size());
            }
            deletable = withCascades(rule, deletable, mayRefer, mustStay, knownReferrers, types, sparedManifests);
            List<ManifestAction> out = new ArrayList<>();
            for (ManifestInfo m : deletable) {
                ManifestContent c = candidateContent.get(m.digest());
                List<String> tags = List.copyOf(untaggedNames.getOrDefault(m.digest(), Set.of()));
                String reason = (tags.isEmpty() ? "untagged" : "loses its last tag(s) " + tags + " in this run")
                        + ", not after cutoff (ago " + rule.ago() + ")"
                        + (c != null && c.hasSubject() ? "; referrer index (subject " + c.subjectDigest()
                                + ") deleted as acr purge does, its children are kept" : "");
                out.add(new ManifestAction(repo, m.digest(), tags, m.mediaType(), m.imageSize(), m.lastUpdateTime(),
                        rule.name(), reason, m.locks().blocksDelete(), c == null ? null : c.subjectDigest(),
                        c == null ? List.of() : c.childDigests(), cascades.getOrDefault(m.digest(), List.of())));
            }
            // indexes before what they list, so an interrupted run never leaves an index pointing at deleted children
            out.sort(Comparator.comparing((ManifestAction a) -> MediaTypes.isIndex(a.mediaType()) ? 0 : 1)
                    .thenComparing(ManifestAction::digest));
            sparedManifests.sort(Comparator.comparing(Spared::digest));
            spared.addAll(sparedManifests);
            return out;
        }

        // ---- cascade: what the registry deletes with a manifest ------------------------------------------

        private final Map<String, List<CascadeAction>> cascades = new HashMap<>();
        private static final int REFERRERS_BATCH = 512;

        /**
         * Why a manifest that may be a referrer must not be deleted along with its subject: the user's explicit
         * protections (protect.images, exclude), a lock, or a tag this run keeps. Null when it may go. Age, keep
         * ranks and the like do not count: a referrer lives and dies with its subject (ACR's own rule), so a fresh
         * scan result does not keep an old image alive.
         */
        private String mustStay(ManifestInfo m) {
            ProtectedImage pi = protectedDigests.get(m.digest());
            if (pi != null) {
                return "protected: " + pi + " (" + pi.source() + ")";
            }
            if (m.locks().blocksDelete()) {
                return "locked (" + lockText(m.locks()) + ")";
            }
            Set<String> remaining = new java.util.TreeSet<>(m.tags());
            remaining.removeAll(untaggedNames.getOrDefault(m.digest(), Set.of()));
            if (!remaining.isEmpty()) {
                return "tagged " + remaining + " (tags this run keeps)";
            }
            Filter ex = firstTagMatch(excludes, m.digest());
            if (ex != null) {
                return "excluded by " + ex.text();
            }
            return null;
        }

        /**
         * Walks the referrer graph of every manifest to delete (referrers of referrers too). A manifest whose graph
         * holds a referrer that must stay is spared ({@link SpareReason#REFERRER_KEPT}), with the children of such an
         * index; otherwise its graph becomes its cascade, and a referrer planned on its own goes with its subject
         * instead (one record, journaled before the subject's DELETE).
         */
        private List<ManifestInfo> withCascades(PurgeRule rule, List<ManifestInfo> deletable,
                Map<String, ManifestInfo> mayRefer, Map<String, String> mustStay,
                Map<String, Set<String>> knownReferrers, Map<String, String> types, List<Spared> sparedManifests) {
            if (deletable.isEmpty()) {
                return deletable;
            }
            Map<String, String> blocked = new HashMap<>();
            Set<String> cascaded = new HashSet<>();
            for (int i = 0; i < deletable.size(); i++) {
                if (i % REFERRERS_BATCH == 0) { // read ahead in batches: parallel, and memory stays bounded
                    List<String> batch = new ArrayList<>();
                    deletable.subList(i, Math.min(deletable.size(), i + REFERRERS_BATCH))
                            .forEach(m -> batch.add(m.digest()));
                    listing.lookup().prefetchReferrers(batch);
                }
                ManifestInfo m = deletable.get(i);
                List<CascadeAction> graph = new ArrayList<>();
                String blocker = walk(m.digest(), mayRefer, mustStay, knownReferrers, graph);
                if (blocker != null) {
                    blocked.put(m.digest(), blocker);
                } else if (!graph.isEmpty()) {
                    cascades.put(m.digest(), graph);
                }
            }
            // an index that stays keeps what it lists
            Map<String, String[]> shieldedChildren = new HashMap<>();
            for (String d : blocked.keySet()) {
                if (MediaTypes.isIndex(types.get(d))) {
                    collectChildren(d, SpareReason.CHILD_OF_PROTECTED_INDEX, types, shieldedChildren, new HashSet<>());
                }
            }
            for (String d : new ArrayList<>(cascades.keySet())) {
                if (shieldedChildren.containsKey(d)) {
                    cascades.remove(d);
                } else {
                    cascades.get(d).forEach(c -> cascaded.add(c.digest()));
                }
            }
            List<ManifestInfo> out = new ArrayList<>();
            for (ManifestInfo m : deletable) {
                String d = m.digest();
                if (blocked.containsKey(d)) {
                    sparedManifests.add(new Spared(repo, null, d, SpareReason.REFERRER_KEPT, rule.name(),
                            blocked.get(d) + "; deleting this manifest would delete it too"));
                } else if (shieldedChildren.containsKey(d)) {
                    String[] why = shieldedChildren.get(d);
                    sparedManifests.add(new Spared(repo, null, d, SpareReason.valueOf(why[0]), rule.name(),
                            "listed by index " + why[1] + ", which a referrer keeps"));
                } else if (!cascaded.contains(d)) {
                    out.add(m);
                }
            }
            // a referrer that goes with its subject is no longer spared
            sparedManifests.removeIf(sp -> cascaded.contains(sp.digest()));
            return out;
        }

        /** Breadth-first over the referrers of {@code root}; returns why it must stay, or null (graph filled). */
        private String walk(String root, Map<String, ManifestInfo> mayRefer, Map<String, String> mustStay,
                Map<String, Set<String>> knownReferrers, List<CascadeAction> graph) {
            java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(root));
            Set<String> seen = new HashSet<>(List.of(root));
            while (!todo.isEmpty()) {
                String subject = todo.poll();
                Set<String> refs = new java.util.TreeSet<>(listing.lookup().referrers(subject));
                refs.addAll(knownReferrers.getOrDefault(subject, Set.of()));
                for (String r : refs) {
                    if (!seen.add(r)) {
                        continue;
                    }
                    String why = mustStay.get(r);
                    ManifestInfo info = mayRefer.get(r);
                    if (why == null && info == null) {
                        why = "not in the manifest listing (hidden by listEnabled=false, or pushed since)";
                    }
                    if (why != null) {
                        return "referrer " + r + (subject.equals(root) ? "" : " (of " + subject + ")") + " is " + why;
                    }
                    graph.add(new CascadeAction(repo, r, subject, info.mediaType(), info.imageSize(),
                            info.lastUpdateTime(), List.copyOf(untaggedNames.getOrDefault(r, Set.of())),
                            "referrer of " + subject + ": the registry deletes it with "
                                    + (subject.equals(root) ? "its subject" : repo + "@" + root)));
                    todo.add(r);
                }
            }
            return null;
        }

        private static void shield(Map<String, SpareReason> shielding, boolean indexLike, String digest,
                SpareReason reason) {
            if (indexLike) {
                shielding.putIfAbsent(digest, reason);
            }
        }

        /** Adds what {@code index} lists to {@code ignored}, descending into nested indexes (acr purge does too). */
        private void collectChildren(String index, SpareReason reason, Map<String, String> types,
                Map<String, String[]> ignored, Set<String> seen) {
            if (!seen.add(index)) {
                return;
            }
            Optional<ManifestContent> c = listing.lookup().content(index);
            if (c.isEmpty()) {
                return;
            }
            for (String child : c.get().childDigests()) {
                ignored.putIfAbsent(child, new String[] {reason.name(), index});
                String type = types.get(child);
                if (MediaTypes.isIndex(type)) {
                    collectChildren(child, reason, types, ignored, seen);
                }
            }
        }

        private static String lockText(io.acrlifecycle.engine.model.Locks l) {
            return "deleteEnabled=" + l.deleteEnabled() + ", writeEnabled=" + l.writeEnabled();
        }
    }

    /** Convenience for tests and callers holding whole lists. */
    public static RepositoryListing listing(String repository, List<TagInfo> tagsNewestFirst,
            List<ManifestInfo> manifests, Map<String, ManifestContent> contents) {
        Map<String, ManifestContent> copy = new LinkedHashMap<>(contents == null ? Map.of() : contents);
        return new RepositoryListing(repository, tagsNewestFirst, manifests,
                d -> Optional.ofNullable(copy.get(d)));
    }
}
