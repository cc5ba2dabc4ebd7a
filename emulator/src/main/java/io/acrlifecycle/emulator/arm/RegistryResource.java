package io.acrlifecycle.emulator.arm;

import java.time.Instant;

/**
 * The ARM side of the emulated registry: SKU, shape and policies. The data plane reads the policies from here
 * (soft delete on or off, retention days); the ARM handler reads and changes them with ACR's validation.
 * Thread-safe: every accessor is synchronized, since ARM calls and data-plane calls run concurrently.
 *
 * <p>Seam between the data plane (package {@code io.acrlifecycle.emulator}) and ARM (this package): the data
 * plane only uses the getters below.
 */
public class RegistryResource {
    private String sku = "Premium";
    private boolean softDeleteEnabled;
    private int softDeleteRetentionDays = 7;
    private Instant softDeleteLastUpdated;
    private boolean retentionEnabled;
    private int retentionDays = 7;
    private Instant retentionEnabledAt;
    private boolean geoReplicated;
    private boolean zoneRedundant;
    private boolean anonymousPullEnabled;
    private boolean adminUserEnabled = true;

    public synchronized String sku() {
        return sku;
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

    public synchronized boolean geoReplicated() {
        return geoReplicated;
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

    // Setters apply without validation: seeds and tests use them. ARM requests go through validation first.

    public synchronized void setSku(String sku) {
        this.sku = sku;
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
    }

    public synchronized void setGeoReplicated(boolean geoReplicated) {
        this.geoReplicated = geoReplicated;
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
}
