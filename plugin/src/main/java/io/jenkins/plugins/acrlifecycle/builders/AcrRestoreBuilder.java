package io.jenkins.plugins.acrlifecycle.builders;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import io.acrlifecycle.engine.summary.Verb;
import io.jenkins.plugins.acrlifecycle.steps.AcrRestoreStep;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** The freestyle build step for {@link AcrRestoreStep}: same fields, same runner, no Pipeline return value. */
public class AcrRestoreBuilder extends AcrBuilder {
    private String repository;
    private String digest;
    private String tag;
    private boolean force;
    private String journal;
    private String since;
    private String filter;
    private boolean dryRun;

    @DataBoundConstructor
    public AcrRestoreBuilder(String registry, String credentialsId) {
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
    protected Verb verb() {
        return Verb.RESTORE;
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
    public static class DescriptorImpl extends AcrBuilderDescriptor {
        public DescriptorImpl() {
            super(AcrRestoreBuilder.class, AcrRestoreStep.class, Verb.RESTORE);
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "ACR: restore soft-deleted images";
        }
    }
}
