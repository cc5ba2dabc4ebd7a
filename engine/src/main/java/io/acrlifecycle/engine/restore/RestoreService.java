package io.acrlifecycle.engine.restore;

import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.DeleteOutcome;
import io.acrlifecycle.engine.model.DeletedTag;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.registry.AuthenticationFailedException;
import io.acrlifecycle.engine.registry.AuthorizationFailedException;
import io.acrlifecycle.engine.registry.ConflictException;
import io.acrlifecycle.engine.registry.NotFoundException;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.registry.RegistryException;
import io.acrlifecycle.engine.registry.SoftDeleteTimes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code acrRestore}: brings soft-deleted manifests back with their tags.
 *
 * <ul>
 * <li>By digest (with tags), by tag (the newest soft-deleted manifest that held the tag, by deletedAt), or a batch;
 * "undo a purge" passes {@link RestoreTarget}s with the relations it recorded.</li>
 * <li>Order: an index's children before the index, a subject before its referrers ({@link RestoreOrder}).</li>
 * <li>A live tag on another manifest is never moved without {@code force}: the item is CONFLICT with the live
 * digest, and no restore call is made for it.</li>
 * <li>ACR restores one manifest with one tag per call, so each tag is one call. An untagged manifest (an index
 * child, a referrer) is restored with a temporary tag {@code acrl-restore-<12 hex>} that is removed right after, so
 * the manifest comes back untagged as it was.</li>
 * <li>Gone items: EXPIRED when we can tell it expired (listed with expiresAt in the past, or the caller's deletedAt
 * + the current retentionDays is past), else NOT_FOUND.</li>
 * </ul>
 * Authentication and authorization failures abort the run (every later item would fail the same way).
 */
public final class RestoreService {
    static final String TEMP_TAG_PREFIX = "acrl-restore-";

    private final Registry registry;
    private final EngineLog log;
    private final Clock clock;

    public RestoreService(Registry registry, EngineLog log) {
        this(registry, log, Clock.systemUTC());
    }

    /** With a clock, to judge expiry against the registry's time (tests move the emulator's clock). */
    public RestoreService(Registry registry, EngineLog log, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.log = log == null ? EngineLog.SILENT : log;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static final class Item {
        final String repository;
        final String digest;
        final Set<String> tags = new LinkedHashSet<>();
        final List<String> after = new ArrayList<>();
        Instant deletedAt;

        Item(String repository, String digest) {
            this.repository = repository;
            this.digest = digest;
        }
    }

    public RestoreReport restore(RestoreRequest request) {
        Objects.requireNonNull(request, "request");
        List<RestoreItemResult> results = new ArrayList<>();
        LinkedHashMap<String, Item> items = new LinkedHashMap<>();
        Map<String, List<DeletedTag>> deletedTagsByRepo = new HashMap<>();

        for (RestoreRequest.TagRef ref : request.byTag()) {
            Optional<DeletedTag> newest = deletedTags(ref.repository(), deletedTagsByRepo).stream()
                    .filter(t -> t.tag().equals(ref.tag()))
                    .max(Comparator.comparing(t -> t.deletedAt() == null ? Instant.MIN : t.deletedAt()));
            if (newest.isEmpty()) {
                Optional<TagInfo> liveTag = liveTag(ref.repository(), ref.tag());
                if (liveTag.isPresent()) {
                    // restored before (or never deleted): the same request again finds it live, ALREADY_LIVE below
                    item(items, ref.repository(), liveTag.get().digest()).tags.add(ref.tag());
                    continue;
                }
                results.add(new RestoreItemResult(ref.repository(), null, List.of(ref.tag()), RestoreOutcome.NOT_FOUND,
                        null, List.of(), "no soft-deleted manifest held tag " + ref.tag() + " in " + ref.repository()
                                + " (never deleted, or already purged)"));
                continue;
            }
            item(items, ref.repository(), newest.get().digest()).tags.add(ref.tag());
        }
        for (RestoreTarget t : request.targets()) {
            Item it = item(items, t.repository(), t.digest());
            it.tags.addAll(t.tags());
            it.after.addAll(t.childDigests());
            if (t.subjectDigest() != null) {
                it.after.add(t.subjectDigest());
            }
            if (t.deletedAt() != null) {
                it.deletedAt = t.deletedAt();
            }
        }

        LinkedHashMap<String, RestoreOrder.Node> nodes = new LinkedHashMap<>();
        items.forEach((k, v) -> nodes.put(k, new RestoreOrder.Node(v.repository, v.digest, v.after)));
        Integer days = currentRetentionDays();
        Map<String, Map<String, DeletedManifest>> deletedByRepo = new HashMap<>();
        for (String key : RestoreOrder.sort(nodes)) {
            Item it = items.get(key);
            Map<String, DeletedManifest> deleted = deletedByRepo.computeIfAbsent(it.repository, this::deletedManifests);
            RestoreItemResult r = restoreOne(it, deleted.get(it.digest), days, request, deletedTagsByRepo);
            log.info("restore " + it.repository + "@" + it.digest + " " + it.tags + ": " + r.outcome()
                    + (r.message() == null ? "" : " (" + r.message() + ")"));
            results.add(r);
        }
        return new RestoreReport(registry.loginServer(), request.dryRun(), request.force(), results,
                RestoreReport.Totals.of(results));
    }

    private RestoreItemResult restoreOne(Item it, DeletedManifest dm, Integer days, RestoreRequest request,
            Map<String, List<DeletedTag>> deletedTagsByRepo) {
        List<String> tags = new ArrayList<>(it.tags);
        Instant now = clock.instant();
        boolean live = registry.manifest(it.repository, it.digest).isPresent();
        if (!live && dm == null) {
            Instant expiry = SoftDeleteTimes.expiresAt(it.deletedAt, days);
            if (expiry != null && !expiry.isAfter(now)) {
                return result(it, tags, RestoreOutcome.EXPIRED, null, List.of(), "deleted at " + it.deletedAt
                        + ", retention " + days + " days: expired at " + expiry + " and purged by ACR");
            }
            return result(it, tags, RestoreOutcome.NOT_FOUND, null, List.of(),
                    "not live and not soft-deleted (never existed here, or already purged)");
        }
        List<String> missing = new ArrayList<>();
        for (String tag : tags) {
            Optional<TagInfo> liveTag = registry.tag(it.repository, tag);
            if (liveTag.isPresent() && !liveTag.get().digest().equals(it.digest)) {
                if (!request.force()) {
                    return result(it, tags, RestoreOutcome.CONFLICT, liveTag.get().digest(), List.of(),
                            "tag " + tag + " is live on " + liveTag.get().digest()
                                    + "; restore with force to move it (ACR soft-deletes the replaced tag)");
                }
                missing.add(tag);
            } else if (liveTag.isEmpty()) {
                missing.add(tag);
            }
        }
        if (live && missing.isEmpty()) {
            return result(it, tags, RestoreOutcome.ALREADY_LIVE, null, List.of(), "the manifest and its tags are live");
        }
        if (live) {
            // ACR restores a tag onto a live manifest only from a soft-deleted tag record of that manifest; anything
            // else is a new tag, which restore cannot make (and a POST would only answer 404)
            List<String> neverDeleted = new ArrayList<>();
            for (String tag : missing) {
                boolean held = deletedTags(it.repository, deletedTagsByRepo).stream()
                        .anyMatch(d -> d.tag().equals(tag) && d.digest().equals(it.digest));
                if (!held) {
                    neverDeleted.add(tag);
                }
            }
            if (!neverDeleted.isEmpty()) {
                return result(it, tags, RestoreOutcome.NOT_FOUND, null, List.of(), "the manifest is live, but tag(s) "
                        + neverDeleted + " are not among its soft-deleted tags (it never held them, or they were "
                        + "purged): restore brings back soft-deleted items only; to give it a new tag, push or "
                        + "import it under that tag");
            }
        }
        if (!live && dm.expiresAt() != null && !dm.expiresAt().isAfter(now)) {
            log.warn("restore " + it.repository + "@" + it.digest + ": expired at " + dm.expiresAt()
                    + " but not purged yet; trying anyway");
        }
        if (request.dryRun()) {
            return result(it, tags, RestoreOutcome.WOULD_RESTORE, null, missing, "dry run: would restore"
                    + (missing.isEmpty() ? " (untagged)" : " with " + missing));
        }
        List<String> restored = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try {
            if (!live && missing.isEmpty()) {
                restoreUntagged(it).ifPresent(warnings::add);
            }
            for (String tag : missing) {
                restoreTag(it, tag, request.force());
                restored.add(tag);
            }
        } catch (AuthenticationFailedException | AuthorizationFailedException e) {
            throw e;
        } catch (ConflictException e) {
            return conflictOrFailure(it, tags, restored, e);
        } catch (NotFoundException e) {
            if (!restored.isEmpty()) {
                return result(it, tags, RestoreOutcome.RESTORED, null, restored,
                        "some tags could not be restored: " + e.getMessage());
            }
            boolean expired = dm != null && dm.expiresAt() != null && !dm.expiresAt().isAfter(clock.instant());
            return result(it, tags, expired ? RestoreOutcome.EXPIRED : RestoreOutcome.NOT_FOUND, null, restored,
                    e.getMessage());
        } catch (RegistryException e) {
            return result(it, tags, restored.isEmpty() ? RestoreOutcome.FAILED : RestoreOutcome.RESTORED, null,
                    restored, e.getMessage());
        }
        String message = live ? "the manifest was live; tags " + restored + " restored" : null;
        if (!warnings.isEmpty()) {
            warnings.forEach(w -> log.warn("restore " + it.repository + "@" + it.digest + ": " + w));
            message = (message == null ? "" : message + "; ") + "warning: " + String.join("; ", warnings);
        }
        return new RestoreItemResult(it.repository, it.digest, tags, RestoreOutcome.RESTORED, null, restored,
                message, warnings);
    }

    /**
     * One restore call. A retried POST whose first attempt did reach ACR answers 404 (nothing left to restore): if
     * the tag now points at the digest, that is our own restore, not a missing item.
     */
    private void restoreTag(Item it, String tag, boolean force) {
        try {
            registry.restore(it.repository, it.digest, tag, force);
        } catch (NotFoundException e) {
            Optional<TagInfo> now = registry.tag(it.repository, tag);
            if (now.isEmpty() || !now.get().digest().equals(it.digest)) {
                throw e;
            }
        }
    }

    /**
     * ACR restores with a tag: use a temporary one and remove it, leaving the manifest untagged as before. Once the
     * restore call succeeded the manifest is back, so a failed removal of the temporary tag is a warning naming the
     * leftover tag, not a failure of the restore.
     */
    private Optional<String> restoreUntagged(Item it) {
        String temp = TEMP_TAG_PREFIX + it.digest.substring(it.digest.indexOf(':') + 1, it.digest.indexOf(':') + 13);
        for (int i = 0; registry.tag(it.repository, temp).isPresent(); i++) {
            temp = TEMP_TAG_PREFIX + it.digest.substring(7, 19) + "-" + i;
        }
        restoreTag(it, temp, false);
        String why;
        try {
            DeleteOutcome removed = registry.deleteTag(it.repository, temp);
            if (removed != DeleteOutcome.LOCKED) {
                return Optional.empty();
            }
            why = "the tag is locked";
        } catch (RegistryException e) {
            why = e.getMessage();
        }
        return Optional.of("the manifest is restored, but the temporary tag " + it.repository + ":" + temp
                + " could not be removed (" + why + "); it is not needed and can be deleted, e.g. az acr repository"
                + " untag --name " + shortName(registry.loginServer()) + " --image " + it.repository + ":" + temp);
    }

    private static String shortName(String loginServer) {
        int dot = loginServer.indexOf('.');
        return dot > 0 ? loginServer.substring(0, dot) : loginServer;
    }

    private RestoreItemResult conflictOrFailure(Item it, List<String> tags, List<String> restored,
            ConflictException e) {
        for (String tag : tags) {
            if (restored.contains(tag)) {
                continue;
            }
            Optional<TagInfo> liveTag = registry.tag(it.repository, tag);
            if (liveTag.isPresent() && !liveTag.get().digest().equals(it.digest)) {
                return result(it, tags, RestoreOutcome.CONFLICT, liveTag.get().digest(), restored, e.getMessage());
            }
        }
        return result(it, tags, restored.isEmpty() ? RestoreOutcome.FAILED : RestoreOutcome.RESTORED, null, restored,
                e.getMessage());
    }

    private static RestoreItemResult result(Item it, List<String> tags, RestoreOutcome outcome, String liveDigest,
            List<String> restored, String message) {
        return new RestoreItemResult(it.repository, it.digest, tags, outcome, liveDigest, restored, message);
    }

    private static Item item(Map<String, Item> items, String repository, String digest) {
        return items.computeIfAbsent(RestoreOrder.key(repository, digest), k -> new Item(repository, digest));
    }

    private Optional<TagInfo> liveTag(String repository, String tag) {
        try {
            return registry.tag(repository, tag);
        } catch (NotFoundException e) {
            return Optional.empty(); // unknown repository
        }
    }

    private List<DeletedTag> deletedTags(String repository, Map<String, List<DeletedTag>> cache) {
        return cache.computeIfAbsent(repository, r -> {
            List<DeletedTag> out = new ArrayList<>();
            try {
                registry.deletedTags(r).forEach(out::add);
            } catch (NotFoundException e) {
                // unknown repository: nothing soft-deleted there
            }
            return out;
        });
    }

    private Map<String, DeletedManifest> deletedManifests(String repository) {
        Map<String, DeletedManifest> out = new HashMap<>();
        try {
            registry.deletedManifests(repository).forEach(m -> out.put(m.digest(), m));
        } catch (NotFoundException e) {
            // unknown repository: nothing soft-deleted there
        }
        return out;
    }

    private Integer currentRetentionDays() {
        try {
            return registry.policies().softDeleteRetentionDays();
        } catch (AuthenticationFailedException e) {
            throw e; // the credential itself is refused: every later call would fail the same way
        } catch (RegistryException e) {
            log.warn("cannot read the soft-delete retention days over ARM (" + e.getMessage()
                    + "); expiry of gone items cannot be told apart from not found");
            return null;
        }
    }
}
