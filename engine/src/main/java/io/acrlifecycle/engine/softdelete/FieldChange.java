package io.acrlifecycle.engine.softdelete;

/** One policy field that differs between the registry and the request, e.g. {@code softDeletePolicy.retentionDays}. */
public record FieldChange(String field, String before, String after) {

    @Override
    public String toString() {
        return field + ": " + before + " -> " + after;
    }
}
