package io.acrlifecycle.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

/**
 * ACR's request quotas as the emulator enforces them: read and write operations per window (a minute, as ACR
 * documents them). {@code readOps}/{@code writeOps} null = the figure documented for the registry's SKU
 * ({@link #documentedReadOps}, {@link #documentedWriteOps}). A shorter {@code window} with the same budgets scales
 * time (the bench uses it: the same tier, faster). {@code retryAfter} false leaves {@code Retry-After} out of the 429
 * (ACR does not document that it sends one; clients must cope either way). Immutable.
 */
public record QuotaSettings(boolean enabled, Integer readOps, Integer writeOps, Duration window, boolean retryAfter) {

    /** No quota: every request is served (the default, so tests and benches that do not ask for one are not throttled). */
    public static final QuotaSettings OFF = new QuotaSettings(false, null, null, Duration.ofMinutes(1), true);

    private static final Set<String> FIELDS = Set.of("enabled", "readOps", "writeOps", "window", "retryAfter");

    public QuotaSettings {
        if (readOps != null && readOps < 1) {
            throw new IllegalArgumentException("quota.readOps: " + readOps + " must be at least 1 (or absent: the SKU's figure)");
        }
        if (writeOps != null && writeOps < 1) {
            throw new IllegalArgumentException("quota.writeOps: " + writeOps + " must be at least 1 (or absent: the SKU's figure)");
        }
        if (window == null || window.toMillis() < 1 || window.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("quota.window: " + window + " is out of range; accepted: an ISO-8601"
                    + " duration from PT0.001S to PT24H, e.g. PT1M (ACR's) or PT6S (ten times faster)");
        }
    }

    /** The documented figures of the registry's SKU, per minute. */
    public static QuotaSettings documented() {
        return new QuotaSettings(true, null, null, Duration.ofMinutes(1), true);
    }

    /**
     * ReadOps per minute: Basic 1,000, Standard 3,000, Premium 10,000 (ACR's service tier limits; see
     * docs/emulator.md, "Quotas", for the source).
     */
    public static int documentedReadOps(String sku) {
        return switch (sku) {
            case "Basic" -> 1_000;
            case "Standard" -> 3_000;
            default -> 10_000;
        };
    }

    /** WriteOps per minute: Basic 100, Standard 500, Premium 2,000. */
    public static int documentedWriteOps(String sku) {
        return switch (sku) {
            case "Basic" -> 100;
            case "Standard" -> 500;
            default -> 2_000;
        };
    }

    /** The read budget per window for a registry of this SKU. */
    public int readBudget(String sku) {
        return readOps != null ? readOps : documentedReadOps(sku);
    }

    public int writeBudget(String sku) {
        return writeOps != null ? writeOps : documentedWriteOps(sku);
    }

    /**
     * {"enabled":true,"readOps":3000,"writeOps":500,"window":"PT1M","retryAfter":true}: absent fields keep their
     * value in {@code base}, except that an object without {@code enabled} turns the quota on.
     */
    public static QuotaSettings fromJson(JsonNode q, QuotaSettings base) {
        if (q == null || !q.isObject()) {
            throw new IllegalArgumentException("quota: must be a JSON object, e.g. {\"enabled\":true,\"writeOps\":500,"
                    + "\"window\":\"PT1M\"}");
        }
        for (Iterator<String> it = q.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("quota." + f + ": unknown field; accepted: " + FIELDS);
            }
        }
        boolean enabled = bool(q, "enabled", true);
        boolean retryAfter = bool(q, "retryAfter", base.retryAfter());
        Integer reads = q.has("readOps") ? count(q, "readOps") : base.readOps();
        Integer writes = q.has("writeOps") ? count(q, "writeOps") : base.writeOps();
        Duration window = base.window();
        if (q.has("window")) {
            String w = q.get("window").asText();
            try {
                window = Duration.parse(w);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("quota.window: '" + w + "' is not an ISO-8601 duration; accepted: e.g."
                        + " PT1M, PT6S");
            }
        }
        return new QuotaSettings(enabled, reads, writes, window, retryAfter);
    }

    private static boolean bool(JsonNode q, String field, boolean dflt) {
        JsonNode v = q.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("quota." + field + ": '" + v + "' is not a boolean; accepted: true, false");
        }
        return v.asBoolean();
    }

    private static Integer count(JsonNode q, String field) {
        JsonNode v = q.get(field);
        if (v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("quota." + field + ": '" + v + "' is not a whole number; accepted: an"
                    + " integer from 1, or null for the SKU's figure");
        }
        return v.asInt();
    }
}
