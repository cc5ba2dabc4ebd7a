package io.acrlifecycle.engine.model;

/** One entry of ARM {@code listUsages}: {@code unit} is {@code Bytes} or {@code Count}. */
public record RegistryUsage(String name, long limit, long currentValue, String unit) {
}
