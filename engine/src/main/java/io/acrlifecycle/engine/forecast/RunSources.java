package io.acrlifecycle.engine.forecast;

import io.acrlifecycle.engine.guard.schedule.AcrPurgeCommand;
import io.acrlifecycle.engine.guard.schedule.ScheduledPurge;
import io.acrlifecycle.engine.guard.schedule.ScheduledPurge.Fire;
import io.acrlifecycle.engine.guard.schedule.TaskPurgeReport;
import io.acrlifecycle.engine.purge.rules.AcrPurgeArgs;
import io.acrlifecycle.engine.purge.rules.PurgeRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every run source of a window: declared rule sets (run once, at now) and every scheduled acr purge step with the
 * runs of its enabled timers in {@code [now, until]}. A step whose flags cannot be turned into rules is listed in
 * {@code unreadable} (a risk: the caller cannot tell what it deletes).
 */
public record RunSources(List<RunSource> list, List<String> unreadable) {

    public RunSources {
        list = List.copyOf(list);
        unreadable = List.copyOf(unreadable);
    }

    public static RunSources of(final List<PurgeRules> declared, final TaskPurgeReport tasks, final Instant now,
            final Instant until) {
        List<RunSource> list = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (PurgeRules rules : declared) {
            list.add(new RunSource("declared rules " + rules.source() + " (no schedule: treated as running now)",
                    null, 0, rules, List.of(new Fire(now, 0)), false, rules.toString()));
        }
        for (ScheduledPurge p : tasks == null ? List.<ScheduledPurge>of() : tasks.purges()) {
            AcrPurgeCommand c = p.command();
            try {
                PurgeRules rules = PurgeRules.fromAcrPurgeArgs(new AcrPurgeArgs(c.filters(), c.ago(), c.keep(),
                        c.untagged(), c.untaggedOnly(), c.includeLocked()));
                list.add(new RunSource(p.label(), p.taskName(), p.step(), rules, p.fires(now, until), true,
                        c.summary()));
            } catch (IllegalArgumentException e) {
                unreadable.add(p.label() + ": acr purge flags cannot be read: " + e.getMessage());
            }
        }
        return new RunSources(list, unreadable);
    }

    /** The sources that may act on {@code repository}. */
    public List<RunSource> selecting(final String repository) {
        return list.stream().filter(s -> s.rules().selectsRepository(repository)).toList();
    }

    /** Every run of {@code sources}, in the order they happen ({@link Run#ORDER}). */
    public static List<Run> runs(final List<RunSource> sources) {
        List<Run> runs = new ArrayList<>();
        for (RunSource s : sources) {
            s.fires().forEach(f -> runs.add(new Run(f.at(), s, f.timer())));
        }
        runs.sort(Run.ORDER);
        return runs;
    }
}
