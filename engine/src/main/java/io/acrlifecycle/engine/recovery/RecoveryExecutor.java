package io.acrlifecycle.engine.recovery;

import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.DeleteOutcome;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.registry.AuthenticationFailedException;
import io.acrlifecycle.engine.registry.AuthorizationFailedException;
import io.acrlifecycle.engine.registry.ConflictException;
import io.acrlifecycle.engine.registry.NotFoundException;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.registry.RegistryException;
import io.acrlifecycle.engine.restore.RestoreOutcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a recovery plan: for each manifest, one restore call per tag (a tag that points elsewhere now is left alone
 * without force), or, for a manifest that had no tag to give back, a restore under a temporary tag that is removed
 * right after. A manifest the registry refuses with a 409 that is not a tag conflict (a referrer whose subject is
 * not back yet) is retried after the rest; passes repeat while they make progress.
 */
final class RecoveryExecutor {
    private final Registry registry;
    private final RecoveryJournal journal;
    private final EngineLog log;
    private final Clock clock;
    private final RecoveryRequest request;

    RecoveryExecutor(Registry registry, RecoveryJournal journal, EngineLog log, Clock clock, RecoveryRequest request) {
        this.registry = registry;
        this.journal = journal;
        this.log = log;
        this.clock = clock;
        this.request = request;
    }

    /** Signals "retry after the others": the registry refused for a reason a later restore may remove. */
    private static final class Deferred extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Deferred(RegistryException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    List<RecoveryResult> execute(List<RecoveryItem> plan) {
        Map<String, RecoveryResult> results = new LinkedHashMap<>();
        plan.forEach(i -> results.put(i.key(), null));
        List<RecoveryItem> pending = plan;
        Map<String, String> lastRefusal = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            List<RecoveryItem> deferred = new ArrayList<>();
            for (RecoveryItem item : pending) {
                try {
                    RecoveryResult r = recover(item);
                    results.put(item.key(), r);
                    log.info("restore " + item.key() + " " + r.outcome() + tagsText(r)
                            + (r.message() == null ? "" : " (" + r.message() + ")"));
                } catch (Deferred d) {
                    deferred.add(item);
                    lastRefusal.put(item.key(), d.getMessage());
                }
            }
            if (deferred.size() == pending.size()) {
                for (RecoveryItem item : deferred) {
                    results.put(item.key(), new RecoveryResult(item.repository(), item.digest(), RestoreOutcome.FAILED,
                            false, item.size(), List.of(), "refused after every other item was restored: "
                                    + lastRefusal.get(item.key())));
                }
                break;
            }
            pending = deferred;
        }
        return new ArrayList<>(results.values());
    }

    private RecoveryResult recover(RecoveryItem item) {
        if (item.gone()) {
            return result(item, RestoreOutcome.NOT_FOUND, false, failTags(item, RestoreOutcome.NOT_FOUND),
                    "a tag record points at it, but it is neither live nor soft-deleted (purged for good)");
        }
        if (item.expired(clock.instant())) {
            return result(item, RestoreOutcome.EXPIRED, false, failTags(item, RestoreOutcome.EXPIRED),
                    "deleted at " + item.deletedAt() + ", expired at " + item.expiresAt() + ": ACR purges it for good");
        }
        List<RecoveryResult.TagResult> tags = new ArrayList<>();
        boolean back = item.live();
        for (RecoveryItem.TagStep step : item.tags()) {
            RecoveryResult.TagResult t = restoreTag(item, step);
            tags.add(t);
            back |= t.outcome() == RestoreOutcome.RESTORED;
        }
        boolean wouldBack = request.dryRun() && tags.stream().anyMatch(t -> t.outcome() == RestoreOutcome.WOULD_RESTORE);
        String message = null;
        if (!back && !wouldBack && !request.dryRun()) {
            message = restoreUntagged(item);
            back = true;
        }
        boolean manifestBack = !item.live() && (back || request.dryRun());
        RestoreOutcome outcome = request.dryRun() ? RestoreOutcome.WOULD_RESTORE : RestoreOutcome.RESTORED;
        if (tags.stream().anyMatch(t -> t.outcome() == RestoreOutcome.FAILED)) {
            outcome = RestoreOutcome.FAILED;
        } else if (tags.stream().anyMatch(t -> t.outcome() == RestoreOutcome.CONFLICT)) {
            outcome = RestoreOutcome.CONFLICT;
            message = (message == null ? "" : message + "; ") + "a tag points at another manifest now; rerun with "
                    + "force to move it";
        }
        return result(item, outcome, manifestBack, tags, message);
    }

    private RecoveryResult.TagResult restoreTag(RecoveryItem item, RecoveryItem.TagStep step) {
        if (step.conflicts() && !request.force()) {
            return new RecoveryResult.TagResult(step.tag(), RestoreOutcome.CONFLICT, step.liveDigest(),
                    "tag " + step.tag() + " is live on " + step.liveDigest() + "; left alone");
        }
        if (request.dryRun()) {
            return new RecoveryResult.TagResult(step.tag(), RestoreOutcome.WOULD_RESTORE, step.liveDigest(),
                    step.conflicts() ? "would move it from " + step.liveDigest() : null);
        }
        journalIntent(item, step.tag(), false);
        try {
            registry.restore(item.repository(), item.digest(), step.tag(), step.conflicts());
            journalOutcome(item, step.tag(), RestoreOutcome.RESTORED);
            return new RecoveryResult.TagResult(step.tag(), RestoreOutcome.RESTORED, step.liveDigest(),
                    step.conflicts() ? "moved from " + step.liveDigest() : null);
        } catch (AuthenticationFailedException | AuthorizationFailedException e) {
            throw e; // every later call would fail the same way
        } catch (NotFoundException e) {
            // a retried call whose first attempt landed answers 404: if the tag is ours now, it is restored
            RestoreOutcome o = tagOn(item, step.tag()) ? RestoreOutcome.RESTORED : RestoreOutcome.NOT_FOUND;
            journalOutcome(item, step.tag(), o);
            return new RecoveryResult.TagResult(step.tag(), o, null, o == RestoreOutcome.RESTORED ? null
                    : e.getMessage());
        } catch (ConflictException e) {
            Optional<TagInfo> live = registry.tag(item.repository(), step.tag());
            if (live.isPresent() && !live.get().digest().equals(item.digest())) {
                journalOutcome(item, step.tag(), RestoreOutcome.CONFLICT);
                return new RecoveryResult.TagResult(step.tag(), RestoreOutcome.CONFLICT, live.get().digest(),
                        "tag " + step.tag() + " was pushed to " + live.get().digest() + " meanwhile; left alone");
            }
            journalOutcome(item, step.tag(), RestoreOutcome.FAILED);
            throw new Deferred(e);
        } catch (RegistryException e) {
            journalOutcome(item, step.tag(), RestoreOutcome.FAILED);
            return new RecoveryResult.TagResult(step.tag(), RestoreOutcome.FAILED, null, e.getMessage());
        }
    }

    /** ACR restores with a tag: restore under a temporary one and remove it, so the manifest is back untagged. */
    private String restoreUntagged(RecoveryItem item) {
        String hex = item.digest().substring(item.digest().indexOf(':') + 1);
        String temp = RecoveryPlanner.TEMP_TAG_PREFIX + hex.substring(0, 12);
        for (int i = 0; registry.tag(item.repository(), temp).isPresent(); i++) {
            temp = RecoveryPlanner.TEMP_TAG_PREFIX + hex.substring(0, 12) + "-" + i;
        }
        journalIntent(item, temp, true);
        try {
            registry.restore(item.repository(), item.digest(), temp, false);
        } catch (NotFoundException e) {
            if (!tagOn(item, temp)) {
                throw e;
            }
        } catch (ConflictException e) {
            throw new Deferred(e);
        }
        String warning = null;
        try {
            if (registry.deleteTag(item.repository(), temp) == DeleteOutcome.LOCKED) {
                warning = "the temporary tag " + temp + " is locked and stays";
            }
        } catch (RegistryException e) {
            warning = "the temporary tag " + temp + " could not be removed (" + e.getMessage() + ")";
        }
        journalOutcome(item, temp, RestoreOutcome.RESTORED);
        return warning == null ? "back untagged, as it was" : "back; " + warning;
    }

    private boolean tagOn(RecoveryItem item, String tag) {
        return registry.tag(item.repository(), tag).map(t -> t.digest().equals(item.digest())).orElse(false);
    }

    private void journalIntent(RecoveryItem item, String tag, boolean temporary) {
        if (journal != null) {
            journal.intent(item.repository(), item.digest(), tag, temporary);
        }
    }

    private void journalOutcome(RecoveryItem item, String tag, RestoreOutcome outcome) {
        if (journal != null) {
            journal.outcome(item.repository(), item.digest(), tag, outcome.name());
        }
    }

    private static List<RecoveryResult.TagResult> failTags(RecoveryItem item, RestoreOutcome outcome) {
        return item.tags().stream().map(t -> new RecoveryResult.TagResult(t.tag(), outcome, null, null)).toList();
    }

    private static RecoveryResult result(RecoveryItem item, RestoreOutcome outcome, boolean manifestBack,
            List<RecoveryResult.TagResult> tags, String message) {
        return new RecoveryResult(item.repository(), item.digest(), outcome, manifestBack, item.size(), tags, message);
    }

    private static String tagsText(RecoveryResult r) {
        return r.tags().isEmpty() ? "" : " " + r.tags().stream().map(t -> t.tag() + "=" + t.outcome()).toList();
    }
}
