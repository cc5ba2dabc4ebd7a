package io.jenkins.plugins.acrlifecycle.actions;

import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Run;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.steps.BuildSummary;
import io.acrlifecycle.steps.StepKind;
import io.acrlifecycle.steps.StepRunner;
import io.jenkins.plugins.acrlifecycle.credentials.RegistryAccess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Everything the ACR steps did in one build: one entry per step call, shown as totals on the build page
 * ({@code summary.jelly}) and as tables on its own page ({@code index.jelly}). Purge journals are files in the
 * build directory, so "Undo this purge" still works after the workspace is gone. Holds results only; the one
 * endpoint, {@link #doUndo}, asks the engine.
 */
public class AcrBuildAction implements RunAction2 {
    static final String URL_NAME = "acr-lifecycle";
    private static final String DIRECTORY = "acr-lifecycle";
    private static final Object ATTACH_LOCK = new Object();

    private final List<Entry> entries = new ArrayList<>();
    private transient Run<?, ?> run;
    /** An undo is running (not persisted: a restart ends it). */
    private transient boolean undoing;

    /** The build's action, added on first use; parallel branches share it. */
    public static AcrBuildAction attach(Run<?, ?> run) {
        synchronized (ATTACH_LOCK) {
            AcrBuildAction action = run.getAction(AcrBuildAction.class);
            if (action == null) {
                action = new AcrBuildAction();
                run.addAction(action);
            }
            return action;
        }
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return "ACR Lifecycle";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    public synchronized List<Entry> getEntries() {
        return List.copyOf(entries);
    }

    /** The summaries of this build, for the job's trend. */
    public synchronized List<BuildSummary> summaries() {
        return entries.stream().map(Entry::getSummary).toList();
    }

    public synchronized void add(Run<?, ?> owner, StepKind verb, BuildSummary summary, Map<String, Object> parameters,
            Path journal) throws IOException {
        add(owner, verb, summary, parameters, journal, false);
    }

    /**
     * A purge that stopped with an exception after writing to its journal: its totals are unknown (the summary
     * carries only the failure), but it can be undone from the journal.
     */
    public synchronized void addInterrupted(Run<?, ?> owner, StepKind verb, BuildSummary summary,
            Map<String, Object> parameters, Path journal) throws IOException {
        add(owner, verb, summary, parameters, journal, true);
    }

    private void add(Run<?, ?> owner, StepKind verb, BuildSummary summary, Map<String, Object> parameters, Path journal,
            boolean interrupted) throws IOException {
        entries.add(new Entry(entries.size(), verb, summary, (String) parameters.get("registry"),
                (String) parameters.get("credentialsId"), (String) parameters.get("resourceId"),
                (String) parameters.get("endpoint"), journal == null ? null : journal.toFile().getName(),
                interrupted));
        owner.save();
    }

    /** A fresh file for the next purge journal in the build directory. */
    public synchronized File newJournal(Run<?, ?> owner) throws IOException {
        return newFile(owner, "purge", "journal.jsonl");
    }

    /** A fresh file in the build directory for a copy of a workspace file (rules, journal to restore from). */
    public synchronized File newFile(Run<?, ?> owner, String field, String original) throws IOException {
        File dir = new File(owner.getRootDir(), DIRECTORY);
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IOException("cannot create " + dir);
        }
        String name = new File(original).getName().replaceAll("[^A-Za-z0-9._-]", "_");
        return new File(dir, entries.size() + "-" + field + "-" + name);
    }

    /**
     * Undoes one purge of this build from its journal: POST only (Stapler refuses other verbs, Jenkins checks the
     * crumb of the form), and only for users who may configure the job. The restore runs outside this action's lock
     * (it takes as long as the registry takes; the build page and parallel steps must not wait for it); one undo at
     * a time per build. The purge is marked undone only when every image came back, so a partial undo can be
     * retried; the result rows are recorded either way.
     */
    @POST
    public HttpResponse doUndo(@QueryParameter int entry) throws IOException {
        run.getParent().checkPermission(Item.CONFIGURE);
        Entry purge;
        synchronized (this) {
            if (entry < 0 || entry >= entries.size() || !entries.get(entry).isUndoable()) {
                return HttpResponses.errorWithoutStack(400, "entry " + entry + " is not a purge that can be undone");
            }
            if (undoing) {
                return HttpResponses.errorWithoutStack(409, "an undo is already running for this build; reload the"
                        + " page when it has finished");
            }
            undoing = true;
            purge = entries.get(entry);
        }
        try {
            BuildSummary undo = restore(purge);
            synchronized (this) {
                purge.undone = undo.failure() == null && undo.errors() == 0;
                entries.add(new Entry(entries.size(), null, undo, purge.getRegistry(), purge.getCredentialsId(),
                        purge.getResourceId(), purge.getEndpoint(), null, false));
                run.save();
            }
            return HttpResponses.redirectToDot();
        } catch (AbortException | RuntimeException e) {
            // Engine and RegistryAccess messages name the problem and never carry secrets.
            return HttpResponses.errorWithoutStack(409, "undo failed: " + e.getMessage());
        } finally {
            synchronized (this) {
                undoing = false;
            }
        }
    }

    /** Restores what the purge's journal recorded; no lock held (the journal file is only read). */
    private BuildSummary restore(Entry purge) throws AbortException {
        Path journal = new File(new File(run.getRootDir(), DIRECTORY), purge.getJournal()).toPath();
        try (Registry registry = RegistryAccess.open(run, purge.getRegistry(), purge.getCredentialsId(),
                purge.getResourceId(), purge.getEndpoint(), EngineLog.SILENT)) {
            return StepRunner.undoPurge(registry, journal, EngineLog.SILENT);
        }
    }

    /** True while an undo of this build runs (the page shows it instead of the button). */
    public synchronized boolean isUndoing() {
        return undoing;
    }

    /** One step call. {@code verb} is null for an undo started from this page. */
    public static final class Entry {
        private final int index;
        private final StepKind verb;
        private final BuildSummary summary;
        private final String registry;
        private final String credentialsId;
        private final String resourceId;
        private final String endpoint;
        private final String journal;
        /** The purge stopped with an exception after it had written to its journal (totals unknown). */
        private final boolean interrupted;
        /** Written under the action's lock, read by the page without it. */
        private volatile boolean undone;

        Entry(int index, StepKind verb, BuildSummary summary, String registry, String credentialsId, String resourceId,
                String endpoint, String journal, boolean interrupted) {
            this.index = index;
            this.verb = verb;
            this.summary = summary;
            this.registry = registry;
            this.credentialsId = credentialsId;
            this.resourceId = resourceId;
            this.endpoint = endpoint;
            this.journal = journal;
            this.interrupted = interrupted;
        }

        public int getIndex() {
            return index;
        }

        public String getStep() {
            return verb == null ? "undo" : verb.stepName();
        }

        public BuildSummary getSummary() {
            return summary;
        }

        public String getRegistry() {
            return registry;
        }

        public String getCredentialsId() {
            return credentialsId;
        }

        public String getResourceId() {
            return resourceId;
        }

        public String getEndpoint() {
            return endpoint;
        }

        public String getJournal() {
            return journal;
        }

        public boolean isUndone() {
            return undone;
        }

        public boolean isInterrupted() {
            return interrupted;
        }

        /**
         * A real (not dry-run) purge with a journal that has not been undone yet, and that deleted something or
         * stopped part-way (then only the journal knows what it deleted).
         */
        public boolean isUndoable() {
            return verb == StepKind.PURGE && journal != null && !undone && !summary.dryRun()
                    && (summary.deletions() > 0 || interrupted);
        }
    }
}
