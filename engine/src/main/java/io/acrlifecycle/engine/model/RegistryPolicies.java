package io.acrlifecycle.engine.model;

/**
 * The registry shape and policies read over ARM: soft delete ({@code policies.softDeletePolicy}, preview
 * api-versions only), untagged retention ({@code policies.retentionPolicy}), SKU, geo-replication and zone redundancy.
 */
public record RegistryPolicies(String sku, boolean softDeleteEnabled, int softDeleteRetentionDays,
        boolean retentionEnabled, int retentionDays, boolean geoReplicated, boolean zoneRedundant) {
}
