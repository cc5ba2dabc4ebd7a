package io.acrlifecycle.emulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ARM side of the emulated registry: SKU, shape, policies and tasks. The data plane reads the policies from
 * here (soft delete on or off, retention days); the ARM handler reads and changes them with ACR's validation.
 * Thread-safe: every accessor is synchronized, since ARM calls and data-plane calls run concurrently; a caller
 * that must read-validate-write atomically (the ARM handler) holds this object's monitor.
 *
 * <p>Seam between the data plane (package {@code io.acrlifecycle.emulator}) and ARM (this package): the data
 * plane only uses the getters, {@link #applySeed}, {@link #toJson}, {@link #loadJson} and {@link #reset}.
 */
public class RegistryResource {
    public static final int DEFAULT_SOFT_DELETE_DAYS = 7;
    public static final int DEFAULT_RETENTION_DAYS = 7;
    static final String DEFAULT_LOCATION = "eastus";
    static final String DEFAULT_REPLICA = "westeurope";

    private String location = DEFAULT_LOCATION;
    private Instant creationDate;
    private String sku = "Premium";
    private boolean softDeleteEnabled;
    private int softDeleteRetentionDays = DEFAULT_SOFT_DELETE_DAYS;
    private Instant softDeleteLastUpdated;
    private boolean retentionEnabled;
    private int retentionDays = DEFAULT_RETENTION_DAYS;
    private Instant retentionEnabledAt;
    private Instant retentionLastUpdated;
    private boolean geoReplicated;
    private List<String> replicaLocations = List.of(DEFAULT_REPLICA);
    private boolean zoneRedundant;
    private boolean anonymousPullEnabled;
    private boolean adminUserEnabled = true;
    private final Map<String, String> otherPolicies = new LinkedHashMap<>(defaultOtherPolicies());
    private final Map<String, TaskResource> tasks = new LinkedHashMap<>();

    public synchronized String sku() {
        return sku;
    }

    public synchronized String location() {
        return location;
    }

    public synchronized Instant creationDate() {
        return creationDate;
    }

    public synchronized boolean softDeleteEnabled() {
        return softDeleteEnabled;
    }

    public synchronized int softDeleteRetentionDays() {
        return softDeleteRetentionDays;
    }

    public synchronized Instant softDeleteLastUpdated() {
        return softDeleteLastUpdated;
    }

    /** Whether the soft-delete policy differs from ACR's default (disabled, 7 days): stable api-versions may not override it. */
    public synchronized boolean softDeleteNonDefault() {
        return softDeleteEnabled || softDeleteRetentionDays != DEFAULT_SOFT_DELETE_DAYS;
    }

    public synchronized boolean retentionEnabled() {
        return retentionEnabled;
    }

    public synchronized int retentionDays() {
        return retentionDays;
    }

    /** When the untagged retention policy was last switched on: manifests untagged before that are never touched. */
    public synchronized Instant retentionEnabledAt() {
        return retentionEnabledAt;
    }

    public synchronized Instant retentionLastUpdated() {
        return retentionLastUpdated;
    }

    public synchronized boolean geoReplicated() {
        return geoReplicated;
    }

    /** Replication locations: the home region first, then the extra replicas when geo-replicated. */
    public synchronized List<String> replicationLocations() {
        List<String> out = new ArrayList<>();
        out.add(location);
        if (geoReplicated) {
            replicaLocations.stream().filter(l -> !l.equalsIgnoreCase(location)).forEach(out::add);
        }
        return out;
    }

    public synchronized boolean zoneRedundant() {
        return zoneRedundant;
    }

    public synchronized boolean anonymousPullEnabled() {
        return anonymousPullEnabled;
    }

    public synchronized boolean adminUserEnabled() {
        return adminUserEnabled;
    }

    /**
     * Status ({@code enabled}/{@code disabled}) of the policies the emulator only stores: {@code quarantinePolicy},
     * {@code trustPolicy}, {@code exportPolicy}, {@code azureADAuthenticationAsArmPolicy}.
     */
    public synchronized String policyStatus(String policy) {
        return otherPolicies.get(policy);
    }

    /** The tasks, in creation order. */
    public synchronized List<TaskResource> tasks() {
        return List.copyOf(tasks.values());
    }

    /** A task by name, case-insensitively as ARM matches names. */
    public synchronized Optional<TaskResource> task(String name) {
        return Optional.ofNullable(tasks.get(key(name)));
    }

    // Setters apply without validation: seeds and tests use them. ARM requests go through validation first.

    public synchronized void setSku(String sku) {
        this.sku = sku;
    }

    public synchronized void setLocation(String location) {
        this.location = location;
    }

    public synchronized void setSoftDelete(boolean enabled, int retentionDays, Instant now) {
        this.softDeleteEnabled = enabled;
        this.softDeleteRetentionDays = retentionDays;
        this.softDeleteLastUpdated = now;
    }

    public synchronized void setRetention(boolean enabled, int days, Instant now) {
        if (enabled && !this.retentionEnabled) {
            this.retentionEnabledAt = now;
        }
        this.retentionEnabled = enabled;
        this.retentionDays = days;
        this.retentionLastUpdated = now;
    }

    public synchronized void setGeoReplicated(boolean geoReplicated) {
        this.geoReplicated = geoReplicated;
    }

    /** Extra replica regions (besides the home one) reported when geo-replicated; empty means not geo-replicated. */
    public synchronized void setReplicaLocations(List<String> extraLocations) {
        this.replicaLocations = extraLocations.isEmpty() ? List.of(DEFAULT_REPLICA) : List.copyOf(extraLocations);
        this.geoReplicated = !extraLocations.isEmpty();
    }

    public synchronized void setZoneRedundant(boolean zoneRedundant) {
        this.zoneRedundant = zoneRedundant;
    }

    public synchronized void setAnonymousPullEnabled(boolean anonymousPullEnabled) {
        this.anonymousPullEnabled = anonymousPullEnabled;
    }

    public synchronized void setAdminUserEnabled(boolean adminUserEnabled) {
        this.adminUserEnabled = adminUserEnabled;
    }

    /** Sets one of the stored-only policies' status (see {@link #policyStatus}). */
    public synchronized void setPolicyStatus(String policy, String status) {
        if (!otherPolicies.containsKey(policy)) {
            throw new IllegalArgumentException("policy: '" + policy + "' is not valid; accepted: " + otherPolicies.keySet());
        }
        otherPolicies.put(policy, status);
    }

    /** Adds a task or replaces the one with the same name (case-insensitive). */
    public synchronized void putTask(TaskResource task) {
        tasks.put(key(task.name()), task);
    }

    /** @return whether a task of that name existed */
    public synchronized boolean removeTask(String name) {
        return tasks.remove(key(name)) != null;
    }

    /** Back to a new registry's defaults: Premium, policies off (7 days), one region, no zones, admin user on, no tasks. */
    public synchronized void reset(Instant now) {
        location = DEFAULT_LOCATION;
        creationDate = now;
        sku = "Premium";
        softDeleteEnabled = false;
        softDeleteRetentionDays = DEFAULT_SOFT_DELETE_DAYS;
        softDeleteLastUpdated = now;
        retentionEnabled = false;
        retentionDays = DEFAULT_RETENTION_DAYS;
        retentionEnabledAt = null;
        retentionLastUpdated = now;
        geoReplicated = false;
        replicaLocations = List.of(DEFAULT_REPLICA);
        zoneRedundant = false;
        anonymousPullEnabled = false;
        adminUserEnabled = true;
        otherPolicies.clear();
        otherPolicies.putAll(defaultOtherPolicies());
        tasks.clear();
    }

    /**
     * Applies the {@code registry} and {@code tasks} sections of a seed on top of the current state, without ARM's
     * validation (tests need illegal shapes too, e.g. geo-replicated with soft delete on). Absent fields keep their
     * value; tasks replace same-named ones.
     *
     * @param registrySection {@code {"sku","softDelete":{"enabled","retentionDays"},"retention":{"enabled","days"},
     *                        "geoReplicated","zoneRedundant","anonymousPull", ...}} or null
     * @param tasksSection    {@code [{"name","cmd"|"yaml"|"encodedTaskContent","schedule","status","stepType"}]} or null
     * @throws IllegalArgumentException on a malformed section, naming the field
     */
    public synchronized void applySeed(JsonNode registrySection, JsonNode tasksSection, Instant now) {
        RegistrySeed.apply(this, registrySection, tasksSection, now);
    }

    /** The whole ARM state, for the emulator's state directory; {@link #loadJson} reads it back. */
    public synchronized ObjectNode toJson() {
        ObjectNode root = ArmJson.MAPPER.createObjectNode();
        root.put("location", location);
        root.put("creationDate", ArmJson.format(creationDate));
        root.put("sku", sku);
        ObjectNode sd = root.putObject("softDelete");
        sd.put("enabled", softDeleteEnabled);
        sd.put("retentionDays", softDeleteRetentionDays);
        sd.put("lastUpdatedTime", ArmJson.format(softDeleteLastUpdated));
        ObjectNode ret = root.putObject("retention");
        ret.put("enabled", retentionEnabled);
        ret.put("days", retentionDays);
        ret.put("enabledAt", ArmJson.format(retentionEnabledAt));
        ret.put("lastUpdatedTime", ArmJson.format(retentionLastUpdated));
        root.put("geoReplicated", geoReplicated);
        ArrayNode replicas = root.putArray("replicaLocations");
        replicaLocations.forEach(replicas::add);
        root.put("zoneRedundant", zoneRedundant);
        root.put("anonymousPull", anonymousPullEnabled);
        root.put("adminUserEnabled", adminUserEnabled);
        ObjectNode policies = root.putObject("policies");
        otherPolicies.forEach(policies::put);
        ArrayNode taskArray = root.putArray("tasks");
        tasks.values().forEach(t -> taskArray.add(TaskJson.persisted(t)));
        return root;
    }

    /** Replaces the whole state with one written by {@link #toJson}. */
    public synchronized void loadJson(JsonNode state) {
        reset(ArmJson.instant(state, "creationDate"));
        RegistrySeed.load(this, state);
    }

    // Used by RegistrySeed when loading persisted state: fields that have no public setter.
    synchronized void restore(Instant creation, Instant softDeleteUpdated, Instant retentionAt, Instant retentionUpdated) {
        this.creationDate = creation;
        this.softDeleteLastUpdated = softDeleteUpdated;
        this.retentionEnabledAt = retentionAt;
        this.retentionLastUpdated = retentionUpdated;
    }

    synchronized void restoreRetention(boolean enabled, int days) {
        this.retentionEnabled = enabled;
        this.retentionDays = days;
    }

    private static Map<String, String> defaultOtherPolicies() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("quarantinePolicy", "disabled");
        m.put("trustPolicy", "disabled");
        m.put("exportPolicy", "enabled");
        m.put("azureADAuthenticationAsArmPolicy", "enabled");
        return m;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
