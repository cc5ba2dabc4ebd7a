package io.acrlifecycle.cli;

import io.acrlifecycle.engine.recovery.PointInTimeRecovery;
import io.acrlifecycle.engine.recovery.RecoveryReport;
import io.acrlifecycle.engine.recovery.RecoveryRequest;
import io.acrlifecycle.engine.recovery.RecoveryResult;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.report.RecoverySections;
import io.acrlifecycle.engine.report.Sizes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code restore --since}: the point-in-time half of {@link RestoreCommand}. A dry run unless {@code --execute}, as
 * for purge: the plan is printed first; a real run keeps a journal (default {@code acrlc-out/restore-journal-<UTC
 * time>.jsonl}) that a rerun after a kill continues.
 */
final class RestoreSince {
    private RestoreSince() {
    }

    /** Validates every flag (exit 2) before the registry is opened. */
    static RecoveryRequest request(String since, String repository, String filter, boolean force, boolean execute,
            Path journal, Clock clock) {
        RecoveryRequest request;
        try {
            request = new RecoveryRequest(RecoveryRequest.parseSince("--since", since, clock.instant()), repository,
                    filter, force, !execute, null);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage().replaceFirst("^repository and filter:", "--repository and --filter:")
                    .replaceFirst("^repository:", "--repository:").replaceFirst("^filter:", "--filter:"));
        }
        if (!execute) {
            return request;
        }
        Path file = journal != null ? journal : Path.of("acrlc-out", "restore-journal-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now(ZoneOffset.UTC)) + ".jsonl");
        if (Files.isDirectory(file)) {
            throw CliException.usage("--journal: '" + file + "' is a directory; accepted: a file path (created, or "
                    + "continued when an earlier restore --since of the same registry and time wrote it)");
        }
        return request.withJournal(file);
    }

    static CommandResult run(AcrRegistry registry, RecoveryRequest request, RestoreCommand command) {
        RecoveryReport report;
        try {
            report = new PointInTimeRecovery(registry, command.log(), Clock.systemUTC()).run(request);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage().replaceFirst("^journal:", "--journal:"));
        }
        StringBuilder text = new StringBuilder();
        for (RecoveryResult i : report.items()) {
            text.append(i.outcome()).append(": ").append(i.repository()).append('@').append(i.digest());
            if (!i.tags().isEmpty()) {
                text.append(" tags ").append(RecoverySections.tags(i));
            }
            if (i.message() != null) {
                text.append(" (").append(i.message()).append(')');
            }
            text.append('\n');
        }
        for (RecoveryReport.RepositoryTotals t : report.repositories()) {
            text.append(t.repository()).append(": ").append(request.dryRun() ? "would bring back " : "brought back ")
                    .append(t.manifests()).append(" manifest(s), ").append(t.tags()).append(" tag(s), ")
                    .append(Sizes.human(t.bytes())).append(t.conflicts() == 0 ? "" : ", " + t.conflicts()
                            + " conflict(s)").append('\n');
        }
        if (report.items().isEmpty()) {
            text.append("nothing was deleted since ").append(request.since()).append(" in the selected repositories\n");
        } else if (request.dryRun()) {
            text.append("dry run: nothing restored; add --execute to restore\n");
        }
        String status = request.dryRun() ? "dry-run" : report.complete() ? "done" : "failed";
        return CommandResult.of("restore", status, report.complete() ? ExitCodes.DONE : ExitCodes.FAILED,
                registry.loginServer(), report, text.toString(), List.of(RecoverySections.recovery(
                        request.dryRun() ? "Restore since " + request.since() + " (dry run)"
                                : "Restore since " + request.since(), report)));
    }
}
