package io.jenkins.plugins.acrlifecycle.builders;

import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.acrlifecycle.engine.summary.Verb;
import io.jenkins.plugins.acrlifecycle.FieldChecks;
import io.jenkins.plugins.acrlifecycle.credentials.CredentialsForms;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The descriptor the four build steps share. Forms and help are the Pipeline steps': each builder's
 * {@code config.jelly} includes its step's, and help requests are redirected to the step's help files, so the
 * Snippet Generator and the freestyle form cannot drift apart. Validation endpoints are the same as the steps'.
 */
public abstract class AcrBuilderDescriptor extends BuildStepDescriptor<Builder> {

    private final Class<? extends Step> stepClass;

    protected AcrBuilderDescriptor(Class<? extends Builder> builder, Class<? extends Step> step, Verb verb) {
        super(builder);
        this.stepClass = step;
        for (String field : verb.parameters()) {
            addHelpFileRedirect(field, step, field);
        }
    }

    /**
     * The Pipeline step whose form this build step shows: {@code config.jelly} includes it with
     * {@code class="${descriptor.stepClass}"}, a Class object, since Stapler's include tag takes a Class.
     */
    public Class<? extends Step> getStepClass() {
        return stepClass;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isApplicable(Class<? extends AbstractProject> jobType) {
        return true;
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        return CredentialsForms.fill(item, credentialsId);
    }

    @POST
    public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
        return CredentialsForms.check(item, value);
    }

    @POST
    public FormValidation doCheckRegistry(@AncestorInPath Item item, @QueryParameter String value) {
        return FieldChecks.check(item, "registry", value);
    }

    @POST
    public FormValidation doCheckEndpoint(@AncestorInPath Item item, @QueryParameter String value) {
        return FieldChecks.check(item, "endpoint", value);
    }

    @POST
    public FormValidation doCheckStatus(@AncestorInPath Item item, @QueryParameter String value) {
        return FieldChecks.check(item, "status", value);
    }

    @POST
    public FormValidation doCheckRetentionDays(@AncestorInPath Item item, @QueryParameter String value) {
        return FieldChecks.check(item, "retentionDays", value);
    }

    @POST
    public FormValidation doCheckRetentionPolicyStatus(@AncestorInPath Item item, @QueryParameter String value) {
        return FieldChecks.check(item, "retentionPolicyStatus", value);
    }

    @POST
    public FormValidation doCheckRetentionPolicyDays(@AncestorInPath Item item, @QueryParameter String value) {
        return FieldChecks.check(item, "retentionPolicyDays", value);
    }

    @POST
    public FormValidation doCheckAgo(@AncestorInPath Item item, @QueryParameter String value) {
        return FieldChecks.check(item, "ago", value);
    }

    @POST
    public FormValidation doCheckKeep(@AncestorInPath Item item, @QueryParameter String value) {
        return FieldChecks.check(item, "keep", value);
    }

    @POST
    public FormValidation doCheckMaxDeletes(@AncestorInPath Item item, @QueryParameter String value) {
        return FieldChecks.check(item, "maxDeletes", value);
    }

    @POST
    public FormValidation doCheckConcurrency(@AncestorInPath Item item, @QueryParameter String value) {
        return FieldChecks.check(item, "concurrency", value);
    }

    @POST
    public FormValidation doCheckProtectImages(@AncestorInPath Item item, @QueryParameter String value) {
        return FieldChecks.check(item, "protectImages", value);
    }

    @POST
    public FormValidation doCheckDigest(@AncestorInPath Item item, @QueryParameter String value) {
        return FieldChecks.check(item, "digest", value);
    }

    @POST
    public FormValidation doCheckImage(@AncestorInPath Item item, @QueryParameter String value) {
        return FieldChecks.check(item, "image", value);
    }

    @POST
    public FormValidation doCheckExpectedDigest(@AncestorInPath Item item, @QueryParameter String value) {
        return FieldChecks.check(item, "expectedDigest", value);
    }

    @POST
    public FormValidation doCheckWindow(@AncestorInPath Item item, @QueryParameter String value) {
        return FieldChecks.check(item, "window", value);
    }

    @POST
    public FormValidation doCheckStage(@AncestorInPath Item item, @QueryParameter String value) {
        return FieldChecks.check(item, "stage", value);
    }

    @POST
    public FormValidation doCheckMode(@AncestorInPath Item item, @QueryParameter String value) {
        return FieldChecks.check(item, "mode", value);
    }

    @POST
    public FormValidation doCheckSince(@AncestorInPath Item item, @QueryParameter String value) {
        return FieldChecks.check(item, "since", value);
    }
}
