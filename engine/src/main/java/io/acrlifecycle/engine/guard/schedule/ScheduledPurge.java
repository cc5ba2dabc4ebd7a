package io.acrlifecycle.engine.guard.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /** A run time and the index (0-based, in the task's order) of the first timer that fires then. */
    public record Fire(Instant at, int timer) {
    }

    /**
     * The task's runs in {@code [from, until]}, in order: overlapping timers fire once per instant, attributed to the
     * first timer in the task's order (the tie order of the ordered simulation).
     */
    public List<Fire> fires(final Instant from, final Instant until) {
        Map<Instant, Integer> byTime = new TreeMap<>();
        for (int i = 0; i < timers.size(); i++) {
            for (Instant at : timers.get(i).schedule().nextFireTimes(from, until)) {
                byTime.putIfAbsent(at, i);
            }
        }
        return byTime.entrySet().stream().map(e -> new Fire(e.getKey(), e.getValue())).toList();
    }

    /** How a person names this run source: {@code task purge-old-images} or {@code task x (step 2)}. */
    public String label() {
        return "task " + taskName + (step > 1 ? " (step " + step + ")" : "");
    }
}
