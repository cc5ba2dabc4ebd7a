package io.jenkins.plugins.acrlifecycle.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Util;
import hudson.model.AbstractBuild;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import io.acrlifecycle.steps.Verb;
import io.jenkins.plugins.acrlifecycle.AcrRunner;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What the four freestyle build steps share with each other and with the Pipeline steps: the connection fields and
 * the runner. They need no workspace: registry calls run on the controller. A workspace file (rulesFile, journal)
 * is read from the build's workspace when there is one.
 */
public abstract class AcrBuilder extends Builder implements SimpleBuildStep {
    private final String registry;
    private final String credentialsId;
    private String resourceId;
    private String endpoint;

    protected AcrBuilder(String registry, String credentialsId) {
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

    protected abstract Verb verb();

    /** Adds this build step's own parameters under the engine's names. */
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

    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        FilePath workspace = run instanceof AbstractBuild<?, ?> build ? build.getWorkspace() : null;
        AcrRunner.run(verb(), parameters(), run, workspace, listener);
    }
}
