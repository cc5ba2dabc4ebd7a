package io.acrlifecycle.steps;

import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.recovery.PointInTimeRecovery;
import io.acrlifecycle.engine.recovery.RecoveryReport;
import io.acrlifecycle.engine.recovery.RecoveryRequest;
import io.acrlifecycle.engine.recovery.RecoveryResult;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.report.RecoverySections;
import io.acrlifecycle.engine.report.Sizes;
import io.acrlifecycle.steps.BuildSummary.Kind;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code acrRestore since: ...}: the step form of point-in-time recovery. Its parameters are checked with the
 * others of {@code acrRestore} ({@link StepRunner#validate}); the run is summarised per repository with bytes, then per
 * item, for the build page.
 */
final class RestoreSinceStep {
    private RestoreSinceStep() {
    }

    /** The since-specific checks; the digest/tag/journal forms of acrRestore do not mix with it. */
    static void validate(StepParameters p, Instant now) {
        Instant since = p.parsed("since", (f, t) -> RecoveryRequest.parseSince(f, t, now), null);
        for (String other : new String[] {"digest", "tag", "journal"}) {
            if (p.text(other) != null) {
                p.problem(other, "does not go with since; accepted: since (with repository or filter), or "
                        + "repository with digest/tag, or journal");
            }
        }
        p.flag("force");
        p.flag("dryRun");
        if (p.text("repository") != null && p.text("filter") != null) {
            p.problem("filter", "give repository or filter, not both");
        } else if (since != null) {
            try {
                request(p, since); // the repository name and the filter regex, as the engine checks them
            } catch (IllegalArgumentException e) {
                p.problem(e.getMessage().startsWith("filter") ? "filter" : "repository",
                        e.getMessage().replaceFirst("^(filter|repository): ", ""));
            }
        }
    }

    static RecoveryRequest request(StepParameters p, Instant since) {
        return new RecoveryRequest(since, p.text("repository"), p.text("filter"), p.flag("force"), p.flag("dryRun"),
                null);
    }

    static BuildSummary run(Registry registry, StepParameters p, EngineLog log) {
        Clock clock = Clock.systemUTC();
        Instant since = RecoveryRequest.parseSince("since", p.text("since"), clock.instant());
        RecoveryReport report = new PointInTimeRecovery(registry, log, clock).run(request(p, since));
        return summarize(report);
    }

    static BuildSummary summarize(RecoveryReport report) {
        int errors = report.repositories().stream().mapToInt(r -> r.conflicts() + r.expired() + r.notFound()
                + r.failed()).sum();
        BuildSummary.Builder b = BuildSummary.builder(Kind.RESTORE, report.registry()).dryRun(report.dryRun())
                .restored(report.manifests()).errors(errors)
                .message((report.dryRun() ? "would bring back " : "brought back ") + report.manifests()
                        + " manifest(s) and " + report.tags() + " tag(s), " + Sizes.human(report.bytes())
                        + ", deleted since " + report.since());
        String verb = report.dryRun() ? "would restore" : "restored";
        for (RecoveryReport.RepositoryTotals t : report.repositories()) {
            b.row(verb + " (repository)", t.repository(), t.tags() + " tag(s)", null, t.manifests()
                    + " manifest(s), " + Sizes.human(t.bytes()) + (t.conflicts() == 0 ? ""
                    : ", " + t.conflicts() + " conflict(s)") + (t.expired() + t.notFound() + t.failed() == 0 ? ""
                    : ", " + (t.expired() + t.notFound() + t.failed()) + " not restored"));
        }
        for (RecoveryResult i : report.items()) {
            b.row(i.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '), i.repository(),
                    RecoverySections.tags(i), i.digest(), i.message());
        }
        if (!report.complete()) {
            b.failure("acrRestore: not everything deleted since " + report.since() + " came back ("
                    + report.conflicts() + " tag conflict(s) without force, " + (errors - report.conflicts())
                    + " item(s) expired, missing or failed); see the build's ACR page");
        }
        return b.build();
    }
}
