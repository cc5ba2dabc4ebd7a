package io.jenkins.plugins.acrlifecycle.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import io.acrlifecycle.steps.StepKind;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code acrForecast}: every deletion the window holds for the whole registry, in time order (scheduled acr purge
 * runs, the retention policy, soft-deleted items passing their expiry). Deletes nothing; returns the forecast as
 * {@code result.forecast} and lists it on the build page. A Pipeline step only (no freestyle build step).
 */
public class AcrForecastStep extends AcrStep {
    private String window;
    private boolean includeRetentionPolicy = true;

    @DataBoundConstructor
    public AcrForecastStep(String registry, String credentialsId) {
        super(registry, credentialsId);
    }

    public String getWindow() {
        return window;
    }

    @DataBoundSetter
    public void setWindow(String window) {
        this.window = Util.fixEmptyAndTrim(window);
    }

    public boolean isIncludeRetentionPolicy() {
        return includeRetentionPolicy;
    }

    @DataBoundSetter
    public void setIncludeRetentionPolicy(boolean includeRetentionPolicy) {
        this.includeRetentionPolicy = includeRetentionPolicy;
    }

    @Override
    protected StepKind verb() {
        return StepKind.FORECAST;
    }

    @Override
    protected void addParameters(Map<String, Object> parameters) {
        parameters.put("window", window);
        parameters.put("includeRetentionPolicy", includeRetentionPolicy);
    }

    @Extension
    public static class DescriptorImpl extends AcrStepDescriptor {
        @Override
        public String getFunctionName() {
            return "acrForecast";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "ACR: deletion forecast";
        }
    }
}
