package io.jenkins.plugins.acrlifecycle.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.acrlifecycle.engine.guard.Verdict;
import io.acrlifecycle.steps.BuildSummary;
import io.acrlifecycle.steps.StepKind;
import io.jenkins.plugins.acrlifecycle.AcrRunner;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What the four ACR steps share: the registry, the credentials and the ARM resource id, and an execution that runs
 * off the CPS thread (registry calls take time) and returns the summary as a map a sandboxed script can read.
 */
public abstract class AcrStep extends Step {
    private final String registry;
    private final String credentialsId;
    private String resourceId;
    private String endpoint;

    protected AcrStep(String registry, String credentialsId) {
        this.registry = Util.fixEmptyAndTrim(registry);
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getRegistry() {
        return registry;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public @CheckForNull String getResourceId() {
        return resourceId;
    }

    @DataBoundSetter
    public void setResourceId(String resourceId) {
        this.resourceId = Util.fixEmptyAndTrim(resourceId);
    }

    public @CheckForNull String getEndpoint() {
        return endpoint;
    }

    @DataBoundSetter
    public void setEndpoint(String endpoint) {
        this.endpoint = Util.fixEmptyAndTrim(endpoint);
    }

    protected abstract StepKind verb();

    /** Adds this step's own parameters under the engine's names. */
    protected abstract void addParameters(Map<String, Object> parameters);

    public final Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("registry", registry);
        parameters.put("credentialsId", credentialsId);
        parameters.put("resourceId", resourceId);
        parameters.put("endpoint", endpoint);
        addParameters(parameters);
        return parameters;
    }

    /**
     * Runs this step in a build: the Pipeline execution and the freestyle build step that holds this step both come
     * here.
     *
     * @param workspace null outside {@code node {}}; needed only for workspace files (rulesFile, journal)
     */
    public final BuildSummary perform(Run<?, ?> run, @CheckForNull FilePath workspace, TaskListener listener)
            throws IOException, InterruptedException {
        return AcrRunner.run(verb(), parameters(), run, workspace, listener);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient AcrStep step;

        Execution(StepContext context, AcrStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            BuildSummary summary = step.perform(context.get(Run.class), context.get(FilePath.class),
                    context.get(TaskListener.class));
            if (summary.verdict() == Verdict.WARN) {
                // Marks the stage in Pipeline views, as the core unstable step does; the runner set the build result.
                FlowNode node = context.get(FlowNode.class);
                if (node != null) {
                    node.addOrReplaceAction(new WarningAction(Result.UNSTABLE)
                            .withMessage(String.join("; ", summary.messages())));
                }
            }
            return summary.asMap();
        }
    }
}
