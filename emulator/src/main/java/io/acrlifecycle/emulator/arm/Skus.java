package io.acrlifecycle.emulator.arm;

import java.util.List;

/** ACR's SKU names and what depends on them. */
final class Skus {
    static final List<String> NAMES = List.of("Basic", "Standard", "Premium");

    private Skus() {
    }

    /** Canonical spelling of a SKU name (ARM enums are case-insensitive), or an error naming the field. */
    static String normalize(String field, String value) {
        for (String name : NAMES) {
            if (name.equalsIgnoreCase(value)) {
                return name;
            }
        }
        throw new IllegalArgumentException(field + ": '" + value + "' is not valid; accepted: Basic, Standard, Premium");
    }

    /** Included storage ({@code Size} usage limit): 10 / 100 / 500 GiB. */
    static long includedStorageBytes(String sku) {
        return switch (sku) {
            case "Basic" -> 10L << 30;
            case "Standard" -> 100L << 30;
            default -> 500L << 30;
        };
    }

    static long webhookLimit(String sku) {
        return switch (sku) {
            case "Basic" -> 2;
            case "Standard" -> 10;
            default -> 500;
        };
    }

    /** Scope maps and tokens share one limit per tier. */
    static long scopeMapAndTokenLimit(String sku) {
        return switch (sku) {
            case "Basic" -> 100;
            case "Standard" -> 500;
            default -> 50_000;
        };
    }
}
