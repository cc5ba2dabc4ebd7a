package io.acrlifecycle.engine.report;

import io.acrlifecycle.engine.purge.result.ItemResult;
import io.acrlifecycle.engine.purge.result.PurgeReport;
import io.acrlifecycle.engine.purge.result.RepositoryReport;
import io.acrlifecycle.engine.purge.plan.ManifestAction;
import io.acrlifecycle.engine.purge.plan.PurgePlan;
import io.acrlifecycle.engine.purge.plan.RepositoryPlan;
import io.acrlifecycle.engine.purge.plan.Spared;
import io.acrlifecycle.engine.purge.plan.TagAction;
import java.util.List;

/**
 * A {@link PurgeReport} as a report section: totals, plan against result, and one table per repository listing
 * every tag and manifest with what was planned, what happened and why (spared items included).
 */
public final class PurgeSections {
    static final String[] COLUMNS = {"item", "kind", "tags", "size", "plan", "result", "rule / reason"};

    private PurgeSections() {
    }

    public static Section of(String title, PurgeReport report) {
        Section.Builder s = Section.builder(title).outcome(outcome(report));
        PurgePlan.Totals planned = report.planned();
        PurgeReport.Totals done = report.totals();
        s.summary(summary(report));
        s.fact("status", report.status().name());
        if (report.rules() != null) {
            s.fact("rules", report.rules());
        }
        s.fact("tags to untag (planned)", planned.tagsToUntag());
        s.fact("manifests to delete (planned)", planned.manifestsToDelete());
        s.fact("bytes in manifests to delete (planned)", Sizes.human(planned.bytes()));
        if (!report.dryRun()) {
            s.fact("tags untagged", done.tagsUntagged());
            s.fact("manifests deleted", done.manifestsDeleted());
            s.fact("bytes reclaimed", Sizes.human(done.bytesReclaimed()) + " (" + done.bytesReclaimed() + " B)");
            s.fact("skipped (locked)", done.skippedLocked());
            s.fact("errors", done.errors());
            s.fact("not attempted", done.notAttempted());
        }
        s.fact("spared", planned.spared());
        if (report.journal() != null) {
            s.fact("journal", report.journal());
        }
        if (report.message() != null) {
            s.note(report.message());
        }
        if (report.note() != null && !report.dryRun()) {
            s.note(report.note());
        }
        s.table(Table.builder("plan against result", "", "planned", report.dryRun() ? "result (dry run)" : "result")
                .row("tags untagged", planned.tagsToUntag(), report.dryRun() ? "-" : done.tagsUntagged())
                .row("manifests deleted", planned.manifestsToDelete(), report.dryRun() ? "-" : done.manifestsDeleted())
                .row("bytes", Sizes.human(planned.bytes()), report.dryRun() ? "-" : Sizes.human(done.bytesReclaimed()))
                .build());
        if (report.plan() != null && (report.dryRun() || report.status() == PurgeReport.Status.REFUSED)) {
            for (RepositoryPlan repo : report.plan().repositories()) {
                s.table(planTable(repo, report.dryRun() ? "dry run" : "not run"));
                s.table(sparedTable(repo.repository(), repo.spared()));
            }
        } else {
            for (RepositoryReport repo : report.repositories()) {
                s.table(resultTable(repo));
                s.table(sparedTable(repo.repository(), repo.spared()));
            }
        }
        return s.build();
    }

    /** The step in one line: what was (or would be) deleted against the plan. */
    static String summary(PurgeReport report) {
        PurgePlan.Totals p = report.planned();
        PurgeReport.Totals d = report.totals();
        return switch (report.status()) {
            case DRY_RUN -> "would untag " + p.tagsToUntag() + " tags and delete " + p.manifestsToDelete()
                    + " manifests (" + Sizes.human(p.bytes()) + "); " + p.spared() + " spared; nothing deleted";
            case REFUSED -> "refused, nothing deleted: " + report.message();
            default -> "untagged " + d.tagsUntagged() + " of " + p.tagsToUntag() + " tags, deleted "
                    + d.manifestsDeleted() + " of " + p.manifestsToDelete() + " manifests ("
                    + Sizes.human(d.bytesReclaimed()) + "); " + d.errors() + " errors, " + d.skippedLocked()
                    + " skipped as locked";
        };
    }

    private static Section.Outcome outcome(PurgeReport report) {
        return switch (report.status()) {
            case DRY_RUN -> Section.Outcome.DRY_RUN;
            case COMPLETED -> report.totals().errors() > 0 ? Section.Outcome.FAILED : Section.Outcome.DONE;
            case REFUSED -> Section.Outcome.REFUSED;
            case FAILED -> Section.Outcome.FAILED;
        };
    }

    static Table planTable(RepositoryPlan repo, String result) {
        Table.Builder t = Table.builder(repo.repository(), COLUMNS);
        for (TagAction a : repo.untag()) {
            t.row(":" + a.tag(), "tag", a.tag(), "", "untag", result, a.rule() + ": " + a.reason());
        }
        for (ManifestAction m : repo.delete()) {
            t.row(m.digest(), "manifest", String.join(", ", m.tags()), Sizes.human(m.size()), "delete",
                    result, m.rule() + ": " + m.reason());
        }
        return t.build();
    }

    static Table resultTable(RepositoryReport repo) {
        Table.Builder t = Table.builder(repo.repository(), COLUMNS);
        for (ItemResult i : repo.untagged()) {
            t.row(item(i), i.kind(), i.tag(), "", "untag", i.outcome().name(), detail(i));
        }
        for (ItemResult i : repo.deleted()) {
            t.row(item(i), i.kind(), String.join(", ", i.tags()), Sizes.human(i.bytes()), "delete",
                    i.outcome().name(), detail(i));
        }
        for (List<ItemResult> group : List.of(repo.skipped(), repo.errors(), repo.notAttempted())) {
            for (ItemResult i : group) {
                t.row(item(i), i.kind(), i.tag() != null ? i.tag() : String.join(", ", i.tags()),
                        "manifest".equals(i.kind()) ? Sizes.human(i.bytes()) : "",
                        "tag".equals(i.kind()) ? "untag" : "delete", i.outcome().name(), detail(i));
            }
        }
        return t.build();
    }

    /** What the rules kept and why: folded in HTML, as it is usually most of the registry. */
    static Table sparedTable(String repository, List<Spared> spared) {
        if (spared.isEmpty()) {
            return null;
        }
        Table.Builder t = Table.builder(repository + ": spared", COLUMNS).collapsed();
        for (Spared sp : spared) {
            t.row(sp.isTag() ? ":" + sp.tag() : sp.digest(), sp.isTag() ? "tag" : "manifest",
                    sp.isTag() ? sp.tag() : "", "", "keep", "spared",
                    sp.reason().name() + (sp.detail() == null ? "" : ": " + sp.detail()));
        }
        return t.build();
    }

    private static String item(ItemResult i) {
        return "tag".equals(i.kind()) ? ":" + i.tag() : i.digest();
    }

    private static String detail(ItemResult i) {
        String rule = i.rule() == null ? "" : i.rule();
        return i.detail() == null ? rule : rule.isEmpty() ? i.detail() : rule + ": " + i.detail();
    }

    /** {@code sha256:0123456789ab…}: enough to tell manifests apart in a table; the JSON has the full digest. */
    public static String shortDigest(String digest) {
        if (digest == null) {
            return "";
        }
        int colon = digest.indexOf(':');
        return digest.length() > colon + 13 ? digest.substring(0, colon + 13) + "…" : digest;
    }
}
