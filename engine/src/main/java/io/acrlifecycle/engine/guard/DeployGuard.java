package io.acrlifecycle.engine.guard;

import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.ImageRef;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.registry.RegistryException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The deploy guard: before a push or a deploy, is this tag about to be overwritten, and will something delete this
 * image soon? Every check reads from one shared snapshot, so a decision costs at most one listing of the image's
 * repository and one ARM read each of tasks and policies; the calls are counted and reported. An image that names
 * another registry than the connected one ({@code other.azurecr.io/app:1}) is refused before any call.
 */
public final class DeployGuard {

    private DeployGuard() {
    }

    public static GuardVerdict check(final Registry registry, final GuardRequest request, final Clock clock) {
        return check(registry, request, clock.instant(), EngineLog.SILENT);
    }

    public static GuardVerdict check(final Registry registry, final GuardRequest request, final Instant now) {
        return check(registry, request, now, EngineLog.SILENT);
    }

    /** Runs every check; {@code log} gets one line per check that is not a pass. */
    public static GuardVerdict check(final Registry registry, final GuardRequest request, final Instant now,
            final EngineLog log) {
        RegistryNames.requireConnected(request.image(), registry.loginServer());
        CountingRegistry counting = new CountingRegistry(registry);
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        GuardContext ctx = new GuardContext(counting, request, at);
        List<CheckResult> checks = new ArrayList<>();
        // soft-deleted runs first: with restore it may bring the image back, and every later check then judges the
        // restored image (re-read after the restore) instead of reporting it missing. The report keeps the order.
        CheckResult softDeleted = run(ImageChecks.SOFT_DELETED, ImageChecks::softDeleted, ctx);
        checks.add(run(ImageChecks.MISSING, ImageChecks::missing, ctx));
        checks.add(run(ImageChecks.OVERWRITE, ImageChecks::overwrite, ctx));
        checks.add(softDeleted);
        checks.add(run(PurgeWindowCheck.PURGE_WINDOW, PurgeWindowCheck::purgeWindow, ctx));
        checks.add(run(PurgeWindowCheck.SCHEDULED_TASKS, PurgeWindowCheck::scheduledTasks, ctx));
        checks.add(run(PolicyChecks.RETENTION, PolicyChecks::retention, ctx));
        checks.add(run(PolicyChecks.SOFT_DELETE_OFF, PolicyChecks::softDeleteOff, ctx));
        Verdict found = worst(checks);
        Verdict overall = request.mode() == GuardMode.WARN && found == Verdict.BLOCK ? Verdict.WARN : found;
        List<LockedItem> locked = new ArrayList<>();
        if (request.lock()) {
            if (overall == Verdict.BLOCK) {
                checks.add(CheckResult.pass(LockRemediation.LOCK, "not locked: the decision is BLOCK", null));
            } else {
                CheckResult lock = LockRemediation.lock(ctx, locked, PurgeWindowCheck.includeLockedSources(ctx));
                checks.add(lock);
                overall = overall.worst(lock.verdict() == Verdict.BLOCK ? Verdict.WARN : lock.verdict());
            }
        }
        for (CheckResult c : checks) {
            if (c.verdict() != Verdict.PASS) {
                log.warn("guard " + c.verdict() + " " + c.name() + ": " + c.reason());
            }
        }
        String digest = ctx.target().digest() != null ? ctx.target().digest() : ctx.target().currentDigest();
        return new GuardVerdict(request.image().toString(), digest, overall, request.mode(), checks, locked,
                counting.total(), counting.byOperation(), at, request.window());
    }

    /** Removes the guard's lock from the tag (if given), its manifest and an index's platform manifests. */
    public static List<LockedItem> unlock(final Registry registry, final ImageRef image) {
        RegistryNames.requireConnected(image, registry.loginServer());
        return LockRemediation.unlock(registry, image.repository(), image.tag(), image.digest());
    }

    // A data-plane failure means the guard cannot vouch for the image: it blocks and says why.
    private static CheckResult run(final String name, final Function<GuardContext, CheckResult> check,
            final GuardContext ctx) {
        try {
            return check.apply(ctx);
        } catch (RegistryException e) {
            return CheckResult.block(name, "could not be checked: " + e.getMessage(), null, null);
        }
    }

    private static Verdict worst(final List<CheckResult> checks) {
        Verdict v = Verdict.PASS;
        for (CheckResult c : checks) {
            v = v.worst(c.verdict());
        }
        return v;
    }
}
