package io.acrlifecycle.engine.softdelete;

import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.PolicyChange;
import io.acrlifecycle.engine.model.RegistryPolicies;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.registry.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code acrSoftDeleteEnsure}: makes the registry's soft-delete (and optionally untagged-retention) policy match a
 * {@link SoftDeleteRequest}. Reads the registry over ARM, computes the drift, checks ACR's rules on the resulting
 * state BEFORE any write, PATCHes only when something differs, reads back and verifies. Idempotent: a second run
 * finds no drift and changes nothing.
 *
 * <p>ACR rules checked: soft delete and untagged retention cannot both be enabled; soft delete is not supported on
 * geo-replicated or zone-redundant registries; the retention policy needs the Premium SKU.
 */
public final class SoftDeleteEnsure {
    private final Registry registry;
    private final EngineLog log;

    public SoftDeleteEnsure(Registry registry, EngineLog log) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.log = log == null ? EngineLog.SILENT : log;
    }

    public SoftDeleteResult ensure(SoftDeleteRequest request) {
        Objects.requireNonNull(request, "request");
        RegistryPolicies before = registry.policies();
        RegistryPolicies desired = desired(before, request);
        checkRules(before, desired);

        List<FieldChange> drift = drift(before, desired);
        List<String> warnings = warnings(before, desired);
        warnings.forEach(log::warn);
        String name = registry.loginServer();
        if (drift.isEmpty()) {
            String msg = "soft delete on " + name + " is already as declared: " + describe(before);
            log.info(msg);
            return new SoftDeleteResult(before, before, drift, false, request.dryRun(), msg, warnings);
        }
        if (request.dryRun()) {
            String msg = "dry run: would change " + name + ": " + drift + " (nothing was changed)";
            log.info(msg);
            return new SoftDeleteResult(before, desired, drift, false, true, msg, warnings);
        }
        log.info("changing " + name + ": " + drift);
        RegistryPolicies after = registry.updatePolicies(change(before, desired));
        List<FieldChange> left = drift(after, desired);
        if (!left.isEmpty()) {
            throw new RegistryException("update registry policies on registry " + name + " did not take effect: "
                    + "after the PATCH, ARM still reports " + left + ". Check the registry in the portal and retry.",
                    200, null, null);
        }
        String msg = "changed " + name + ": " + drift + "; now " + describe(after);
        log.info(msg);
        return new SoftDeleteResult(before, after, drift, true, false, msg, warnings);
    }

    static RegistryPolicies desired(RegistryPolicies b, SoftDeleteRequest r) {
        boolean sdOn = r.softDelete() == SoftDeleteRequest.Status.ENABLED;
        int sdDays = r.retentionDays() != null ? r.retentionDays() : b.softDeleteRetentionDays();
        boolean rpOn = b.retentionEnabled();
        int rpDays = b.retentionDays();
        if (r.untaggedRetention() != null) {
            rpOn = r.untaggedRetention().status() == SoftDeleteRequest.Status.ENABLED;
            rpDays = r.untaggedRetention().days() != null ? r.untaggedRetention().days() : rpDays;
        }
        return new RegistryPolicies(b.sku(), sdOn, sdDays, rpOn, rpDays, b.geoReplicated(), b.zoneRedundant());
    }

    static void checkRules(RegistryPolicies before, RegistryPolicies d) {
        if (d.softDeleteEnabled() && d.retentionEnabled()) {
            throw new SoftDeleteRuleException(SoftDeleteRuleException.Rule.SOFT_DELETE_AND_RETENTION,
                    "soft delete (policies.softDeletePolicy) and the untagged retention policy "
                            + "(policies.retentionPolicy) cannot both be enabled in ACR"
                            + (before.retentionEnabled() ? "; the registry has untagged retention enabled ("
                                    + before.retentionDays() + " days)" : "")
                            + ". Choose one: keep soft delete and set untaggedRetention status=disabled, "
                            + "or keep untagged retention and set softDelete status=disabled.");
        }
        if (d.softDeleteEnabled() && d.geoReplicated()) {
            throw new SoftDeleteRuleException(SoftDeleteRuleException.Rule.GEO_REPLICATED,
                    "soft delete is not supported on geo-replicated registries; this registry has replications. "
                            + "Remove the replications first or keep softDelete status=disabled.");
        }
        if (d.softDeleteEnabled() && d.zoneRedundant()) {
            throw new SoftDeleteRuleException(SoftDeleteRuleException.Rule.ZONE_REDUNDANT,
                    "soft delete is not supported on zone-redundant registries; keep softDelete status=disabled.");
        }
        boolean retentionChanges = d.retentionEnabled() != before.retentionEnabled()
                || d.retentionDays() != before.retentionDays();
        if (d.retentionEnabled() && retentionChanges && !"Premium".equalsIgnoreCase(d.sku())) {
            throw new SoftDeleteRuleException(SoftDeleteRuleException.Rule.RETENTION_NEEDS_PREMIUM,
                    "untaggedRetention: the retention policy needs the Premium SKU; this registry is " + d.sku()
                            + ". Upgrade the registry or leave untaggedRetention disabled.");
        }
    }

    static List<FieldChange> drift(RegistryPolicies b, RegistryPolicies d) {
        List<FieldChange> out = new ArrayList<>();
        if (b.softDeleteEnabled() != d.softDeleteEnabled()) {
            out.add(new FieldChange("softDeletePolicy.status", status(b.softDeleteEnabled()),
                    status(d.softDeleteEnabled())));
        }
        if (b.softDeleteRetentionDays() != d.softDeleteRetentionDays()) {
            out.add(new FieldChange("softDeletePolicy.retentionDays", String.valueOf(b.softDeleteRetentionDays()),
                    String.valueOf(d.softDeleteRetentionDays())));
        }
        if (b.retentionEnabled() != d.retentionEnabled()) {
            out.add(new FieldChange("retentionPolicy.status", status(b.retentionEnabled()),
                    status(d.retentionEnabled())));
        }
        if (b.retentionDays() != d.retentionDays()) {
            out.add(new FieldChange("retentionPolicy.days", String.valueOf(b.retentionDays()),
                    String.valueOf(d.retentionDays())));
        }
        return out;
    }

    static List<String> warnings(RegistryPolicies b, RegistryPolicies d) {
        List<String> out = new ArrayList<>();
        if (d.softDeleteRetentionDays() < b.softDeleteRetentionDays() && (b.softDeleteEnabled()
                || d.softDeleteEnabled())) {
            out.add("retentionDays goes down from " + b.softDeleteRetentionDays() + " to "
                    + d.softDeleteRetentionDays() + ": ACR measures expiry from each item's delete time with the "
                    + "current days, so already soft-deleted items older than " + d.softDeleteRetentionDays()
                    + " days may be purged at once and can no longer be restored.");
        }
        if (b.softDeleteEnabled() && !d.softDeleteEnabled()) {
            out.add("disabling soft delete does not stop the purge of items that are already soft-deleted; they "
                    + "still expire on schedule, and new deletes become permanent.");
        }
        return out;
    }

    private static PolicyChange change(RegistryPolicies b, RegistryPolicies d) {
        boolean sd = b.softDeleteEnabled() != d.softDeleteEnabled()
                || b.softDeleteRetentionDays() != d.softDeleteRetentionDays();
        boolean rp = b.retentionEnabled() != d.retentionEnabled() || b.retentionDays() != d.retentionDays();
        return new PolicyChange(sd ? d.softDeleteEnabled() : null, sd ? d.softDeleteRetentionDays() : null,
                rp ? d.retentionEnabled() : null, rp ? d.retentionDays() : null);
    }

    private static String status(boolean on) {
        return on ? "enabled" : "disabled";
    }

    static String describe(RegistryPolicies p) {
        return "soft delete " + status(p.softDeleteEnabled()) + " (" + p.softDeleteRetentionDays()
                + " days), untagged retention " + status(p.retentionEnabled()) + " (" + p.retentionDays() + " days)";
    }
}
