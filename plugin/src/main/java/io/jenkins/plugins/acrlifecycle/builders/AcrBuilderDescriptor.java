package io.jenkins.plugins.acrlifecycle.builders;

import hudson.model.AbstractProject;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;

/**
 * The descriptor the four build steps share. It has no fields, checks or help of its own: the form nests the
 * Pipeline step's, whose descriptor answers the validation and help requests.
 */
public abstract class AcrBuilderDescriptor extends BuildStepDescriptor<Builder> {

    protected AcrBuilderDescriptor(Class<? extends Builder> builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isApplicable(Class<? extends AbstractProject> jobType) {
        return true;
    }
}
