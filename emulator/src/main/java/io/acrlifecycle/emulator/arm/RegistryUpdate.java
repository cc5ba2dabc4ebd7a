package io.acrlifecycle.emulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A PATCH ({@code RegistryUpdateParameters}: merge) or PUT (full resource: absent policies go back to defaults)
 * of the registry, validated as ACR does before anything changes. Rules guard transitions: a seeded illegal
 * state (e.g. geo-replicated with soft delete on) survives requests that do not switch a policy on.
 */
final class RegistryUpdate {
    static final String CODE_SOFT_DELETE = "InvalidSoftDeletePolicy";
    static final String CODE_RETENTION = "InvalidRetentionPolicy";
    static final String CODE_POLICY = "InvalidPolicy";
    static final String CODE_SKU = "InvalidSku";
    static final String CODE_SKU_POLICY = "PolicyNotSupportedForSku";
    static final String CODE_DOWNGRADE = "SkuDowngradeNotAllowed";
    static final String CODE_CONFLICT = "PolicyConflict";
    static final String CODE_SOFT_DELETE_SHAPE = "SoftDeleteNotSupported";
    static final String CODE_STABLE_VERSION = "SoftDeletePolicyRequiresPreviewApiVersion";
    static final String CODE_CONTENT = "InvalidRequestContent";
    private static final List<String> STORED_POLICIES = List.of("quarantinePolicy", "trustPolicy", "exportPolicy",
            "azureADAuthenticationAsArmPolicy");

    private final RegistryResource r;
    private final String registryName;
    private final boolean put;
    private final String apiVersion;

    private RegistryUpdate(RegistryResource r, String registryName, boolean put, String apiVersion) {
        this.r = r;
        this.registryName = registryName;
        this.put = put;
        this.apiVersion = apiVersion;
    }

    /** Validates the request against the current state and applies it; the caller holds {@code r}'s monitor. */
    static void apply(RegistryResource r, String registryName, JsonNode body, boolean put, String apiVersion, Instant now) {
        new RegistryUpdate(r, registryName, put, apiVersion).run(body, now);
    }

    private void run(JsonNode body, Instant now) {
        boolean softDeleteVisible = ApiVersions.hasSoftDeletePolicy(apiVersion);
        if (!softDeleteVisible && r.softDeleteNonDefault()) {
            throw ArmException.badRequest(CODE_STABLE_VERSION, "Cannot override non-default values of soft delete policy"
                    + " for registry " + registryName + " using api-version " + apiVersion
                    + ". Kindly use one of supported api-versions: " + ApiVersions.FIRST_SOFT_DELETE_VERSION
                    + " and later. For more information, please visit https://aka.ms/acr/soft-delete");
        }
        JsonNode props = object(body, "properties");
        JsonNode policies = object(props, "policies");
        if (put) {
            checkLocation(body);
        }
        String sku = sku(body);
        boolean adminUser = bool(props, "properties.adminUserEnabled", put ? false : r.adminUserEnabled());
        boolean anonymousPull = bool(props, "properties.anonymousPullEnabled", put ? false : r.anonymousPullEnabled());
        if (put) {
            checkZoneRedundancy(props);
        }

        JsonNode retNode = object(policies, "retentionPolicy");
        boolean retEnabled = status(retNode, "retentionPolicy.status", CODE_RETENTION,
                put ? false : r.retentionEnabled());
        int retDays = days(retNode, "retentionPolicy.days", CODE_RETENTION, 0, 365,
                put ? RegistryResource.DEFAULT_RETENTION_DAYS : r.retentionDays());

        JsonNode sdNode = softDeleteVisible ? object(policies, "softDeletePolicy") : null;
        boolean sdEnabled = softDeleteVisible
                ? status(sdNode, "softDeletePolicy.status", CODE_SOFT_DELETE, put ? false : r.softDeleteEnabled())
                : r.softDeleteEnabled();
        int sdDays = softDeleteVisible
                ? days(sdNode, "softDeletePolicy.retentionDays", CODE_SOFT_DELETE, 1, 90,
                        put ? RegistryResource.DEFAULT_SOFT_DELETE_DAYS : r.softDeleteRetentionDays())
                : r.softDeleteRetentionDays();

        String[] stored = new String[STORED_POLICIES.size()];
        for (int i = 0; i < stored.length; i++) {
            String name = STORED_POLICIES.get(i);
            JsonNode node = object(policies, name);
            String current = put ? defaultStatus(name) : r.policyStatus(name);
            stored[i] = RegistryJson.status(status(node, name + ".status", CODE_POLICY, "enabled".equals(current)));
        }

        boolean retTurningOn = retEnabled && !r.retentionEnabled();
        boolean sdTurningOn = sdEnabled && !r.softDeleteEnabled();
        checkSku(sku, retEnabled, retTurningOn);
        checkConflict(retEnabled, sdEnabled, retTurningOn, sdTurningOn, retDays, sdDays);
        if (sdTurningOn) {
            checkShapeAllowsSoftDelete();
        }

        r.setSku(sku);
        r.setAdminUserEnabled(adminUser);
        r.setAnonymousPullEnabled(anonymousPull);
        if (retNode != null || retEnabled != r.retentionEnabled() || retDays != r.retentionDays()) {
            r.setRetention(retEnabled, retDays, now);
        }
        if (sdNode != null || sdEnabled != r.softDeleteEnabled() || sdDays != r.softDeleteRetentionDays()) {
            r.setSoftDelete(sdEnabled, sdDays, now);
        }
        for (int i = 0; i < stored.length; i++) {
            r.setPolicyStatus(STORED_POLICIES.get(i), stored[i]);
        }
    }

    private void checkSku(String sku, boolean retEnabled, boolean retTurningOn) {
        boolean premium = "Premium".equals(sku);
        if (premium) {
            return;
        }
        if (retTurningOn) {
            throw ArmException.badRequest(CODE_SKU_POLICY, "retentionPolicy: the retention policy is only supported for"
                    + " registries in the Premium SKU; registry '" + registryName + "' would be " + sku
                    + ". Use sku.name Premium or leave retentionPolicy.status disabled.");
        }
        boolean downgrade = !sku.equals(r.sku()) && "Premium".equals(r.sku());
        if (downgrade && retEnabled) {
            throw ArmException.badRequest(CODE_DOWNGRADE, "sku.name: cannot change registry '" + registryName
                    + "' from Premium to " + sku + " while retentionPolicy is enabled (days=" + r.retentionDays()
                    + "); the retention policy is only supported in the Premium SKU. Disable retentionPolicy first"
                    + " or in the same request.");
        }
        if (downgrade && r.geoReplicated()) {
            throw ArmException.badRequest(CODE_DOWNGRADE, "sku.name: cannot change registry '" + registryName
                    + "' from Premium to " + sku + " while it is geo-replicated (replications: "
                    + String.join(", ", r.replicationLocations()) + "); geo-replication is only supported in the"
                    + " Premium SKU. Delete the extra replications first.");
        }
    }

    private void checkConflict(boolean retEnabled, boolean sdEnabled, boolean retTurningOn, boolean sdTurningOn,
            int retDays, int sdDays) {
        if (!(retEnabled && sdEnabled) || !(retTurningOn || sdTurningOn)) {
            return;
        }
        String message;
        if (retTurningOn && sdTurningOn) {
            message = "softDeletePolicy and retentionPolicy cannot both be enabled; this request enables both on"
                    + " registry '" + registryName + "'. Enable only one of them.";
        } else if (sdTurningOn) {
            message = "softDeletePolicy: soft delete cannot be enabled while retentionPolicy is enabled (days="
                    + retDays + ") on registry '" + registryName + "'; set retentionPolicy.status disabled first or"
                    + " in the same request.";
        } else {
            message = "retentionPolicy: the retention policy cannot be enabled while softDeletePolicy is enabled"
                    + " (retentionDays=" + sdDays + ") on registry '" + registryName + "'; set softDeletePolicy.status"
                    + " disabled first or in the same request.";
        }
        throw ArmException.badRequest(CODE_CONFLICT, message);
    }

    private void checkShapeAllowsSoftDelete() {
        if (r.geoReplicated()) {
            throw ArmException.badRequest(CODE_SOFT_DELETE_SHAPE, "softDeletePolicy: soft delete is not supported on"
                    + " geo-replicated registries; registry '" + registryName + "' has replications in "
                    + String.join(", ", r.replicationLocations()) + ".");
        }
        if (r.zoneRedundant()) {
            throw ArmException.badRequest(CODE_SOFT_DELETE_SHAPE, "softDeletePolicy: soft delete is not supported on"
                    + " zone-redundant registries; registry '" + registryName + "' has zoneRedundancy Enabled.");
        }
    }

    private String sku(JsonNode body) {
        JsonNode skuNode = object(body, "sku");
        String name = skuNode == null ? null : ArmJson.text(skuNode, "name");
        if (name == null) {
            if (put) {
                throw ArmException.badRequest(CODE_CONTENT, "sku: required in a PUT of the registry; accepted:"
                        + " {\"sku\":{\"name\":\"Basic|Standard|Premium\"}}");
            }
            return r.sku();
        }
        try {
            return Skus.normalize("sku.name", name);
        } catch (IllegalArgumentException e) {
            throw ArmException.badRequest(CODE_SKU, e.getMessage());
        }
    }

    private void checkLocation(JsonNode body) {
        String location = ArmJson.text(body, "location");
        if (location == null) {
            throw ArmException.badRequest("LocationRequired", "The location property is required for this definition.");
        }
        if (!normalizeLocation(location).equals(normalizeLocation(r.location()))) {
            throw ArmException.badRequest("InvalidResourceLocation", "The resource '" + registryName
                    + "' already exists in location '" + r.location() + "'. A resource with the same name cannot be"
                    + " created in location '" + location + "'. Please select a new resource name.");
        }
    }

    private void checkZoneRedundancy(JsonNode props) {
        String zone = ArmJson.text(props, "zoneRedundancy");
        if (zone == null) {
            return;
        }
        boolean wanted = switch (zone.toLowerCase(Locale.ROOT)) {
            case "enabled" -> true;
            case "disabled" -> false;
            default -> throw ArmException.badRequest(CODE_CONTENT, "properties.zoneRedundancy: '" + zone
                    + "' is not valid; accepted: Enabled, Disabled");
        };
        if (wanted != r.zoneRedundant()) {
            throw ArmException.badRequest("ZoneRedundancyCannotBeChanged", "properties.zoneRedundancy: zone"
                    + " redundancy is set when registry '" + registryName + "' is created and cannot be changed (it is "
                    + (r.zoneRedundant() ? "Enabled" : "Disabled") + ").");
        }
    }

    private static String normalizeLocation(String location) {
        return location.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static String defaultStatus(String policy) {
        return "exportPolicy".equals(policy) || "azureADAuthenticationAsArmPolicy".equals(policy) ? "enabled" : "disabled";
    }

    private static JsonNode object(JsonNode parent, String field) {
        if (parent == null) {
            return null;
        }
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ArmException.badRequest(CODE_CONTENT, field + ": '" + node + "' is not valid; accepted: a JSON object");
        }
        return node;
    }

    private static boolean bool(JsonNode parent, String path, boolean dflt) {
        JsonNode node = parent == null ? null : parent.get(path.substring(path.lastIndexOf('.') + 1));
        if (node == null || node.isNull()) {
            return dflt;
        }
        if (!node.isBoolean()) {
            throw ArmException.badRequest(CODE_CONTENT, path + ": '" + node + "' is not valid; accepted: true, false");
        }
        return node.booleanValue();
    }

    private static boolean status(JsonNode policy, String path, String code, boolean dflt) {
        JsonNode node = policy == null ? null : policy.get("status");
        if (node == null || node.isNull()) {
            return dflt;
        }
        return switch (node.asText().toLowerCase(Locale.ROOT)) {
            case "enabled" -> true;
            case "disabled" -> false;
            default -> throw ArmException.badRequest(code, path + ": '" + node.asText()
                    + "' is not valid; accepted: enabled, disabled");
        };
    }

    private static int days(JsonNode policy, String path, String code, int min, int max, int dflt) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        JsonNode node = policy == null ? null : policy.get(field);
        if (node == null || node.isNull()) {
            return dflt;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw ArmException.badRequest(code, path + ": '" + node + "' is not valid; accepted: a whole number of days"
                    + " from " + min + " to " + max);
        }
        int days = node.intValue();
        if (days < min || days > max) {
            throw ArmException.badRequest(code, path + ": " + days + " is out of range; accepted: " + min + " to " + max
                    + " days");
        }
        return days;
    }
}
