package io.jenkins.plugins.acrlifecycle.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import io.acrlifecycle.steps.StepKind;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code acrPurge}: Deletes old tags and the manifests left without them, like acr purge, but plans first,
 * spares protected and locked images, writes a journal kept with the build, and can be undone from the build
 * page. Returns the totals as a map.
 */
public class AcrPurgeStep extends AcrStep {
    private String filter;
    private String ago;
    private Integer keep;
    private boolean untagged;
    private boolean untaggedOnly;
    private boolean includeLocked;
    private boolean dryRun;
    private String exclude;
    private String protectTags;
    private String protectImages;
    private String protectImagesFile;
    private String rulesFile;
    private Integer maxDeletes;
    /** On unless the user says otherwise: a purge on a registry without soft delete cannot be undone. */
    private boolean requireSoftDelete = true;
    private boolean allowPermanentDelete;
    private Integer concurrency;

    @DataBoundConstructor
    public AcrPurgeStep(String registry, String credentialsId) {
        super(registry, credentialsId);
    }

    public String getFilter() {
        return filter;
    }

    @DataBoundSetter
    public void setFilter(String filter) {
        this.filter = Util.fixEmptyAndTrim(filter == null ? null : filter.replace("\r\n", "\n"));
    }

    public String getAgo() {
        return ago;
    }

    @DataBoundSetter
    public void setAgo(String ago) {
        this.ago = Util.fixEmptyAndTrim(ago);
    }

    public Integer getKeep() {
        return keep;
    }

    @DataBoundSetter
    public void setKeep(Integer keep) {
        this.keep = keep;
    }

    public boolean isUntagged() {
        return untagged;
    }

    @DataBoundSetter
    public void setUntagged(boolean untagged) {
        this.untagged = untagged;
    }

    public boolean isUntaggedOnly() {
        return untaggedOnly;
    }

    @DataBoundSetter
    public void setUntaggedOnly(boolean untaggedOnly) {
        this.untaggedOnly = untaggedOnly;
    }

    public boolean isIncludeLocked() {
        return includeLocked;
    }

    @DataBoundSetter
    public void setIncludeLocked(boolean includeLocked) {
        this.includeLocked = includeLocked;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public String getExclude() {
        return exclude;
    }

    @DataBoundSetter
    public void setExclude(String exclude) {
        this.exclude = Util.fixEmptyAndTrim(exclude == null ? null : exclude.replace("\r\n", "\n"));
    }

    public String getProtectTags() {
        return protectTags;
    }

    @DataBoundSetter
    public void setProtectTags(String protectTags) {
        this.protectTags = Util.fixEmptyAndTrim(protectTags == null ? null : protectTags.replace("\r\n", "\n"));
    }

    public String getProtectImages() {
        return protectImages;
    }

    @DataBoundSetter
    public void setProtectImages(String protectImages) {
        this.protectImages = Util.fixEmptyAndTrim(protectImages == null ? null : protectImages.replace("\r\n", "\n"));
    }

    public String getProtectImagesFile() {
        return protectImagesFile;
    }

    /** A workspace file of image references (e.g. kubectl output); copied into the build like rulesFile. */
    @DataBoundSetter
    public void setProtectImagesFile(String protectImagesFile) {
        this.protectImagesFile = Util.fixEmptyAndTrim(protectImagesFile);
    }

    public String getRulesFile() {
        return rulesFile;
    }

    @DataBoundSetter
    public void setRulesFile(String rulesFile) {
        this.rulesFile = Util.fixEmptyAndTrim(rulesFile);
    }

    public Integer getMaxDeletes() {
        return maxDeletes;
    }

    @DataBoundSetter
    public void setMaxDeletes(Integer maxDeletes) {
        this.maxDeletes = maxDeletes;
    }

    public boolean isRequireSoftDelete() {
        return requireSoftDelete;
    }

    @DataBoundSetter
    public void setRequireSoftDelete(boolean requireSoftDelete) {
        this.requireSoftDelete = requireSoftDelete;
    }

    public boolean isAllowPermanentDelete() {
        return allowPermanentDelete;
    }

    @DataBoundSetter
    public void setAllowPermanentDelete(boolean allowPermanentDelete) {
        this.allowPermanentDelete = allowPermanentDelete;
    }

    public Integer getConcurrency() {
        return concurrency;
    }

    @DataBoundSetter
    public void setConcurrency(Integer concurrency) {
        this.concurrency = concurrency;
    }

    @Override
    protected StepKind verb() {
        return StepKind.PURGE;
    }

    @Override
    protected void addParameters(Map<String, Object> parameters) {
        parameters.put("filter", filter);
        parameters.put("ago", ago);
        parameters.put("keep", keep);
        parameters.put("untagged", untagged);
        parameters.put("untaggedOnly", untaggedOnly);
        parameters.put("includeLocked", includeLocked);
        parameters.put("dryRun", dryRun);
        parameters.put("exclude", exclude);
        parameters.put("protectTags", protectTags);
        parameters.put("protectImages", protectImages);
        parameters.put("protectImagesFile", protectImagesFile);
        parameters.put("rulesFile", rulesFile);
        parameters.put("maxDeletes", maxDeletes);
        parameters.put("requireSoftDelete", requireSoftDelete);
        parameters.put("allowPermanentDelete", allowPermanentDelete);
        parameters.put("concurrency", concurrency);
    }

    @Extension
    public static class DescriptorImpl extends AcrStepDescriptor {
        @Override
        public String getFunctionName() {
            return "acrPurge";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "ACR: purge old images";
        }
    }
}
