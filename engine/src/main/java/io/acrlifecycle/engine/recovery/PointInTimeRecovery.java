package io.acrlifecycle.engine.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.DeletedTag;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.registry.NotFoundException;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.softdelete.SoftDeletedItems;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code restore --since}: puts repositories back the way they were at a moment, whoever deleted what (a purge, a
 * loop of {@code az acr repository delete}, a whole-repository delete, a tag delete). Reads what soft delete holds,
 * plans with {@link RecoveryPlanner}, then restores one tag per call (as ACR requires) in plan order, journaling
 * each intent first ({@link RecoveryJournal}) so a killed run can be continued. Calls are sequential; a 429 is
 * paced by the registry's retry policy, which honours Retry-After.
 */
public final class PointInTimeRecovery {
    private final Registry registry;
    private final EngineLog log;
    private final Clock clock;

    public PointInTimeRecovery(Registry registry, EngineLog log, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.log = log == null ? EngineLog.SILENT : log;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reads the registry and plans; changes nothing. */
    public RecoveryPlan plan(RecoveryRequest request) {
        SoftDeletedItems items = new SoftDeletedItems(registry);
        SoftDeletedItems.Listing listing = request.repository() != null ? items.repository(request.repository())
                : items.matching(request.repositories());
        Map<String, List<DeletedManifest>> manifests = new LinkedHashMap<>();
        Map<String, List<DeletedTag>> tags = new LinkedHashMap<>();
        for (DeletedManifest m : listing.manifests()) {
            if (m.deletedAt() != null && !m.deletedAt().isBefore(request.since())) {
                manifests.computeIfAbsent(m.repository(), r -> new ArrayList<>()).add(m);
            }
        }
        for (DeletedTag t : listing.tags()) {
            if (t.deletedAt() != null && !t.deletedAt().isBefore(request.since())) {
                tags.computeIfAbsent(t.repository(), r -> new ArrayList<>()).add(t);
            }
        }
        Set<String> touched = new java.util.LinkedHashSet<>(manifests.keySet());
        touched.addAll(tags.keySet());
        List<RepositoryState> states = new ArrayList<>();
        for (String repo : touched) {
            // a tag record can point at a manifest deleted before since: the planner needs all of them to tell
            List<DeletedManifest> all = listing.manifests().stream().filter(m -> m.repository().equals(repo)).toList();
            states.add(new RepositoryState(repo, all, tags.getOrDefault(repo, List.of()), liveTags(repo),
                    liveDigests(repo)));
        }
        return RecoveryPlanner.plan(request.since(), clock.instant(), states);
    }

    /** Plans, then (unless a dry run) restores. */
    public RecoveryReport run(RecoveryRequest request) {
        RecoveryJournal journal = request.dryRun() || request.journal() == null ? null
                : RecoveryJournal.open(request.journal(), registry.loginServer(), request.since());
        try {
            int resumed = 0;
            if (journal != null) {
                finishInterrupted(journal);
                resumed = journal.restoredEarlier();
            }
            RecoveryPlan plan = plan(request);
            log.info("restore since " + request.since() + ": " + plan.items().size() + " manifest(s) to bring back in "
                    + plan.repositories().size() + " repositor" + (plan.repositories().size() == 1 ? "y" : "ies")
                    + (request.dryRun() ? " (dry run)" : ""));
            List<RecoveryResult> results = new RecoveryExecutor(registry, journal, log, clock, request)
                    .execute(plan.items());
            return RecoveryReport.of(registry.loginServer(), request, results, resumed);
        } finally {
            if (journal != null) {
                journal.close();
            }
        }
    }

    /**
     * A run killed between restoring a manifest under a temporary tag and removing that tag left the tag live:
     * remove it now. Other unfinished intents need nothing: the plan reads the registry again and skips what is back.
     */
    private void finishInterrupted(RecoveryJournal journal) {
        for (JsonNode intent : journal.unfinished()) {
            if (!intent.path("temporary").asBoolean()) {
                continue;
            }
            String repo = intent.path("repository").asText();
            String digest = intent.path("digest").asText();
            String tag = intent.path("tag").asText();
            Optional<TagInfo> live = registry.tag(repo, tag);
            if (live.isPresent() && live.get().digest().equals(digest)) {
                registry.deleteTag(repo, tag);
                log.info("restore since: removed the temporary tag " + repo + ":" + tag + " an interrupted run left");
            }
            journal.outcome(repo, digest, tag, "TEMPORARY_TAG_REMOVED");
        }
    }

    private Map<String, String> liveTags(String repo) {
        Map<String, String> out = new HashMap<>();
        try {
            registry.tags(repo, false).forEach(t -> out.put(t.name(), t.digest()));
        } catch (NotFoundException e) {
            // the repository itself is soft-deleted: nothing is live
        }
        return out;
    }

    private Set<String> liveDigests(String repo) {
        Set<String> out = new HashSet<>();
        try {
            registry.manifests(repo).forEach(m -> out.add(m.digest()));
        } catch (NotFoundException e) {
            // the repository itself is soft-deleted: nothing is live
        }
        return out;
    }
}
