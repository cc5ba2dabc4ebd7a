package io.acrlifecycle.engine.model;

/**
 * A requested change to the registry policies; a null field means "leave as it is".
 */
public record PolicyChange(Boolean softDeleteEnabled, Integer softDeleteRetentionDays, Boolean retentionEnabled,
        Integer retentionDays) {
}
