package io.jenkins.plugins.acrlifecycle.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import io.acrlifecycle.steps.StepKind;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code acrGuard}: Checks the image you are about to deploy: that its tag still points at the digest you
 * tested, and that no purge (a scheduled ACR purge task or the retention policy) will delete it within the
 * window. Blocks the build, or only warns, and can lock the image.
 */
public class AcrGuardStep extends AcrStep {
    private final String image;
    private String expectedDigest;
    private String stage;
    private String window;
    private String mode;
    private boolean lock;

    @DataBoundConstructor
    public AcrGuardStep(String registry, String credentialsId, String image) {
        super(registry, credentialsId);
        this.image = Util.fixEmptyAndTrim(image);
    }

    public String getImage() {
        return image;
    }

    public String getExpectedDigest() {
        return expectedDigest;
    }

    @DataBoundSetter
    public void setExpectedDigest(String expectedDigest) {
        this.expectedDigest = Util.fixEmptyAndTrim(expectedDigest);
    }

    public String getStage() {
        return stage;
    }

    /** {@code deploy} (default: the image must exist) or {@code push} (the tag is about to be written). */
    @DataBoundSetter
    public void setStage(String stage) {
        this.stage = Util.fixEmptyAndTrim(stage);
    }

    public String getWindow() {
        return window;
    }

    @DataBoundSetter
    public void setWindow(String window) {
        this.window = Util.fixEmptyAndTrim(window);
    }

    public String getMode() {
        return mode;
    }

    @DataBoundSetter
    public void setMode(String mode) {
        this.mode = Util.fixEmptyAndTrim(mode);
    }

    public boolean isLock() {
        return lock;
    }

    @DataBoundSetter
    public void setLock(boolean lock) {
        this.lock = lock;
    }

    @Override
    protected StepKind verb() {
        return StepKind.GUARD;
    }

    @Override
    protected void addParameters(Map<String, Object> parameters) {
        parameters.put("image", image);
        parameters.put("expectedDigest", expectedDigest);
        parameters.put("stage", stage);
        parameters.put("window", window);
        parameters.put("mode", mode);
        parameters.put("lock", lock);
    }

    @Extension
    public static class DescriptorImpl extends AcrStepDescriptor {
        @Override
        public String getFunctionName() {
            return "acrGuard";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "ACR: deploy guard";
        }
    }
}
