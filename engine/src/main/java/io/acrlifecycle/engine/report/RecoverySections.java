package io.acrlifecycle.engine.report;

import io.acrlifecycle.engine.recovery.RecoveryReport;
import io.acrlifecycle.engine.recovery.RecoveryResult;
import java.util.stream.Collectors;

/** A point-in-time recovery as a report section: what came back per repository (with bytes), then every item. */
public final class RecoverySections {
    private RecoverySections() {
    }

    public static Section recovery(String title, RecoveryReport r) {
        String verb = r.dryRun() ? "would bring back " : "brought back ";
        Section.Builder s = Section.builder(title)
                .outcome(r.dryRun() ? Section.Outcome.DRY_RUN : r.complete() ? Section.Outcome.DONE
                        : Section.Outcome.FAILED)
                .summary(verb + r.manifests() + " manifest(s) and " + r.tags() + " tag(s), " + Sizes.human(r.bytes())
                        + ", deleted since " + r.since() + (r.conflicts() == 0 ? "" : "; " + r.conflicts()
                        + " tag(s) left alone: they point at another manifest now"
                        + (r.force() ? "" : " (force moves them)")))
                .fact("since", r.since()).fact(r.dryRun() ? "would restore" : "restored", r.manifests())
                .fact("tags", r.tags()).fact("bytes", Sizes.human(r.bytes())).fact("conflicts", r.conflicts());
        if (r.journal() != null) {
            s.fact("journal", r.journal());
        }
        if (r.resumed() > 0) {
            s.note(r.resumed() + " tag(s) were restored by an earlier, interrupted run of this journal");
        }
        Table.Builder repos = Table.builder("per repository", "repository", "manifests", "tags", "bytes",
                "conflicts", "expired", "not found", "failed");
        r.repositories().forEach(t -> repos.row(t.repository(), t.manifests(), t.tags(), Sizes.human(t.bytes()),
                t.conflicts(), t.expired(), t.notFound(), t.failed()));
        Table.Builder items = Table.builder("items (in restore order)", "repository", "digest", "outcome", "tags",
                "message");
        for (RecoveryResult i : r.items()) {
            items.row(i.repository(), i.digest(), i.outcome().name(), tags(i), i.message());
        }
        return s.table(repos.build()).table(items.build()).build();
    }

    /** {@code 1.0 RESTORED, stable CONFLICT (live on sha256:...)}. */
    public static String tags(RecoveryResult i) {
        return i.tags().stream().map(t -> t.tag() + " " + t.outcome()
                + (t.liveDigest() == null ? "" : " (live on " + t.liveDigest() + ")"))
                .collect(Collectors.joining(", "));
    }
}
