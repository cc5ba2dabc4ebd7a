package io.acrlifecycle.engine.recovery;

import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.DeletedTag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure: turns what a repository holds (soft-deleted manifests and tag records, live tags and digests) into the
 * restores that put it back the way it was at {@code since}.
 *
 * <ul>
 * <li>Every manifest soft-deleted at or after {@code since} comes back, tagged or not.</li>
 * <li>Every tag record deleted at or after {@code since} comes back onto its manifest (soft-deleted then, or live:
 * a direct tag delete). A tag name with several such records (it moved, then went) gets the manifest it pointed at
 * at {@code since} when a record says so (created at or before {@code since}), else the most recently deleted one;
 * the other manifests still come back, without that tag.</li>
 * <li>A tag that now points at another manifest is a CONFLICT carrying that digest (moved only with force).</li>
 * <li>Our own temporary restore tags ({@code acrl-restore-*}) are never given back.</li>
 * <li>Order: tags of live manifests, then plain manifests (tagged first: they are the usual subjects of signatures),
 * then indexes (after their children); each group by deletion time. Soft-deleted listings do not say which manifest
 * a referrer refers to, so a referrer whose subject is not live yet is retried after the others by the executor.</li>
 * </ul>
 */
public final class RecoveryPlanner {
    static final String TEMP_TAG_PREFIX = "acrl-restore-";

    private RecoveryPlanner() {
    }

    public static RecoveryPlan plan(Instant since, Instant now, List<RepositoryState> repositories) {
        List<RecoveryItem> items = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (RepositoryState state : repositories) {
            names.add(state.repository());
            items.addAll(plan(since, state));
        }
        return new RecoveryPlan(since, now, names, items);
    }

    static List<RecoveryItem> plan(Instant since, RepositoryState s) {
        Map<String, Draft> drafts = new LinkedHashMap<>();
        for (DeletedManifest m : s.deletedManifests()) {
            if (m.deletedAt() != null && !m.deletedAt().isBefore(since) && !s.liveDigests().contains(m.digest())) {
                drafts.put(m.digest(), new Draft(m, false));
            }
        }
        Map<String, DeletedManifest> anyDeleted = new HashMap<>();
        s.deletedManifests().forEach(m -> anyDeleted.putIfAbsent(m.digest(), m));
        for (DeletedTag t : chosenTags(since, s.deletedTags())) {
            if (t.digest().equals(s.liveTags().get(t.tag()))) {
                continue; // already back
            }
            Draft d = drafts.get(t.digest());
            if (d == null) {
                d = s.liveDigests().contains(t.digest()) ? new Draft(s.repository(), t.digest(), true, false)
                        : anyDeleted.containsKey(t.digest()) ? null : new Draft(s.repository(), t.digest(), false, true);
                if (d == null) {
                    continue; // its manifest went before since: not part of the state being restored
                }
                drafts.put(t.digest(), d);
            }
            String now = s.liveTags().get(t.tag());
            d.tags.add(new RecoveryItem.TagStep(t.tag(), t.deletedAt(), now));
        }
        List<RecoveryItem> out = new ArrayList<>();
        drafts.values().stream().map(d -> d.item(s.repository())).sorted(ORDER).forEach(out::add);
        return out;
    }

    /** One record per tag name: the one live at {@code since} if known, else the most recently deleted. */
    static List<DeletedTag> chosenTags(Instant since, List<DeletedTag> records) {
        Map<String, DeletedTag> chosen = new LinkedHashMap<>();
        Comparator<DeletedTag> better = Comparator
                .comparing((DeletedTag t) -> t.createdAt() != null && !t.createdAt().isAfter(since))
                .thenComparing(t -> t.deletedAt(), Comparator.nullsFirst(Comparator.naturalOrder()));
        for (DeletedTag t : records) {
            if (t.deletedAt() == null || t.deletedAt().isBefore(since) || t.tag().startsWith(TEMP_TAG_PREFIX)) {
                continue;
            }
            chosen.merge(t.tag(), t, (a, b) -> better.compare(a, b) >= 0 ? a : b);
        }
        return new ArrayList<>(chosen.values());
    }

    private static final Comparator<RecoveryItem> ORDER = Comparator
            .comparingInt((RecoveryItem i) -> i.live() ? 0 : isIndex(i) ? 3 : i.tags().isEmpty() ? 2 : 1)
            .thenComparing(RecoveryItem::deletedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(RecoveryItem::digest);

    private static boolean isIndex(RecoveryItem i) {
        return io.acrlifecycle.engine.model.MediaTypes.isIndex(i.mediaType());
    }

    private static final class Draft {
        final String digest;
        final String mediaType;
        final long size;
        final Instant deletedAt;
        final Instant expiresAt;
        final boolean live;
        final boolean gone;
        final List<RecoveryItem.TagStep> tags = new ArrayList<>();

        Draft(DeletedManifest m, boolean live) {
            this.digest = m.digest();
            this.mediaType = m.mediaType();
            this.size = m.size();
            this.deletedAt = m.deletedAt();
            this.expiresAt = m.expiresAt();
            this.live = live;
            this.gone = false;
        }

        Draft(String repository, String digest, boolean live, boolean gone) {
            this.digest = digest;
            this.mediaType = null;
            this.size = live ? 0 : -1;
            this.deletedAt = null;
            this.expiresAt = null;
            this.live = live;
            this.gone = gone;
        }

        RecoveryItem item(String repository) {
            tags.sort(Comparator.comparing(RecoveryItem.TagStep::tag));
            return new RecoveryItem(repository, digest, mediaType, size, deletedAt, expiresAt, live, gone, tags);
        }
    }
}
