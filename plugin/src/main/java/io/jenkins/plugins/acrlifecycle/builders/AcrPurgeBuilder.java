package io.jenkins.plugins.acrlifecycle.builders;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.acrlifecycle.steps.AcrPurgeStep;
import java.util.Objects;
import org.kohsuke.stapler.DataBoundConstructor;

/** The freestyle build step for {@link AcrPurgeStep}: holds the step and runs it. */
public class AcrPurgeBuilder extends AcrBuilder {
    private final AcrPurgeStep step;

    @DataBoundConstructor
    public AcrPurgeBuilder(AcrPurgeStep step) {
        this.step = Objects.requireNonNull(step, "step");
    }

    public AcrPurgeStep getStep() {
        return step;
    }

    @Override
    protected AcrPurgeStep step() {
        return step;
    }

    @Extension
    public static class DescriptorImpl extends AcrBuilderDescriptor {
        public DescriptorImpl() {
            super(AcrPurgeBuilder.class);
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "ACR: purge old images";
        }
    }
}
