package io.acrlifecycle.emulator.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The registry resource, its replications and its usages as ARM shows them (SPEC-ARM {@code Registry}, RMJ). */
final class RegistryJson {
    private RegistryJson() {
    }

    static ObjectNode registry(RegistryResource r, String id, String name, String loginServer, String apiVersion) {
        ObjectNode root = ArmJson.MAPPER.createObjectNode();
        root.putObject("sku").put("name", r.sku()).put("tier", r.sku());
        root.put("type", "Microsoft.ContainerRegistry/registries");
        root.put("id", id);
        root.put("name", name);
        root.put("location", r.location());
        root.putObject("tags");
        ObjectNode p = root.putObject("properties");
        p.put("loginServer", loginServer);
        putTime(p, "creationDate", r.creationDate());
        p.put("provisioningState", "Succeeded");
        p.put("adminUserEnabled", r.adminUserEnabled());
        ObjectNode policies = p.putObject("policies");
        policies.putObject("quarantinePolicy").put("status", r.policyStatus("quarantinePolicy"));
        policies.putObject("trustPolicy").put("type", "Notary").put("status", r.policyStatus("trustPolicy"));
        ObjectNode retention = policies.putObject("retentionPolicy");
        retention.put("days", r.retentionDays());
        putTime(retention, "lastUpdatedTime", r.retentionLastUpdated());
        retention.put("status", status(r.retentionEnabled()));
        policies.putObject("exportPolicy").put("status", r.policyStatus("exportPolicy"));
        policies.putObject("azureADAuthenticationAsArmPolicy").put("status", r.policyStatus("azureADAuthenticationAsArmPolicy"));
        if (ApiVersions.hasSoftDeletePolicy(apiVersion)) {
            ObjectNode softDelete = policies.putObject("softDeletePolicy");
            softDelete.put("retentionDays", r.softDeleteRetentionDays());
            putTime(softDelete, "lastUpdatedTime", r.softDeleteLastUpdated());
            softDelete.put("status", status(r.softDeleteEnabled()));
        }
        p.putObject("encryption").put("status", "disabled");
        p.put("dataEndpointEnabled", false);
        p.putArray("dataEndpointHostNames");
        p.putArray("privateEndpointConnections");
        p.put("publicNetworkAccess", "Enabled");
        p.put("networkRuleBypassOptions", "AzureServices");
        p.put("zoneRedundancy", r.zoneRedundant() ? "Enabled" : "Disabled");
        p.put("anonymousPullEnabled", r.anonymousPullEnabled());
        return root;
    }

    static ObjectNode replication(RegistryResource r, String registryId, String location) {
        ObjectNode rep = ArmJson.MAPPER.createObjectNode();
        rep.put("id", registryId + "/replications/" + location);
        rep.put("name", location);
        rep.put("type", "Microsoft.ContainerRegistry/registries/replications");
        rep.put("location", location);
        rep.putObject("tags");
        ObjectNode p = rep.putObject("properties");
        p.put("provisioningState", "Succeeded");
        p.putObject("status").put("displayStatus", "Ready");
        p.put("regionEndpointEnabled", true);
        p.put("zoneRedundancy", r.zoneRedundant() ? "Enabled" : "Disabled");
        return rep;
    }

    static ObjectNode replications(RegistryResource r, String registryId) {
        ObjectNode root = ArmJson.MAPPER.createObjectNode();
        ArrayNode value = root.putArray("value");
        for (String location : r.replicationLocations()) {
            value.add(replication(r, registryId, location));
        }
        return root;
    }

    /**
     * {@code listUsages}: included storage by SKU against current bytes; the other quotas the emulator does not
     * model (webhooks, scope maps, tokens) report their tier limit and 0 used.
     */
    static ObjectNode usages(RegistryResource r, long storageBytes) {
        String sku = r.sku();
        ObjectNode root = ArmJson.MAPPER.createObjectNode();
        ArrayNode value = root.putArray("value");
        usage(value, "Size", Skus.includedStorageBytes(sku), storageBytes, "Bytes");
        usage(value, "Webhooks", Skus.webhookLimit(sku), 0, "Count");
        usage(value, "ScopeMaps", Skus.scopeMapAndTokenLimit(sku), 0, "Count");
        usage(value, "Tokens", Skus.scopeMapAndTokenLimit(sku), 0, "Count");
        return root;
    }

    static ObjectNode tasks(List<TaskResource> tasks, String registryId, String location) {
        ObjectNode root = ArmJson.MAPPER.createObjectNode();
        ArrayNode value = root.putArray("value");
        tasks.forEach(t -> value.add(TaskJson.arm(t, registryId, location)));
        return root;
    }

    private static void usage(ArrayNode value, String name, long limit, long current, String unit) {
        value.addObject().put("name", name).put("limit", limit).put("currentValue", current).put("unit", unit);
    }

    private static void putTime(ObjectNode node, String field, java.time.Instant t) {
        if (t != null) {
            node.put(field, ArmJson.format(t));
        }
    }

    static String status(boolean enabled) {
        return enabled ? "enabled" : "disabled";
    }
}
