package io.acrlifecycle.engine.registry;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.engine.json.Json;
import io.acrlifecycle.engine.model.PolicyChange;
import io.acrlifecycle.engine.model.RegistryPolicies;
import io.acrlifecycle.engine.model.RegistryTask;
import io.acrlifecycle.engine.model.RegistryUsage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ARM subset, as raw REST on a pipeline with {@code BearerTokenAuthenticationPolicy(<arm>/.default)}.
 * Raw because no Java management SDK carries {@code policies.softDeletePolicy}: it exists only in preview
 * api-versions, and a stable-version write on a soft-delete registry is refused (acr-facts §3.4), so registry GET
 * and PATCH use {@link #REGISTRY_API}. Tasks use {@code 2019-06-01-preview} like the ARM SDK and az CLI.
 */
final class ArmClient {
    /** A preview version that carries softDeletePolicy (any from 2022-02-01-preview on does). */
    static final String REGISTRY_API = "2023-01-01-preview";
    static final String TASKS_API = "2019-06-01-preview";
    private static final int POLLS = 30;
    private static final long POLL_INTERVAL_MS = 2000;

    private final Rest rest;
    private final String resourceId;

    ArmClient(Rest rest, String resourceId) {
        this.rest = rest;
        this.resourceId = resourceId;
    }

    RegistryPolicies policies() {
        Operation op = new Operation("read registry policies (ARM GET " + REGISTRY_API + ")", null,
                Operation.Kind.ARM_READ);
        JsonNode registry = rest.getJson(resourceId + "?api-version=" + REGISTRY_API, op);
        return toPolicies(registry, geoReplicated(registry));
    }

    RegistryPolicies update(PolicyChange change) {
        Operation op = new Operation("update registry policies (ARM PATCH " + REGISTRY_API + ")", null,
                Operation.Kind.ARM_WRITE);
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode policies = body.putObject("properties").putObject("policies");
        if (change.softDeleteEnabled() != null || change.softDeleteRetentionDays() != null) {
            ObjectNode sd = policies.putObject("softDeletePolicy");
            if (change.softDeleteEnabled() != null) {
                sd.put("status", change.softDeleteEnabled() ? "enabled" : "disabled");
            }
            if (change.softDeleteRetentionDays() != null) {
                sd.put("retentionDays", change.softDeleteRetentionDays());
            }
        }
        if (change.retentionEnabled() != null || change.retentionDays() != null) {
            ObjectNode rp = policies.putObject("retentionPolicy");
            if (change.retentionEnabled() != null) {
                rp.put("status", change.retentionEnabled() ? "enabled" : "disabled");
            }
            if (change.retentionDays() != null) {
                rp.put("days", change.retentionDays());
            }
        }
        Rest.Answer a = rest.send(HttpMethod.PATCH, resourceId + "?api-version=" + REGISTRY_API, null,
                "application/json", Json.write(body).getBytes(StandardCharsets.UTF_8), op, Set.of(200, 201, 202));
        if (a.status() != 200) {
            awaitProvisioning(op);
        }
        // Read back rather than trusting the PATCH answer: a 202 carries no body, and the caller verifies anyway.
        return policies();
    }

    /** ARM's long-running PATCH: poll the registry until provisioningState settles (bounded: 30 x 2 s). */
    private void awaitProvisioning(Operation op) {
        for (int i = 0; i < POLLS; i++) {
            JsonNode registry = rest.getJson(resourceId + "?api-version=" + REGISTRY_API, op);
            String state = registry.path("properties").path("provisioningState").asText("Succeeded");
            if (state.equalsIgnoreCase("Succeeded")) {
                return;
            }
            if (state.equalsIgnoreCase("Failed") || state.equalsIgnoreCase("Canceled")) {
                throw new RegistryException(RegistryErrors.where(rest.registry(), op) + " failed: ARM reports "
                        + "provisioningState " + state + ". Check the registry's activity log in the portal.", 200,
                        state, null);
            }
            try {
                Thread.sleep(POLL_INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the registry update", e);
            }
        }
        throw new RegistryException(RegistryErrors.where(rest.registry(), op) + " did not finish: provisioningState"
                + " is still not Succeeded after " + POLLS * POLL_INTERVAL_MS / 1000 + " s; check the registry later.",
                202, null, null);
    }

    List<RegistryTask> tasks() {
        Operation op = new Operation("list registry tasks (ARM " + TASKS_API + ")", null, Operation.Kind.ARM_READ);
        List<RegistryTask> out = new ArrayList<>();
        String next = resourceId + "/tasks?api-version=" + TASKS_API;
        for (int page = 0; next != null && page < 1000; page++) {
            JsonNode body = rest.getJson(next, op);
            for (JsonNode t : body.path("value")) {
                out.add(toTask(t));
            }
            String link = body.path("nextLink").asText(null);
            next = link == null || link.isBlank() || body.path("value").isEmpty() ? null : pathOf(link);
        }
        return out;
    }

    List<RegistryUsage> usages() {
        Operation op = new Operation("list registry usages (ARM listUsages)", null, Operation.Kind.ARM_READ);
        JsonNode body = rest.getJson(resourceId + "/listUsages?api-version=" + REGISTRY_API, op);
        List<RegistryUsage> out = new ArrayList<>();
        for (JsonNode u : body.path("value")) {
            out.add(new RegistryUsage(u.path("name").asText(), u.path("limit").asLong(),
                    u.path("currentValue").asLong(), u.path("unit").asText(null)));
        }
        return out;
    }

    /**
     * Geo-replication lives in child resources, not in the registry body: more than one replication (the home
     * region counts as one) means geo-replicated. A registry that is not Premium cannot have replicas.
     */
    private boolean geoReplicated(JsonNode registry) {
        if (!"Premium".equalsIgnoreCase(registry.path("sku").path("name").asText())) {
            return false;
        }
        Operation op = new Operation("list registry replications (ARM)", null, Operation.Kind.ARM_READ);
        JsonNode body = rest.getJson(resourceId + "/replications?api-version=" + REGISTRY_API, op);
        String home = registry.path("location").asText("");
        int others = 0;
        for (JsonNode r : body.path("value")) {
            if (!home.equalsIgnoreCase(r.path("location").asText(""))) {
                others++;
            }
        }
        return others > 0 || body.path("value").size() > 1;
    }

    static RegistryPolicies toPolicies(JsonNode registry, boolean geoReplicated) {
        JsonNode props = registry.path("properties");
        JsonNode sd = props.path("policies").path("softDeletePolicy");
        JsonNode rp = props.path("policies").path("retentionPolicy");
        return new RegistryPolicies(registry.path("sku").path("name").asText(null),
                "enabled".equalsIgnoreCase(sd.path("status").asText("disabled")),
                sd.path("retentionDays").asInt(7),
                "enabled".equalsIgnoreCase(rp.path("status").asText("disabled")),
                rp.path("days").asInt(7),
                geoReplicated,
                "enabled".equalsIgnoreCase(props.path("zoneRedundancy").asText("Disabled")));
    }

    static RegistryTask toTask(JsonNode t) {
        JsonNode props = t.path("properties");
        JsonNode step = props.path("step");
        String type = step.path("type").asText(null);
        String yaml = null;
        if ("EncodedTask".equalsIgnoreCase(type) && step.hasNonNull("encodedTaskContent")) {
            String encoded = step.get("encodedTaskContent").asText().replaceAll("\\s", "");
            try {
                yaml = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                yaml = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            }
        }
        List<RegistryTask.TimerTrigger> timers = new ArrayList<>();
        for (JsonNode timer : props.path("trigger").path("timerTriggers")) {
            timers.add(new RegistryTask.TimerTrigger(timer.path("name").asText(null),
                    timer.path("schedule").asText(null),
                    !"disabled".equals(timer.path("status").asText("Enabled").toLowerCase(Locale.ROOT))));
        }
        return new RegistryTask(t.path("name").asText(null),
                !"disabled".equals(props.path("status").asText("Enabled").toLowerCase(Locale.ROOT)), type, yaml,
                timers);
    }

    private static String pathOf(String link) {
        if (link.startsWith("http")) {
            java.net.URI u = java.net.URI.create(link);
            return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        }
        return link;
    }
}
