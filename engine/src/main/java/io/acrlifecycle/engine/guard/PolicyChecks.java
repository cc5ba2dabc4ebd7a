package io.acrlifecycle.engine.guard;

import io.acrlifecycle.engine.model.ManifestContent;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.RegistryPolicies;
import io.acrlifecycle.engine.model.TagInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The checks driven by the registry's policies: untagged retention and soft delete. */
public final class PolicyChecks {

    public static final String RETENTION = "untagged-retention";
    public static final String SOFT_DELETE_OFF = "soft-delete-off";

    private PolicyChecks() {
    }

    /**
     * Untagged retention deletes a manifest {@code days} after it goes untagged. DEPLOY: the deployed manifest is
     * untagged now (deploy by digest), or it is an index whose platform manifests are untagged. PUSH: the manifest the
     * tag points at now loses the tag; if no other tag holds it, it is deleted {@code days} after the push.
     */
    public static CheckResult retention(final GuardContext ctx) {
        if (!ctx.request().includeRetentionPolicy()) {
            return CheckResult.pass(RETENTION, "not considered (includeRetentionPolicy is off)", null);
        }
        Optional<RegistryPolicies> policies = ctx.policies();
        if (policies.isEmpty()) {
            return CheckResult.warn(RETENTION, "the retention policy could not be read: " + ctx.policiesError(),
                    null, null);
        }
        RegistryPolicies p = policies.get();
        if (!p.retentionEnabled()) {
            return CheckResult.pass(RETENTION, "the untagged retention policy is off", null);
        }
        return ctx.isPush() ? pushRetention(ctx, p.retentionDays()) : deployRetention(ctx, p.retentionDays());
    }

    private static CheckResult deployRetention(final GuardContext ctx, final int days) {
        Target t = ctx.target();
        if (t.manifest().isEmpty()) {
            return CheckResult.pass(RETENTION, "nothing to check: the manifest does not exist", null);
        }
        ManifestInfo m = t.manifest().get();
        if (m.isTagged()) {
            return indexChildren(ctx, m, days).orElseGet(() -> CheckResult.pass(RETENTION, m.digest()
                    + " is tagged (" + String.join(", ", m.tags()) + "): retention applies only once it is untagged",
                    null));
        }
        if (!m.locks().deleteEnabled()) {
            return CheckResult.pass(RETENTION, m.digest() + " is untagged but delete-locked: retention skips it",
                    null);
        }
        // ACR does not expose when a manifest went untagged; its last update is the earliest it can have been.
        Instant due = m.lastUpdateTime() == null ? ctx.now() : m.lastUpdateTime().plus(days, ChronoUnit.DAYS);
        Instant earliest = due.isBefore(ctx.now()) ? ctx.now() : due;
        String reason = t.repository() + "@" + m.digest() + " is untagged: the retention policy (" + days
                + " days) deletes it " + (due.isBefore(ctx.now()) ? "at any moment (it was due " + due + ")"
                : "at about " + due) + ", permanently";
        List<String> details = List.of("measured from the manifest's last update " + m.lastUpdateTime()
                + " (ACR does not report when it went untagged); lock it or tag it to keep it");
        return earliest.isAfter(ctx.windowEnd()) ? CheckResult.warn(RETENTION, reason, earliest, details)
                : CheckResult.block(RETENTION, reason, earliest, details);
    }

    // Whether retention deletes the untagged platform manifests of a tagged index is not documented: warn.
    private static Optional<CheckResult> indexChildren(final GuardContext ctx, final ManifestInfo m, final int days) {
        if (!m.isIndex()) {
            return Optional.empty();
        }
        List<String> exposed = new ArrayList<>();
        for (String child : ctx.snapshot().content(m.digest()).map(ManifestContent::childDigests).orElse(List.of())) {
            Optional<ManifestInfo> c = ctx.snapshot().manifest(child);
            if (c.isPresent() && !c.get().isTagged() && c.get().locks().deleteEnabled()) {
                exposed.add(child);
            }
        }
        if (exposed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(CheckResult.warn(RETENTION, m.digest() + " is a tagged index; " + exposed.size()
                + " of its platform manifests are untagged and not delete-locked. ACR does not document whether the"
                + " retention policy (" + days + " days) deletes them: lock them (the guard's lock does)", null,
                exposed));
    }

    private static CheckResult pushRetention(final GuardContext ctx, final int days) {
        Target t = ctx.target();
        Optional<TagInfo> current = t.currentTag();
        if (current.isEmpty() || current.get().digest().equals(t.digest())) {
            return CheckResult.pass(RETENTION, "the push leaves no manifest untagged; the pushed manifest is tagged",
                    null);
        }
        String old = current.get().digest();
        Optional<ManifestInfo> oldManifest = ctx.snapshot().manifest(old);
        if (oldManifest.isEmpty()) {
            return CheckResult.pass(RETENTION, "the manifest the tag points at now was not found", null);
        }
        List<String> others = ImageChecks.otherTags(oldManifest.get(), t.tag());
        if (!others.isEmpty()) {
            return CheckResult.pass(RETENTION, "the push moves the tag off " + old + ", which keeps its tags "
                    + String.join(", ", others), null);
        }
        if (!oldManifest.get().locks().deleteEnabled()) {
            return CheckResult.pass(RETENTION, "the push leaves " + old + " untagged, but it is delete-locked:"
                    + " retention skips it", null);
        }
        Instant due = ctx.now().plus(days, ChronoUnit.DAYS);
        return CheckResult.warn(RETENTION, "the push leaves " + t.repository() + "@" + old + " (now " + t.tag()
                + ") untagged: the retention policy deletes it permanently at about " + due
                + "; a rollback or a deployment pinned to that digest would break", due, null);
    }

    /** Soft delete off: any deletion of this image would be permanent. */
    public static CheckResult softDeleteOff(final GuardContext ctx) {
        Optional<RegistryPolicies> policies = ctx.policies();
        if (policies.isEmpty()) {
            return CheckResult.warn(SOFT_DELETE_OFF, "the soft-delete policy could not be read: "
                    + ctx.policiesError(), null, null);
        }
        RegistryPolicies p = policies.get();
        if (p.softDeleteEnabled()) {
            return CheckResult.pass(SOFT_DELETE_OFF, "soft delete is on: a deleted image can be restored for "
                    + p.softDeleteRetentionDays() + " days", null);
        }
        return CheckResult.warn(SOFT_DELETE_OFF, "soft delete is off: any deletion of this image would be"
                + " permanent", null, null);
    }
}
