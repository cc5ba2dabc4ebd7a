package io.acrlifecycle.emulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Reads the seed's {@code registry} and {@code tasks} sections and the persisted ARM state into a {@link RegistryResource}. */
final class RegistrySeed {
    private static final Set<String> REGISTRY_FIELDS = Set.of("sku", "softDelete", "retention", "geoReplicated",
            "zoneRedundant", "anonymousPull", "adminUserEnabled", "location", "replicaLocations");
    private static final Set<String> TASK_FIELDS = Set.of("name", "cmd", "yaml", "encodedTaskContent",
            "encodedValuesContent", "schedule", "status", "stepType", "taskFilePath", "dockerFilePath", "contextPath",
            "timeout", "baseImageTrigger", "timerStatus");

    private RegistrySeed() {
    }

    static void apply(RegistryResource r, JsonNode registry, JsonNode tasks, Instant now) {
        if (registry != null && !registry.isNull() && !registry.isMissingNode()) {
            applyRegistry(r, object(registry, "registry"), now);
        }
        if (tasks != null && !tasks.isNull() && !tasks.isMissingNode()) {
            if (!tasks.isArray()) {
                throw new IllegalArgumentException("tasks: must be a JSON array of {name, cmd|yaml|encodedTaskContent, schedule, status}");
            }
            for (JsonNode t : tasks) {
                r.putTask(seedTask(object(t, "tasks[]"), now));
            }
        }
    }

    private static void applyRegistry(RegistryResource r, JsonNode reg, Instant now) {
        checkFields(reg, "registry", REGISTRY_FIELDS);
        if (reg.has("sku")) {
            r.setSku(Skus.normalize("registry.sku", ArmJson.text(reg, "sku")));
        }
        if (reg.has("location")) {
            r.setLocation(ArmJson.text(reg, "location"));
        }
        if (reg.has("softDelete")) {
            JsonNode sd = object(reg.get("softDelete"), "registry.softDelete");
            checkFields(sd, "registry.softDelete", Set.of("enabled", "retentionDays"));
            r.setSoftDelete(bool(sd, "registry.softDelete", "enabled", r.softDeleteEnabled()),
                    integer(sd, "registry.softDelete", "retentionDays", r.softDeleteRetentionDays()), now);
        }
        if (reg.has("retention")) {
            JsonNode ret = object(reg.get("retention"), "registry.retention");
            checkFields(ret, "registry.retention", Set.of("enabled", "days"));
            r.setRetention(bool(ret, "registry.retention", "enabled", r.retentionEnabled()),
                    integer(ret, "registry.retention", "days", r.retentionDays()), now);
        }
        if (reg.has("replicaLocations")) {
            r.setReplicaLocations(strings(reg.get("replicaLocations"), "registry.replicaLocations"));
        }
        r.setGeoReplicated(bool(reg, "registry", "geoReplicated", r.geoReplicated()));
        r.setZoneRedundant(bool(reg, "registry", "zoneRedundant", r.zoneRedundant()));
        r.setAnonymousPullEnabled(bool(reg, "registry", "anonymousPull", r.anonymousPullEnabled()));
        r.setAdminUserEnabled(bool(reg, "registry", "adminUserEnabled", r.adminUserEnabled()));
    }

    private static TaskResource seedTask(JsonNode t, Instant now) {
        String name = ArmJson.text(t, "name");
        String where = "tasks[" + name + "]";
        checkFields(t, where, TASK_FIELDS);
        int timeout = integer(t, where, "timeout", TaskResource.DEFAULT_TIMEOUT);
        String stepType = ArmJson.text(t, "stepType");
        String encoded = null;
        int sources = (t.has("cmd") ? 1 : 0) + (t.has("yaml") ? 1 : 0) + (t.has("encodedTaskContent") ? 1 : 0);
        if (sources > 1) {
            throw new IllegalArgumentException(where + ": give only one of cmd, yaml, encodedTaskContent");
        }
        if (t.has("cmd")) {
            encoded = TaskResource.encode(TaskResource.yamlForCommand(ArmJson.text(t, "cmd"), timeout));
        } else if (t.has("yaml")) {
            encoded = TaskResource.encode(ArmJson.text(t, "yaml"));
        } else if (t.has("encodedTaskContent")) {
            encoded = ArmJson.text(t, "encodedTaskContent");
        }
        boolean encodedStep = stepType == null || TaskResource.ENCODED_TASK.equalsIgnoreCase(stepType);
        if (!encodedStep && sources > 0) {
            throw new IllegalArgumentException(where + ": cmd, yaml and encodedTaskContent apply to stepType EncodedTask"
                    + " only; a " + stepType + " step reads its definition from the source context");
        }
        boolean file = TaskResource.FILE_TASK.equalsIgnoreCase(String.valueOf(stepType));
        boolean docker = TaskResource.DOCKER.equalsIgnoreCase(String.valueOf(stepType));
        List<String> schedules = t.has("schedule") ? strings(t.get("schedule"), where + ".schedule") : List.of();
        String timerStatus = TaskResource.enabledOrDisabled(where + ".timerStatus", ArmJson.text(t, "timerStatus"));
        return new TaskResource(name, ArmJson.text(t, "status"), stepType,
                encodedStep ? encoded : null,
                ArmJson.text(t, "encodedValuesContent"),
                file ? textOr(t, "taskFilePath", "acb.yaml") : null,
                docker ? textOr(t, "dockerFilePath", "Dockerfile") : null,
                encodedStep ? ArmJson.text(t, "contextPath")
                        : textOr(t, "contextPath", "https://github.com/example/acr-tasks.git"),
                TaskResource.timers(schedules, timerStatus),
                bool(t, where, "baseImageTrigger", true), timeout, now);
    }

    static void load(RegistryResource r, JsonNode s) {
        r.setLocation(textOr(s, "location", RegistryResource.DEFAULT_LOCATION));
        r.setSku(textOr(s, "sku", "Premium"));
        JsonNode sd = s.path("softDelete");
        r.setSoftDelete(sd.path("enabled").asBoolean(false),
                sd.path("retentionDays").asInt(RegistryResource.DEFAULT_SOFT_DELETE_DAYS), null);
        JsonNode ret = s.path("retention");
        r.restoreRetention(ret.path("enabled").asBoolean(false),
                ret.path("days").asInt(RegistryResource.DEFAULT_RETENTION_DAYS));
        r.restore(ArmJson.instant(s, "creationDate"), ArmJson.instant(sd, "lastUpdatedTime"),
                ArmJson.instant(ret, "enabledAt"), ArmJson.instant(ret, "lastUpdatedTime"));
        if (s.has("replicaLocations")) {
            r.setReplicaLocations(strings(s.get("replicaLocations"), "replicaLocations"));
        }
        r.setGeoReplicated(s.path("geoReplicated").asBoolean(false));
        r.setZoneRedundant(s.path("zoneRedundant").asBoolean(false));
        r.setAnonymousPullEnabled(s.path("anonymousPull").asBoolean(false));
        r.setAdminUserEnabled(s.path("adminUserEnabled").asBoolean(true));
        Iterator<String> names = s.path("policies").fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            r.setPolicyStatus(name, s.path("policies").path(name).asText());
        }
        for (JsonNode t : s.path("tasks")) {
            r.putTask(TaskJson.fromPersisted(t));
        }
    }

    static JsonNode object(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": must be a JSON object");
        }
        return node;
    }

    private static void checkFields(JsonNode node, String where, Set<String> accepted) {
        node.fieldNames().forEachRemaining(f -> {
            if (!accepted.contains(f)) {
                throw new IllegalArgumentException(where + "." + f + ": unknown field; accepted: "
                        + String.join(", ", accepted.stream().sorted().toList()));
            }
        });
    }

    private static boolean bool(JsonNode node, String where, String field, boolean dflt) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(where + "." + field + ": '" + v + "' is not valid; accepted: true, false");
        }
        return v.booleanValue();
    }

    private static int integer(JsonNode node, String where, String field, int dflt) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(where + "." + field + ": '" + v + "' is not valid; accepted: a whole number");
        }
        return v.intValue();
    }

    private static List<String> strings(JsonNode v, String where) {
        if (v.isTextual()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException(where + ": must be a string or a list of strings");
        }
        List<String> out = new ArrayList<>();
        v.forEach(e -> {
            if (!e.isTextual()) {
                throw new IllegalArgumentException(where + ": '" + e + "' is not a string");
            }
            out.add(e.asText());
        });
        return out;
    }

    private static String textOr(JsonNode node, String field, String dflt) {
        String s = ArmJson.text(node, field);
        return s == null ? dflt : s;
    }
}
