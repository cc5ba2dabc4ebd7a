package io.jenkins.plugins.acrlifecycle.builders;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.AbstractBuild;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import io.jenkins.plugins.acrlifecycle.steps.AcrStep;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;

/**
 * A freestyle build step holds its Pipeline step ({@code <f:property field="step"/>} in its form): the step's
 * fields, validation and help are the only ones, and the build step adds nothing but a place in a freestyle job.
 * No workspace is needed: registry calls run on the controller; a workspace file (rulesFile, journal) is read from
 * the build's workspace when there is one.
 */
public abstract class AcrBuilder extends Builder implements SimpleBuildStep {

    /** The Pipeline step this build step runs. Each subclass exposes it as {@code getStep()} of its own type. */
    protected abstract AcrStep step();

    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        FilePath workspace = run instanceof AbstractBuild<?, ?> build ? build.getWorkspace() : null;
        step().perform(run, workspace, listener);
    }
}
