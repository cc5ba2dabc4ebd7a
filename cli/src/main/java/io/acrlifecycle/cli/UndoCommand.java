package io.acrlifecycle.cli;

import io.acrlifecycle.engine.purge.undo.PurgeUndo;
import io.acrlifecycle.engine.purge.undo.RestoreServiceUndoRestorer;
import io.acrlifecycle.engine.restore.RestoreService;
import io.acrlifecycle.engine.purge.undo.UndoItem;
import io.acrlifecycle.engine.purge.undo.UndoReport;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.report.RegistrySections;
import io.acrlifecycle.engine.purge.journal.JournalException;
import io.acrlifecycle.engine.purge.undo.JournalRegistryMismatchException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code undo}: restores everything a purge journal recorded as deleted, in a working order. */
@Command(name = "undo", mixinStandardHelpOptions = true,
        description = {"Undo a purge: restore every manifest and tag its journal recorded, children before their "
                + "index and subjects before their referrers. Items whose soft-delete retention has passed are "
                + "reported as EXPIRED."},
        footer = {"", "Example:",
            "  acr-lifecycle undo -r myregistry --journal acrlc-out/purge-journal-20261126-010000.jsonl"})
public class UndoCommand extends RegistryCommand {

    @Option(names = "--journal", paramLabel = "FILE", required = true, description = "The purge's journal file.")
    Path journal;

    @Override
    protected CommandResult execute() {
        PurgeUndo.Plan plan;
        try {
            // read and checked before the registry is opened: a wrong file is refused without a request
            plan = PurgeUndo.plan(journal);
        } catch (JournalException e) {
            throw CliException.usage(flag(e.getMessage()));
        }
        int total = plan.targets().size();
        try (AcrRegistry registry = openRegistry()) {
            try {
                plan.checkRegistry(registry.loginServer());
            } catch (JournalRegistryMismatchException e) {
                throw new CliException(ExitCodes.REFUSED, flag(e.getMessage()) + " ("
                        + (e.recorded().size() == 1 ? "--registry " + e.recorded().get(0) : "--registry NAME")
                        + "; this run has --registry " + registry.loginServer() + ")");
            }
            if (!quiet) {
                io().err().println("undo: restoring " + total + " manifest(s) recorded in " + journal);
            }
            Progress bar = progress("undo");
            UndoReport report = PurgeUndo.undo(plan, new RestoreServiceUndoRestorer(new RestoreService(registry,
                    ProgressLog.restores(log(), bar, total, io().interactive()))));
            bar.finish();
            UndoReport.Totals t = report.totals();
            boolean complete = t.restored() + t.alreadyLive() == t.targets();
            StringBuilder text = new StringBuilder();
            for (UndoItem i : report.items()) {
                if (i.outcome() != io.acrlifecycle.engine.purge.undo.UndoOutcome.RESTORED) {
                    text.append(i.outcome()).append(": ").append(i.repository()).append('@').append(i.digest())
                            .append(i.detail() == null ? "" : " (" + i.detail() + ")").append('\n');
                }
            }
            text.append("restored ").append(t.restored()).append(" of ").append(t.targets())
                    .append(" manifest(s); already live ").append(t.alreadyLive()).append(", expired ")
                    .append(t.expired()).append(", conflict ").append(t.conflict()).append(", not found ")
                    .append(t.notFound()).append(", failed ").append(t.failed()).append('\n');
            return CommandResult.of(commandName(), complete ? "done" : "failed",
                    complete ? ExitCodes.DONE : ExitCodes.FAILED, registry.loginServer(), report, text.toString(),
                    List.of(RegistrySections.undo("Undo purge", report)));
        }
    }

    /** The engine names its parameter {@code journal}; here it is the flag. */
    private static String flag(String message) {
        return message.replaceFirst("^journal:", "--journal:");
    }
}
