package io.acrlifecycle.engine.guard.schedule;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * One {@code acr purge} step of a scheduled ACR task, with the task's enabled timers.
 * {@code step} is 1-based, as a person counts the YAML's steps.
 */
public record ScheduledPurge(String taskName, int step, AcrPurgeCommand command, List<Timer> timers) {

    public ScheduledPurge {
        timers = List.copyOf(timers);
    }

    /** An enabled timer trigger: overlapping timers each fire, so a task runs at the union of their times. */
    public record Timer(String name, NCrontab schedule) {
    }

    /** The task's run times in {@code [from, until]}, merged over all its timers, in order and without repeats. */
    public List<Instant> fireTimes(final Instant from, final Instant until) {
        TreeSet<Instant> all = new TreeSet<>();
        for (Timer t : timers) {
            all.addAll(t.schedule().nextFireTimes(from, until));
        }
        return List.copyOf(all);
    }

    /** How a person names this run source: {@code task purge-old-images} or {@code task x (step 2)}. */
    public String label() {
        return "task " + taskName + (step > 1 ? " (step " + step + ")" : "");
    }
}
