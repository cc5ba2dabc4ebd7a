package io.jenkins.plugins.acrlifecycle.actions;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * Adds the trend to every job whose recent builds used an ACR step, whatever their result: a build the guard
 * blocked has failed, and it must still count. Runs on each page render, so it looks at a few builds only.
 */
@Extension
@SuppressWarnings("rawtypes")
public class AcrJobActionFactory extends TransientActionFactory<Job> {
    static final int BUILDS_CHECKED = 10;

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @NonNull
    @Override
    public Collection<? extends Action> createFor(@NonNull Job target) {
        Job<?, ?> job = target;
        for (Run<?, ?> run : job.getBuilds().limit(BUILDS_CHECKED)) {
            if (run.getAction(AcrBuildAction.class) != null) {
                return List.of(new AcrJobAction(job));
            }
        }
        return List.of();
    }
}
