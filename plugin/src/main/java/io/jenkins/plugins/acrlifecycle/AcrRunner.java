package io.jenkins.plugins.acrlifecycle;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.acrlifecycle.engine.guard.Verdict;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.registry.RegistryException;
import io.acrlifecycle.steps.BuildSummary;
import io.acrlifecycle.steps.StepParameterException;
import io.acrlifecycle.steps.StepKind;
import io.acrlifecycle.steps.StepRunner;
import io.jenkins.plugins.acrlifecycle.actions.AcrBuildAction;
import io.jenkins.plugins.acrlifecycle.credentials.RegistryAccess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one implementation behind each Pipeline step and its freestyle twin: validate, open the registry with the
 * build's credentials, let the engine do the work, record the summary on the build, apply the guard's verdict.
 */
public final class AcrRunner {
    /** Parameters naming a workspace file; the file is copied into the build so the build keeps what it used. */
    private static final List<String> WORKSPACE_FILES = List.of("rulesFile", "protectImagesFile", "journal");

    private AcrRunner() {
    }

    public static BuildSummary run(StepKind verb, Map<String, Object> raw, Run<?, ?> run,
            @CheckForNull FilePath workspace, TaskListener listener) throws IOException, InterruptedException {
        Map<String, Object> parameters = new LinkedHashMap<>(raw);
        AcrBuildAction action = AcrBuildAction.attach(run);
        for (String field : WORKSPACE_FILES) {
            if (parameters.get(field) != null) {
                parameters.put(field, copyIntoBuild(field, (String) parameters.get(field), workspace, action, run));
            }
        }
        try {
            StepRunner.validate(verb, parameters);
        } catch (StepParameterException e) {
            throw new AbortException(e.getMessage());
        }
        EngineLog log = new ListenerLog(listener);
        Path journal = verb == StepKind.PURGE ? action.newJournal(run).toPath() : null;
        BuildSummary summary;
        try (Registry registry = RegistryAccess.open(run, (String) parameters.get("registry"),
                (String) parameters.get("credentialsId"), (String) parameters.get("resourceId"),
                (String) parameters.get("endpoint"), log)) {
            summary = StepRunner.run(verb, registry, parameters, journal, log);
        } catch (RuntimeException e) {
            String why = verb.stepName() + ": " + describe(e);
            if (journal != null && hasContent(journal)) {
                // Something was (maybe) deleted before the failure: keep the journal reachable so Undo works.
                action.addInterrupted(run, verb, StepRunner.interruptedPurge((String) parameters.get("registry"), why),
                        parameters, journal);
                listener.getLogger().println("[ACR] the purge stopped part-way; its journal is kept with this build:"
                        + " 'Undo this purge' on the build's ACR Lifecycle page restores what it deleted");
            }
            throw new AbortException(why);
        }
        action.add(run, verb, summary, parameters, journal);
        return applyVerdict(summary, run, listener);
    }

    /**
     * A call that did not complete fails the build (after its summary is recorded). A guard block fails it with the
     * guard's reasons; warn leaves it UNSTABLE and carries on.
     */
    private static BuildSummary applyVerdict(BuildSummary summary, Run<?, ?> run, TaskListener listener)
            throws AbortException {
        if (summary.failure() != null) {
            throw new AbortException(summary.failure());
        }
        if (summary.verdict() == Verdict.BLOCK) {
            throw new AbortException("acrGuard blocked the deployment: " + String.join("; ", summary.messages()));
        }
        if (summary.verdict() == Verdict.WARN) {
            listener.getLogger().println("[ACR] acrGuard warns: " + String.join("; ", summary.messages()));
            run.setResult(Result.UNSTABLE);
        }
        return summary;
    }

    /**
     * Engine messages name the field or the ACR error and never carry secrets; anything else (e.g. an
     * UncheckedIOException from the journal) also gets its type, since its message alone may be a bare path.
     */
    private static String describe(RuntimeException e) {
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof RegistryException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static boolean hasContent(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return Files.exists(file);
        }
    }

    private static String copyIntoBuild(String field, String relative, @CheckForNull FilePath workspace,
            AcrBuildAction action, Run<?, ?> run) throws IOException, InterruptedException {
        if (workspace == null) {
            throw new AbortException(field + ": '" + relative + "' is a workspace file; run the step inside node {}");
        }
        if (!workspace.isDescendant(relative) || !workspace.child(relative).exists()) {
            throw new AbortException(field + ": '" + relative + "' is not a file in the workspace");
        }
        File copy = action.newFile(run, field, relative);
        workspace.child(relative).copyTo(new FilePath(copy));
        return copy.getAbsolutePath();
    }
}
