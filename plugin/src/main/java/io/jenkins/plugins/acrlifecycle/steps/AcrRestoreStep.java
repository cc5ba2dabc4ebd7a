package io.jenkins.plugins.acrlifecycle.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import io.acrlifecycle.steps.StepKind;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code acrRestore}: Brings back soft-deleted manifests and their tags: one image by digest or tag, everything a
 * purge journal recorded, or everything deleted since a moment ({@code since}, with {@code repository} or
 * {@code filter}). Needs soft delete on the registry. Returns the totals as a map.
 */
public class AcrRestoreStep extends AcrStep {
    private String repository;
    private String digest;
    private String tag;
    private boolean force;
    private String journal;
    private String since;
    private String filter;
    private boolean dryRun;

    @DataBoundConstructor
    public AcrRestoreStep(String registry, String credentialsId) {
        super(registry, credentialsId);
    }

    public String getRepository() {
        return repository;
    }

    @DataBoundSetter
    public void setRepository(String repository) {
        this.repository = Util.fixEmptyAndTrim(repository);
    }

    public String getDigest() {
        return digest;
    }

    @DataBoundSetter
    public void setDigest(String digest) {
        this.digest = Util.fixEmptyAndTrim(digest);
    }

    public String getTag() {
        return tag;
    }

    @DataBoundSetter
    public void setTag(String tag) {
        this.tag = Util.fixEmptyAndTrim(tag);
    }

    public boolean isForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    public String getJournal() {
        return journal;
    }

    @DataBoundSetter
    public void setJournal(String journal) {
        this.journal = Util.fixEmptyAndTrim(journal);
    }

    public String getSince() {
        return since;
    }

    @DataBoundSetter
    public void setSince(String since) {
        this.since = Util.fixEmptyAndTrim(since);
    }

    public String getFilter() {
        return filter;
    }

    @DataBoundSetter
    public void setFilter(String filter) {
        this.filter = Util.fixEmptyAndTrim(filter);
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    @Override
    protected StepKind verb() {
        return StepKind.RESTORE;
    }

    @Override
    protected void addParameters(Map<String, Object> parameters) {
        parameters.put("repository", repository);
        parameters.put("digest", digest);
        parameters.put("tag", tag);
        parameters.put("force", force);
        parameters.put("journal", journal);
        parameters.put("since", since);
        parameters.put("filter", filter);
        parameters.put("dryRun", dryRun);
    }

    @Extension
    public static class DescriptorImpl extends AcrStepDescriptor {
        @Override
        public String getFunctionName() {
            return "acrRestore";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "ACR: restore soft-deleted images";
        }
    }
}
