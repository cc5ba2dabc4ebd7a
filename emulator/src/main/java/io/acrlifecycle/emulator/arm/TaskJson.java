package io.acrlifecycle.emulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** A {@link TaskResource} as ARM shows it (RMJ {@code Task}, spec example TasksList) and as the state file keeps it. */
final class TaskJson {
    private TaskJson() {
    }

    static ObjectNode arm(TaskResource t, String registryId, String location) {
        ObjectNode task = ArmJson.MAPPER.createObjectNode();
        task.put("id", registryId + "/tasks/" + t.name());
        task.put("name", t.name());
        task.put("type", "Microsoft.ContainerRegistry/registries/tasks");
        task.put("location", location);
        ObjectNode p = task.putObject("properties");
        p.put("provisioningState", "Succeeded");
        p.put("creationDate", ArmJson.format(t.creationDate()));
        p.put("status", t.status());
        ObjectNode platform = p.putObject("platform");
        platform.put("os", "linux");
        platform.put("architecture", "amd64");
        p.putObject("agentConfiguration").put("cpu", 2);
        p.put("timeout", t.timeoutSeconds());
        p.put("isSystemTask", false);
        p.set("step", step(t));
        ObjectNode trigger = p.putObject("trigger");
        if (!t.timers().isEmpty()) {
            ArrayNode timers = trigger.putArray("timerTriggers");
            for (TaskResource.Timer timer : t.timers()) {
                ObjectNode tt = timers.addObject();
                tt.put("name", timer.name());
                tt.put("schedule", timer.schedule());
                tt.put("status", timer.status());
            }
        }
        if (t.baseImageTrigger()) {
            ObjectNode base = trigger.putObject("baseImageTrigger");
            base.put("name", "defaultBaseimageTriggerName");
            base.put("status", "Enabled");
            base.put("baseImageTriggerType", "Runtime");
            base.put("updateTriggerPayloadType", "Default");
        }
        p.putObject("credentials");
        return task;
    }

    private static ObjectNode step(TaskResource t) {
        ObjectNode step = ArmJson.MAPPER.createObjectNode();
        step.put("type", t.stepType());
        switch (t.stepType()) {
            case TaskResource.ENCODED_TASK -> {
                step.put("encodedTaskContent", t.encodedTaskContent());
                if (t.encodedValuesContent() != null) {
                    step.put("encodedValuesContent", t.encodedValuesContent());
                }
                step.putArray("values");
            }
            case TaskResource.FILE_TASK -> {
                step.put("taskFilePath", t.taskFilePath());
                step.putArray("values");
            }
            default -> {
                step.putArray("imageNames");
                step.put("isPushEnabled", true);
                step.put("noCache", false);
                step.put("dockerFilePath", t.dockerFilePath());
                step.putArray("arguments");
            }
        }
        if (t.contextPath() != null) {
            step.put("contextPath", t.contextPath());
        }
        return step;
    }

    static ObjectNode persisted(TaskResource t) {
        ObjectNode n = ArmJson.MAPPER.createObjectNode();
        n.put("name", t.name());
        n.put("status", t.status());
        n.put("stepType", t.stepType());
        n.put("encodedTaskContent", t.encodedTaskContent());
        n.put("encodedValuesContent", t.encodedValuesContent());
        n.put("taskFilePath", t.taskFilePath());
        n.put("dockerFilePath", t.dockerFilePath());
        n.put("contextPath", t.contextPath());
        ArrayNode timers = n.putArray("timers");
        for (TaskResource.Timer timer : t.timers()) {
            timers.addObject().put("name", timer.name()).put("schedule", timer.schedule()).put("status", timer.status());
        }
        n.put("baseImageTrigger", t.baseImageTrigger());
        n.put("timeout", t.timeoutSeconds());
        n.put("creationDate", ArmJson.format(t.creationDate()));
        return n;
    }

    static TaskResource fromPersisted(JsonNode n) {
        List<TaskResource.Timer> timers = new ArrayList<>();
        for (JsonNode timer : n.path("timers")) {
            timers.add(new TaskResource.Timer(ArmJson.text(timer, "name"), ArmJson.text(timer, "schedule"),
                    ArmJson.text(timer, "status")));
        }
        return new TaskResource(ArmJson.text(n, "name"), ArmJson.text(n, "status"), ArmJson.text(n, "stepType"),
                ArmJson.text(n, "encodedTaskContent"), ArmJson.text(n, "encodedValuesContent"),
                ArmJson.text(n, "taskFilePath"), ArmJson.text(n, "dockerFilePath"), ArmJson.text(n, "contextPath"),
                timers, n.path("baseImageTrigger").asBoolean(false), n.path("timeout").asInt(TaskResource.DEFAULT_TIMEOUT),
                ArmJson.instant(n, "creationDate"));
    }
}
