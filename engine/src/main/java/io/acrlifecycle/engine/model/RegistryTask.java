package io.acrlifecycle.engine.model;

import java.util.List;

/**
 * An ACR Task read over ARM ({@code 2019-06-01-preview}). {@code encodedTaskYaml} is the decoded
 * {@code step.encodedTaskContent} of an {@code EncodedTask}, or null for other step types (a FileTask's YAML
 * lives in its source context and cannot be read through ARM).
 */
public record RegistryTask(String name, boolean enabled, String stepType, String encodedTaskYaml,
        List<TimerTrigger> timers) {

    public RegistryTask {
        timers = timers == null ? List.of() : List.copyOf(timers);
    }

    /** {@code trigger.timerTriggers[]}: a 5-field NCrontab expression evaluated in UTC. */
    public record TimerTrigger(String name, String schedule, boolean enabled) {
    }
}
