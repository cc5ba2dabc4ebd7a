package io.acrlifecycle.engine.report;

import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.RegistryPolicies;
import io.acrlifecycle.engine.model.RegistryUsage;
import io.acrlifecycle.engine.purge.undo.UndoItem;
import io.acrlifecycle.engine.purge.undo.UndoReport;
import io.acrlifecycle.engine.restore.RestoreItemResult;
import io.acrlifecycle.engine.restore.RestoreReport;
import io.acrlifecycle.engine.softdelete.FieldChange;
import io.acrlifecycle.engine.softdelete.SoftDeleteResult;
import io.acrlifecycle.engine.softdelete.SoftDeletedItems;
import io.acrlifecycle.engine.usage.UsageReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Report sections for soft delete, restore, undo, soft-deleted listings and usage. */
public final class RegistrySections {
    private RegistrySections() {
    }

    public static Section policies(String title, RegistryPolicies p) {
        return Section.builder(title).outcome(p.softDeleteEnabled() ? Section.Outcome.PASS : Section.Outcome.WARN)
                .summary("soft delete " + status(p.softDeleteEnabled(), p.softDeleteRetentionDays())
                        + "; untagged retention " + status(p.retentionEnabled(), p.retentionDays()))
                .fact("soft delete", (p.softDeleteEnabled() ? "enabled" : "disabled") + ", "
                        + p.softDeleteRetentionDays() + " days")
                .fact("untagged retention", (p.retentionEnabled() ? "enabled" : "disabled") + ", "
                        + p.retentionDays() + " days")
                .fact("sku", p.sku()).fact("geo-replicated", p.geoReplicated())
                .fact("zone redundant", p.zoneRedundant())
                .note(p.softDeleteEnabled() ? "Deleted images can be restored for " + p.softDeleteRetentionDays()
                        + " days." : "Soft delete is off: every delete is permanent.")
                .build();
    }

    public static Section softDelete(String title, SoftDeleteResult r) {
        Section.Builder s = Section.builder(title)
                .outcome(r.dryRun() ? Section.Outcome.DRY_RUN : Section.Outcome.DONE)
                .summary(r.drift().isEmpty() ? "soft delete " + status(r.after().softDeleteEnabled(),
                        r.after().softDeleteRetentionDays()) + ", as declared: nothing to change"
                        : "soft delete " + status(r.before().softDeleteEnabled(), r.before().softDeleteRetentionDays())
                        + (r.dryRun() ? " would become " : " -> ")
                        + status(r.after().softDeleteEnabled(), r.after().softDeleteRetentionDays()))
                .fact("changed", r.changed())
                .fact("soft delete before",
                        status(r.before().softDeleteEnabled(), r.before().softDeleteRetentionDays()))
                .fact(r.dryRun() ? "soft delete would be" : "soft delete after",
                        status(r.after().softDeleteEnabled(), r.after().softDeleteRetentionDays()))
                .note(r.message());
        r.warnings().forEach(w -> s.note("warning: " + w));
        Table.Builder drift = Table.builder("drift", "field", "before", "after");
        for (FieldChange c : r.drift()) {
            drift.row(c.field(), c.before(), c.after());
        }
        return s.table(drift.build()).build();
    }

    public static Section restore(String title, RestoreReport r) {
        RestoreReport.Totals t = r.totals();
        Section.Builder s = Section.builder(title)
                .outcome(r.dryRun() ? Section.Outcome.DRY_RUN : r.complete() ? Section.Outcome.DONE
                        : Section.Outcome.FAILED)
                .summary((r.dryRun() ? "would restore " + t.wouldRestore() : "restored " + t.restored()) + " of "
                        + r.items().size() + " manifest(s)" + restoredTags(r) + "; already live " + t.alreadyLive()
                        + ", expired " + t.expired() + ", conflict " + t.conflict() + ", not found " + t.notFound()
                        + ", failed " + t.failed())
                .fact(r.dryRun() ? "would restore" : "restored", r.dryRun() ? t.wouldRestore() : t.restored())
                .fact("already live", t.alreadyLive()).fact("expired", t.expired())
                .fact("conflict", t.conflict()).fact("not found", t.notFound()).fact("failed", t.failed());
        Table.Builder table = Table.builder("items (in restore order)", "repository", "digest", "tags", "outcome",
                "restored tags", "message");
        for (RestoreItemResult i : r.items()) {
            table.row(i.repository(), i.digest(), String.join(", ", i.tags()),
                    i.outcome().name(), String.join(", ", i.restoredTags()), i.message());
        }
        return s.table(table.build()).build();
    }

    public static Section undo(String title, UndoReport r) {
        UndoReport.Totals t = r.totals();
        boolean complete = t.restored() + t.alreadyLive() == t.targets();
        Section.Builder s = Section.builder(title).outcome(complete ? Section.Outcome.DONE : Section.Outcome.FAILED)
                .summary("restored " + t.restored() + " of " + t.targets() + " manifest(s) from the journal; already "
                        + "live " + t.alreadyLive() + ", expired " + t.expired() + ", conflict " + t.conflict()
                        + ", not found " + t.notFound() + ", failed " + t.failed())
                .fact("journal", r.journal()).fact("targets", t.targets()).fact("restored", t.restored())
                .fact("already live", t.alreadyLive()).fact("expired", t.expired()).fact("conflict", t.conflict())
                .fact("not found", t.notFound()).fact("failed", t.failed());
        Map<String, Table.Builder> tables = new LinkedHashMap<>();
        for (UndoItem i : r.items()) {
            tables.computeIfAbsent(i.repository(), k -> Table.builder(k, "digest", "tags", "outcome",
                    "restored tags", "detail"))
                    .row(i.digest(), String.join(", ", i.tags()), i.outcome().name(),
                            String.join(", ", i.restoredTags()), i.detail());
        }
        tables.values().forEach(b -> s.table(b.build()));
        return s.build();
    }

    public static Section deleted(String title, SoftDeletedItems.Listing listing) {
        Section.Builder s = Section.builder(title).outcome(Section.Outcome.INFO)
                .summary(listing.manifests().size() + " soft-deleted manifest(s), "
                        + Sizes.human(listing.totalKnownBytes()) + " known size")
                .fact("soft-deleted manifests", listing.manifests().size())
                .fact("soft-deleted tag records", listing.tags().size())
                .fact("soft-deleted repositories", listing.repositories().size())
                .fact("known size", Sizes.human(listing.totalKnownBytes()));
        Map<String, List<DeletedManifest>> byRepo = new LinkedHashMap<>();
        for (DeletedManifest m : listing.manifests()) {
            byRepo.computeIfAbsent(m.repository(), k -> new ArrayList<>()).add(m);
        }
        byRepo.forEach((repo, manifests) -> {
            Table.Builder t = Table.builder(repo, "digest", "former tags", "deleted at", "expires at", "size");
            for (DeletedManifest m : manifests) {
                t.row(m.digest(), String.join(", ", m.formerTags()), time(m.deletedAt()),
                        time(m.expiresAt()), m.size() < 0 ? "unknown" : Sizes.human(m.size()));
            }
            s.table(t.build());
        });
        return s.build();
    }

    public static Section usage(String title, UsageReport u) {
        Section.Builder s = Section.builder(title).outcome(Section.Outcome.INFO)
                .summary((u.storageUsedBytes() < 0 ? "storage used unknown" : Sizes.human(u.storageUsedBytes())
                        + " used") + "; " + u.softDeletedManifests() + " soft-deleted manifest(s) ("
                        + Sizes.human(u.softDeletedEstimatedBytes()) + ") still counted")
                .fact("storage used", u.storageUsedBytes() < 0 ? "unknown" : Sizes.human(u.storageUsedBytes())
                        + (u.storageUsedPercent() >= 0 ? String.format(java.util.Locale.ROOT, " (%.1f%% of %s)",
                                u.storageUsedPercent(), Sizes.human(u.storageLimitBytes())) : ""))
                .fact("soft-deleted manifests", u.softDeletedManifests())
                .fact("soft-deleted bytes (estimated)", Sizes.human(u.softDeletedEstimatedBytes()))
                .note("Soft-deleted images still count as storage (and are billed) until their retention expires.");
        Table.Builder t = Table.builder("listUsages", "name", "current", "limit", "unit");
        for (RegistryUsage r : u.usages()) {
            boolean bytes = "Bytes".equalsIgnoreCase(r.unit());
            t.row(r.name(), bytes ? Sizes.human(r.currentValue()) : r.currentValue(),
                    bytes ? Sizes.human(r.limit()) : r.limit(), r.unit());
        }
        return s.table(t.build()).build();
    }

    private static String restoredTags(RestoreReport r) {
        List<String> tags = new ArrayList<>();
        r.items().forEach(i -> tags.addAll(i.restoredTags()));
        return tags.isEmpty() ? "" : " (tags " + String.join(", ", tags) + ")";
    }

    private static String status(boolean enabled, int days) {
        return (enabled ? "enabled" : "disabled") + ", " + days + " days";
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }
}
