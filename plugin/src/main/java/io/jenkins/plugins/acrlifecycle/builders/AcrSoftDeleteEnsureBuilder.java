package io.jenkins.plugins.acrlifecycle.builders;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import io.acrlifecycle.steps.Verb;
import io.jenkins.plugins.acrlifecycle.steps.AcrSoftDeleteEnsureStep;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** The freestyle build step for {@link AcrSoftDeleteEnsureStep}: same fields, same runner, no Pipeline return value. */
public class AcrSoftDeleteEnsureBuilder extends AcrBuilder {
    private String status;
    private Integer retentionDays;
    private String retentionPolicyStatus;
    private Integer retentionPolicyDays;

    @DataBoundConstructor
    public AcrSoftDeleteEnsureBuilder(String registry, String credentialsId) {
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
    protected Verb verb() {
        return Verb.SOFT_DELETE_ENSURE;
    }

    @Override
    protected void addParameters(Map<String, Object> parameters) {
        parameters.put("status", status);
        parameters.put("retentionDays", retentionDays);
        parameters.put("retentionPolicyStatus", retentionPolicyStatus);
        parameters.put("retentionPolicyDays", retentionPolicyDays);
    }

    @Extension
    public static class DescriptorImpl extends AcrBuilderDescriptor {
        public DescriptorImpl() {
            super(AcrSoftDeleteEnsureBuilder.class, AcrSoftDeleteEnsureStep.class, Verb.SOFT_DELETE_ENSURE);
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "ACR: ensure the soft delete policy";
        }
    }
}
