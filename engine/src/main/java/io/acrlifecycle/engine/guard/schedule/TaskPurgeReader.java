package io.acrlifecycle.engine.guard.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.acrlifecycle.engine.guard.schedule.TaskNote.Kind;
import io.acrlifecycle.engine.model.RegistryTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the registry's ACR tasks (read over ARM) into scheduled purges: decodes each EncodedTask's YAML, finds every
 * {@code steps[].cmd} that runs {@code acr purge}, and attaches the task's enabled NCrontab timers. Whatever cannot be
 * read is reported as a {@link TaskNote}, never ignored.
 */
public final class TaskPurgeReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String loginServer;

    /** {@code loginServer} renders {@code {{.Run.Registry}}} and tells this registry from others; may be null. */
    public TaskPurgeReader(final String loginServer) {
        this.loginServer = loginServer;
    }

    public TaskPurgeReport read(final List<RegistryTask> tasks) {
        List<ScheduledPurge> purges = new ArrayList<>();
        List<TaskNote> notes = new ArrayList<>();
        for (RegistryTask task : tasks) {
            readTask(task, purges, notes);
        }
        return new TaskPurgeReport(purges, notes);
    }

    private void readTask(final RegistryTask task, final List<ScheduledPurge> purges, final List<TaskNote> notes) {
        String name = task.name();
        if (!task.enabled()) {
            notes.add(new TaskNote(name, Kind.DISABLED, "task " + name + " is disabled: skipped"));
            return;
        }
        String type = task.stepType() == null ? "unknown" : task.stepType();
        if (type.equals("Docker")) {
            notes.add(new TaskNote(name, Kind.DOCKER_BUILD, "task " + name + " is a Docker build step; its"
                    + " Dockerfile cannot be read through ARM and it is assumed not to run acr purge"));
            return;
        }
        if (!type.equals("EncodedTask") || task.encodedTaskYaml() == null) {
            notes.add(new TaskNote(name, Kind.NOT_READABLE_THROUGH_ARM, "task " + name + " is a " + type
                    + " step: its YAML lives in the source context and cannot be read through ARM; if it runs"
                    + " acr purge, check it by hand"));
            return;
        }
        List<ScheduledPurge.Timer> timers = timers(task, notes);
        List<String> commands;
        try {
            commands = commands(task.encodedTaskYaml());
        } catch (IllegalArgumentException e) {
            notes.add(new TaskNote(name, Kind.UNREADABLE, "task " + name + ": YAML cannot be read: "
                    + e.getMessage()));
            return;
        }
        for (int i = 0; i < commands.size(); i++) {
            readStep(name, i + 1, commands.get(i), timers, purges, notes);
        }
    }

    private void readStep(final String task, final int step, final String cmd, final List<ScheduledPurge.Timer> timers,
            final List<ScheduledPurge> purges, final List<TaskNote> notes) {
        String where = "task " + task + " step " + step;
        Optional<AcrPurgeCommand> parsed;
        try {
            parsed = AcrPurgeCommandParser.parse(cmd);
        } catch (IllegalArgumentException e) {
            notes.add(new TaskNote(task, Kind.UNREADABLE, where + ": acr purge command cannot be read: "
                    + e.getMessage()));
            return;
        }
        if (parsed.isEmpty()) {
            return; // a step that does not run acr purge cannot delete anything through purge
        }
        AcrPurgeCommand command = parsed.get();
        if (!command.unknownFlags().isEmpty()) {
            notes.add(new TaskNote(task, Kind.UNKNOWN_FLAGS, where + ": unknown flags " + command.unknownFlags()
                    + " ignored (acr purge itself may refuse them); simulated with the known flags"));
        }
        if (isOtherRegistry(command.registry())) {
            notes.add(new TaskNote(task, Kind.OTHER_REGISTRY, where + ": purges registry " + command.registry()
                    + ", not " + loginServer + ": skipped"));
        } else if (command.dryRun()) {
            notes.add(new TaskNote(task, Kind.DRY_RUN, where + ": acr purge --dry-run deletes nothing: skipped"));
        } else if (!command.startupErrors().isEmpty()) {
            notes.add(new TaskNote(task, Kind.WILL_NOT_START, where + ": acr purge refuses to start ("
                    + String.join("; ", command.startupErrors()) + "), so its runs delete nothing"));
        } else if (timers.isEmpty()) {
            notes.add(new TaskNote(task, Kind.NOT_SCHEDULED, where + ": runs acr purge (" + command.summary()
                    + ") but has no enabled timer; it runs only when triggered by hand or by a commit/base image"));
        } else {
            purges.add(new ScheduledPurge(task, step, command, timers));
        }
    }

    private static List<ScheduledPurge.Timer> timers(final RegistryTask task, final List<TaskNote> notes) {
        List<ScheduledPurge.Timer> timers = new ArrayList<>();
        for (RegistryTask.TimerTrigger t : task.timers()) {
            if (!t.enabled()) {
                notes.add(new TaskNote(task.name(), Kind.DISABLED, "task " + task.name() + ": timer " + t.name()
                        + " (" + t.schedule() + ") is disabled: skipped"));
                continue;
            }
            try {
                timers.add(new ScheduledPurge.Timer(t.name(), NCrontab.parse(t.schedule())));
            } catch (IllegalArgumentException e) {
                notes.add(new TaskNote(task.name(), Kind.UNREADABLE, "task " + task.name() + ": timer " + t.name()
                        + " cannot be read: " + e.getMessage()));
            }
        }
        return timers;
    }

    private List<String> commands(final String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(render(yaml));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(firstLine(e.getOriginalMessage()) + locationOf(e), e);
        }
        if (root == null || !root.path("steps").isArray()) {
            throw new IllegalArgumentException("no 'steps:' list (expected version: v1.1.0 / steps: / - cmd: ...)");
        }
        List<String> commands = new ArrayList<>();
        int index = 0;
        for (JsonNode step : root.get("steps")) {
            index++;
            JsonNode cmd = step.get("cmd");
            if (cmd == null) {
                commands.add(""); // a build or push step: keeps the step numbering
            } else if (!cmd.isTextual()) {
                throw new IllegalArgumentException("steps[" + (index - 1) + "].cmd is not a string");
            } else {
                commands.add(cmd.asText());
            }
        }
        return commands;
    }

    // ACR renders Go templates before parsing the YAML; we render the ones a purge step uses.
    private String render(final String yaml) {
        if (loginServer == null) {
            return yaml;
        }
        String registryName = loginServer.split("\\.")[0];
        return yaml.replaceAll("\\{\\{\\s*\\.Run\\.Registry\\s*}}", loginServer)
                .replaceAll("\\{\\{\\s*\\.Run\\.RegistryName\\s*}}", registryName)
                .replace("$RegistryName", registryName)
                .replace("$Registry", loginServer);
    }

    private boolean isOtherRegistry(final String registry) {
        if (registry == null || loginServer == null || registry.contains("{{") || registry.startsWith("$")) {
            return false;
        }
        String r = registry.toLowerCase(Locale.ROOT);
        String l = loginServer.toLowerCase(Locale.ROOT);
        return !r.equals(l) && !l.startsWith(r + ".");
    }

    private static String firstLine(final String text) {
        return text == null ? "invalid YAML" : text.lines().findFirst().orElse(text);
    }

    private static String locationOf(final JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }
}
