package io.acrlifecycle.emulator.arm;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * An ACR task ({@code Microsoft.ContainerRegistry/registries/tasks}) as the emulator stores it.
 *
 * @param name                 task name (ARM treats it case-insensitively)
 * @param status               {@code Enabled} or {@code Disabled}
 * @param stepType             {@code EncodedTask}, {@code FileTask} or {@code Docker}
 * @param encodedTaskContent   base64 YAML (EncodedTask only, else null)
 * @param encodedValuesContent base64 values YAML (EncodedTask, optional)
 * @param taskFilePath         FileTask: the YAML's path in the source context (not readable through ARM)
 * @param dockerFilePath       Docker: the Dockerfile's path in the source context
 * @param contextPath          FileTask/Docker source context (a git URL)
 * @param timers               {@code trigger.timerTriggers}, in order
 * @param baseImageTrigger     whether {@code trigger.baseImageTrigger} is present and enabled (az's default)
 * @param timeoutSeconds       run timeout, 3600 by default
 * @param creationDate         when it was created
 */
public record TaskResource(String name, String status, String stepType, String encodedTaskContent,
        String encodedValuesContent, String taskFilePath, String dockerFilePath, String contextPath,
        List<Timer> timers, boolean baseImageTrigger, int timeoutSeconds, Instant creationDate) {

    public static final String ENCODED_TASK = "EncodedTask";
    public static final String FILE_TASK = "FileTask";
    public static final String DOCKER = "Docker";
    public static final int DEFAULT_TIMEOUT = 3600;

    /** A timer trigger: {@code {"name","schedule","status"}}; schedule is a 5-field UTC cron. */
    public record Timer(String name, String schedule, String status) {
    }

    public TaskResource {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("task name: must not be empty");
        }
        status = enabledOrDisabled("task " + name + " status", status);
        stepType = stepType(name, stepType);
        if (ENCODED_TASK.equals(stepType) && (encodedTaskContent == null || encodedTaskContent.isBlank())) {
            throw new IllegalArgumentException("task " + name + ": an EncodedTask needs cmd, yaml or encodedTaskContent");
        }
        timers = List.copyOf(timers == null ? List.of() : timers);
        if (timeoutSeconds <= 0) {
            timeoutSeconds = DEFAULT_TIMEOUT;
        }
    }

    /** az's {@code --cmd} template ({@code _utils.get_yaml_template}), as stored by {@code az acr task create --cmd}. */
    public static String yamlForCommand(String cmd, int timeoutSeconds) {
        return "version: v1.1.0\nsteps:\n  - cmd: " + cmd + "\n    disableWorkingDirectoryOverride: true\n    timeout: "
                + timeoutSeconds + "\n";
    }

    public static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Timers named like az names them: {@code t1}, {@code t2}, ... */
    public static List<Timer> timers(List<String> schedules, String status) {
        List<Timer> out = new ArrayList<>();
        for (String schedule : schedules) {
            out.add(new Timer("t" + (out.size() + 1), schedule, status));
        }
        return out;
    }

    /** A task made like {@code az acr task create --cmd CMD --schedule CRON --context /dev/null}. */
    public static TaskResource fromCommand(String name, String cmd, List<String> schedules, String status, Instant now) {
        String yaml = yamlForCommand(cmd, DEFAULT_TIMEOUT);
        return fromYaml(name, yaml, schedules, status, now);
    }

    /** A task made from a YAML file ({@code az acr task create -f task.yaml --context /dev/null}). */
    public static TaskResource fromYaml(String name, String yaml, List<String> schedules, String status, Instant now) {
        return new TaskResource(name, status, ENCODED_TASK, encode(yaml), null, null, null, null,
                timers(schedules, "Enabled"), true, DEFAULT_TIMEOUT, now);
    }

    /** The decoded task YAML of an EncodedTask, null for other step types. */
    public String yaml() {
        if (encodedTaskContent == null) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(encodedTaskContent.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String enabledOrDisabled(String field, String value) {
        if (value == null) {
            return "Enabled";
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "enabled" -> "Enabled";
            case "disabled" -> "Disabled";
            default -> throw new IllegalArgumentException(field + ": '" + value + "' is not valid; accepted: Enabled, Disabled");
        };
    }

    private static String stepType(String name, String value) {
        if (value == null) {
            return ENCODED_TASK;
        }
        for (String known : List.of(ENCODED_TASK, FILE_TASK, DOCKER)) {
            if (known.equalsIgnoreCase(value)) {
                return known;
            }
        }
        throw new IllegalArgumentException("task " + name + " stepType: '" + value
                + "' is not valid; accepted: EncodedTask, FileTask, Docker");
    }
}
