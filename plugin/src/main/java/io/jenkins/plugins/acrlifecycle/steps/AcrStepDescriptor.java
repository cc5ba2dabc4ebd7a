package io.jenkins.plugins.acrlifecycle.steps;

import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.acrlifecycle.FieldChecks;
import io.jenkins.plugins.acrlifecycle.credentials.CredentialsForms;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The descriptor the four steps share: no node block needed, the credentials drop-down, and field validation.
 * Every endpoint is POST only and checks permissions (see {@link FieldChecks}, {@link CredentialsForms}).
 * A step's form simply has no field for checks that belong to other steps.
 */
public abstract class AcrStepDescriptor extends StepDescriptor {

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class);
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
