package io.acrlifecycle.engine.forecast;

import io.acrlifecycle.engine.guard.schedule.ScheduledPurge.Fire;
import io.acrlifecycle.engine.purge.rules.PurgeRules;
import java.util.List;

/**
 * Something that will run a purge: a scheduled ACR task step ({@code acrPurge}: the real acr purge runs it, with its
 * known hole around locked indexes; {@code task} and {@code step} name it) or declared rules ({@code task} null:
 * they have no schedule and run once, now). {@code fires} are its runs in the window, in order.
 */
public record RunSource(String label, String task, int step, PurgeRules rules, List<Fire> fires, boolean acrPurge,
        String summary) {

    public RunSource {
        fires = List.copyOf(fires);
    }

    /** True for declared rules, which run before any task at the same instant. */
    public boolean declared() {
        return task == null;
    }
}
