package io.jenkins.plugins.acrlifecycle.builders;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.acrlifecycle.steps.AcrSoftDeleteEnsureStep;
import java.util.Objects;
import org.kohsuke.stapler.DataBoundConstructor;

/** The freestyle build step for {@link AcrSoftDeleteEnsureStep}: holds the step and runs it. */
public class AcrSoftDeleteEnsureBuilder extends AcrBuilder {
    private final AcrSoftDeleteEnsureStep step;

    @DataBoundConstructor
    public AcrSoftDeleteEnsureBuilder(AcrSoftDeleteEnsureStep step) {
        this.step = Objects.requireNonNull(step, "step");
    }

    public AcrSoftDeleteEnsureStep getStep() {
        return step;
    }

    @Override
    protected AcrSoftDeleteEnsureStep step() {
        return step;
    }

    @Extension
    public static class DescriptorImpl extends AcrBuilderDescriptor {
        public DescriptorImpl() {
            super(AcrSoftDeleteEnsureBuilder.class);
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "ACR: ensure the soft delete policy";
        }
    }
}
