package io.acrlifecycle.engine.guard;

import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.DeletedTag;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.RegistryPolicies;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.registry.RegistryException;
import io.acrlifecycle.engine.restore.RestoreReport;
import io.acrlifecycle.engine.restore.RestoreRequest;
import io.acrlifecycle.engine.restore.RestoreService;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The checks about the image as it is now: missing, overwrite, soft-deleted. */
public final class ImageChecks {

    public static final String MISSING = "missing";
    public static final String OVERWRITE = "overwrite";
    public static final String SOFT_DELETED = "soft-deleted";

    private ImageChecks() {
    }

    /** DEPLOY: the tag and the manifest must exist, or the pull fails. PUSH: the tag is about to be written. */
    public static CheckResult missing(final GuardContext ctx) {
        Target t = ctx.target();
        if (ctx.isPush()) {
            String have = t.digest() != null && t.manifest().isPresent()
                    ? " (" + t.digest() + " is already in the repository)" : "";
            return CheckResult.pass(MISSING, "push stage: " + t.display() + " is about to be written" + have, null);
        }
        if (t.tag() != null && t.currentTag().isEmpty()) {
            return CheckResult.block(MISSING, "tag " + t.repository() + ":" + t.tag()
                    + " does not exist: the deploy would fail to pull it", null, null);
        }
        if (t.digest() != null && t.manifest().isEmpty()) {
            return CheckResult.block(MISSING, "manifest " + t.repository() + "@" + t.digest()
                    + " does not exist: the deploy would fail to pull it", null, null);
        }
        String restored = ctx.restored() == null ? "" : " (restored by this decision, see " + SOFT_DELETED + ")";
        return CheckResult.pass(MISSING, t.display() + " exists" + restored, null);
    }

    /** The tag points at another digest than expected, or a push would hit a write lock. */
    public static CheckResult overwrite(final GuardContext ctx) {
        Target t = ctx.target();
        if (t.tag() == null) {
            return CheckResult.pass(OVERWRITE, "deployed by digest: no tag can be overwritten under it", null);
        }
        String name = t.repository() + ":" + t.tag();
        if (t.currentTag().isEmpty()) {
            return CheckResult.pass(OVERWRITE, "tag " + name + " does not exist yet: nothing to overwrite", null);
        }
        TagInfo tag = t.currentTag().get();
        String where = "tag " + name + " points at " + tag.digest() + " (updated " + tag.lastUpdateTime() + ")";
        String expected = ctx.request().expected();
        boolean sameDigest = expected != null && expected.equals(tag.digest());
        List<String> details = new ArrayList<>();
        if (tag.locks().blocksWrite()) {
            details.add("tag " + name + " is write-locked (writeEnabled=false): it cannot be overwritten or deleted");
        }
        if (ctx.isPush()) {
            if (sameDigest) {
                return CheckResult.pass(OVERWRITE, "tag " + name + " already points at " + expected
                        + ": the push changes nothing", details);
            }
            if (tag.locks().blocksWrite()) {
                return CheckResult.block(OVERWRITE, "tag " + name + " is write-locked (writeEnabled=false): the push"
                        + " would fail with 405 REGISTRY_DISALLOWED_OPERATION", null, details);
            }
            String target = expected == null ? "a new manifest" : expected;
            return CheckResult.block(OVERWRITE, where + ": pushing " + target + " would overwrite it", null,
                    details);
        }
        if (expected != null && !sameDigest) {
            return CheckResult.block(OVERWRITE, where + ", not at the expected " + expected
                    + ": it was overwritten, and a deploy by tag would get the other image", null, details);
        }
        return CheckResult.pass(OVERWRITE, where + (expected == null ? "" : ", as expected"), details);
    }

    /**
     * DEPLOY of a missing image: is it soft-deleted (then name the restore, or restore it)? PUSH of a digest that is
     * soft-deleted: ACR refuses the push (restore instead).
     */
    public static CheckResult softDeleted(final GuardContext ctx) {
        Target t = ctx.target();
        if (ctx.isPush() && t.digest() == null) {
            return CheckResult.pass(SOFT_DELETED, "push without an expected digest: nothing to look up", null);
        }
        boolean missing = (t.tag() != null && t.currentTag().isEmpty() && !ctx.isPush())
                || (t.digest() != null && t.manifest().isEmpty());
        if (!missing) {
            return CheckResult.pass(SOFT_DELETED, "the image is live", null);
        }
        if (ctx.isPush() && !softDeleteOn(ctx)) {
            return CheckResult.pass(SOFT_DELETED, "soft delete is off: nothing soft-deleted can block the push", null);
        }
        Optional<Found> found = find(ctx, t);
        if (found.isEmpty()) {
            String reason = ctx.isPush() ? t.digest() + " is not soft-deleted: the push can create it"
                    : t.display() + " is not among the soft-deleted items either: it is gone for good or never existed";
            return CheckResult.pass(SOFT_DELETED, reason, null);
        }
        Found f = found.get();
        String what = t.repository() + (f.tag == null ? "" : ":" + f.tag) + "@" + f.digest;
        String restoreCmd = "az acr manifest restore -r " + ctx.registryName() + " -n " + t.repository() + ":"
                + (f.tag == null ? "<tag>" : f.tag) + " -d " + f.digest;
        String when = "soft-deleted at " + f.deletedAt
                + (f.expiresAt == null ? "" : ", purged for good at " + f.expiresAt) + offNote(ctx, f);
        if (ctx.request().restore() && !ctx.isPush()) {
            return restore(ctx, f, what, when, restoreCmd);
        }
        String reason = ctx.isPush()
                ? "the push would be refused: " + what + " is " + when + "; restore it instead: " + restoreCmd
                : what + " is " + when + ": the deploy would fail to pull it; restore it: " + restoreCmd;
        return CheckResult.block(SOFT_DELETED, reason, f.expiresAt, List.of(restoreCmd));
    }

    // The restore service brings the manifest back with its tag; its reads are outside the decision's budget, and so
    // is the re-read of the restored tag and manifest that lets the later checks judge the restored image.
    private static CheckResult restore(final GuardContext ctx, final Found f, final String what, final String when,
            final String restoreCmd) {
        Target t = ctx.target();
        RestoreReport report;
        try {
            report = new RestoreService(ctx.registry().forRemediation(), EngineLog.SILENT,
                    Clock.fixed(ctx.now(), ZoneOffset.UTC)).restore(RestoreRequest.digest(t.repository(), f.digest,
                    f.tag));
        } catch (RegistryException | IllegalArgumentException e) {
            return CheckResult.block(SOFT_DELETED, what + " is " + when + "; restoring it failed: " + e.getMessage(),
                    f.expiresAt, List.of(restoreCmd));
        }
        if (!report.complete()) {
            String why = report.items().stream().map(i -> i.outcome() + (i.message() == null ? "" : ": " + i.message()))
                    .reduce((x, y) -> x + "; " + y).orElse("no result");
            return CheckResult.block(SOFT_DELETED, what + " is " + when + "; restoring it failed (" + why + ")",
                    f.expiresAt, List.of(restoreCmd));
        }
        try {
            ctx.afterRestore(f.tag, f.digest);
        } catch (RegistryException e) {
            return CheckResult.block(SOFT_DELETED, "restored " + what + " (" + when + "), but re-reading it failed: "
                    + e.getMessage() + "; run the guard again", null, List.of(restoreCmd));
        }
        List<String> details = new ArrayList<>();
        report.items().forEach(i -> details.add("restored " + i.repository() + "@" + i.digest()
                + (i.restoredTags().isEmpty() ? "" : " with tag(s) " + String.join(", ", i.restoredTags()))));
        return CheckResult.pass(SOFT_DELETED, "restored " + what + " (soft-deleted at " + f.deletedAt + "); the other checks judged"
                + " the restored image (its tag and manifest re-read after the restore)", details);
    }

    private static boolean softDeleteOn(final GuardContext ctx) {
        return ctx.policies().map(RegistryPolicies::softDeleteEnabled).orElse(true);
    }

    private record Found(String tag, String digest, Instant deletedAt, Instant expiresAt) {
    }

    // A tag: the most recently deleted record of that tag (and digest, when expected). A digest alone: the manifest.
    private static Optional<Found> find(final GuardContext ctx, final Target t) {
        if (t.tag() != null && !ctx.isPush()) {
            DeletedTag last = null;
            for (DeletedTag d : ctx.snapshot().deletedTags()) {
                if (d.tag().equals(t.tag()) && (t.digest() == null || t.digest().equals(d.digest()))
                        && (last == null || !d.deletedAt().isBefore(last.deletedAt()))) {
                    last = d;
                }
            }
            if (last != null) {
                return Optional.of(new Found(last.tag(), last.digest(), last.deletedAt(), expiry(ctx, last.deletedAt())));
            }
        }
        if (t.digest() == null) {
            return Optional.empty();
        }
        for (DeletedManifest m : ctx.snapshot().deletedManifests()) {
            if (m.digest().equals(t.digest())) {
                String tag = t.tag() != null ? t.tag() : m.formerTags().isEmpty() ? null : m.formerTags().get(0);
                Instant expires = m.expiresAt() != null ? m.expiresAt() : expiry(ctx, m.deletedAt());
                return Optional.of(new Found(tag, m.digest(), m.deletedAt(), expires));
            }
        }
        return Optional.empty();
    }

    /**
     * az CLI's rule: deletedAt + the registry's current retention days. Also when soft delete is now disabled:
     * disabling it stops new soft deletes, but items already soft-deleted are still purged after retentionDays.
     */
    private static Instant expiry(final GuardContext ctx, final Instant deletedAt) {
        if (deletedAt == null) {
            return null;
        }
        return ctx.policies().map(p -> deletedAt.plus(p.softDeleteRetentionDays(), ChronoUnit.DAYS)).orElse(null);
    }

    private static String offNote(final GuardContext ctx, final Found f) {
        return ctx.policies().filter(p -> !p.softDeleteEnabled() && f.expiresAt != null)
                .map(p -> " (soft delete is now disabled, but items already soft-deleted are still purged after the "
                        + "current retentionDays, " + p.softDeleteRetentionDays() + " days)")
                .orElse("");
    }

    /** The manifest's tags other than {@code tag}. */
    static List<String> otherTags(final ManifestInfo m, final String tag) {
        return m.tags().stream().filter(x -> !x.equals(tag)).toList();
    }
}
