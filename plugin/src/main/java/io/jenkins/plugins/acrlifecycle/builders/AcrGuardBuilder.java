package io.jenkins.plugins.acrlifecycle.builders;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.acrlifecycle.steps.AcrGuardStep;
import java.util.Objects;
import org.kohsuke.stapler.DataBoundConstructor;

/** The freestyle build step for {@link AcrGuardStep}: holds the step and runs it. */
public class AcrGuardBuilder extends AcrBuilder {
    private final AcrGuardStep step;

    @DataBoundConstructor
    public AcrGuardBuilder(AcrGuardStep step) {
        this.step = Objects.requireNonNull(step, "step");
    }

    public AcrGuardStep getStep() {
        return step;
    }

    @Override
    protected AcrGuardStep step() {
        return step;
    }

    @Extension
    public static class DescriptorImpl extends AcrBuilderDescriptor {
        public DescriptorImpl() {
            super(AcrGuardBuilder.class);
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "ACR: deploy guard";
        }
    }
}
