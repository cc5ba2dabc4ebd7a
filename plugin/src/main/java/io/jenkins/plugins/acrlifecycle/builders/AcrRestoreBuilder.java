package io.jenkins.plugins.acrlifecycle.builders;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.acrlifecycle.steps.AcrRestoreStep;
import java.util.Objects;
import org.kohsuke.stapler.DataBoundConstructor;

/** The freestyle build step for {@link AcrRestoreStep}: holds the step and runs it. */
public class AcrRestoreBuilder extends AcrBuilder {
    private final AcrRestoreStep step;

    @DataBoundConstructor
    public AcrRestoreBuilder(AcrRestoreStep step) {
        this.step = Objects.requireNonNull(step, "step");
    }

    public AcrRestoreStep getStep() {
        return step;
    }

    @Override
    protected AcrRestoreStep step() {
        return step;
    }

    @Extension
    public static class DescriptorImpl extends AcrBuilderDescriptor {
        public DescriptorImpl() {
            super(AcrRestoreBuilder.class);
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "ACR: restore soft-deleted images";
        }
    }
}
