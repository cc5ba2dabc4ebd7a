package io.jenkins.plugins.acrlifecycle.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import io.acrlifecycle.steps.StepKind;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code acrSoftDeleteEnsure}: Makes the registry's soft delete and untagged-retention policies what you ask
 * for, and reports what it changed. Run it once when setting a registry up, or in every build to keep the policy
 * from drifting. Empty fields leave the current value alone.
 */
public class AcrSoftDeleteEnsureStep extends AcrStep {
    private String status;
    private Integer retentionDays;
    private String retentionPolicyStatus;
    private Integer retentionPolicyDays;

    @DataBoundConstructor
    public AcrSoftDeleteEnsureStep(String registry, String credentialsId) {
        super(registry, credentialsId);
    }

    public String getStatus() {
        return status;
    }

    @DataBoundSetter
    public void setStatus(String status) {
        this.status = Util.fixEmptyAndTrim(status);
    }

    public Integer getRetentionDays() {
        return retentionDays;
    }

    @DataBoundSetter
    public void setRetentionDays(Integer retentionDays) {
        this.retentionDays = retentionDays;
    }

    public String getRetentionPolicyStatus() {
        return retentionPolicyStatus;
    }

    @DataBoundSetter
    public void setRetentionPolicyStatus(String retentionPolicyStatus) {
        this.retentionPolicyStatus = Util.fixEmptyAndTrim(retentionPolicyStatus);
    }

    public Integer getRetentionPolicyDays() {
        return retentionPolicyDays;
    }

    @DataBoundSetter
    public void setRetentionPolicyDays(Integer retentionPolicyDays) {
        this.retentionPolicyDays = retentionPolicyDays;
    }

    @Override
    protected StepKind verb() {
        return StepKind.SOFT_DELETE_ENSURE;
    }

    @Override
    protected void addParameters(Map<String, Object> parameters) {
        parameters.put("status", status);
        parameters.put("retentionDays", retentionDays);
        parameters.put("retentionPolicyStatus", retentionPolicyStatus);
        parameters.put("retentionPolicyDays", retentionPolicyDays);
    }

    @Extension
    public static class DescriptorImpl extends AcrStepDescriptor {
        @Override
        public String getFunctionName() {
            return "acrSoftDeleteEnsure";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "ACR: ensure the soft delete policy";
        }
    }
}
