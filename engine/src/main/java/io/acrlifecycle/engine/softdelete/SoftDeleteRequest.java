package io.acrlifecycle.engine.softdelete;

/**
 * What {@code acrSoftDeleteEnsure} should make true. Validated on construction, before any registry call:
 * {@code retentionDays} 1..90 (ACR's documented range; the portal's "0" is not accepted by the service),
 * {@code untaggedRetention.days} 0..365.
 *
 * @param softDelete        desired soft-delete status
 * @param retentionDays     days a soft-deleted item is kept (null: keep the registry's current value)
 * @param untaggedRetention desired untagged-manifest retention policy (null: leave it as it is)
 * @param dryRun            compute and report, change nothing
 */
public record SoftDeleteRequest(Status softDelete, Integer retentionDays, UntaggedRetention untaggedRetention,
        boolean dryRun) {

    public enum Status {
        ENABLED, DISABLED;

        /** Parses {@code enabled}/{@code disabled} (any case), naming the accepted values otherwise. */
        public static Status parse(String field, String text) {
            if (text != null) {
                for (Status s : values()) {
                    if (s.name().equalsIgnoreCase(text.trim())) {
                        return s;
                    }
                }
            }
            throw new IllegalArgumentException(field + ": '" + text + "' is not a status; accepted: enabled, disabled");
        }
    }

    /** The untagged-manifest retention policy ({@code policies.retentionPolicy}); days null keeps the current. */
    public record UntaggedRetention(Status status, Integer days) {
        public UntaggedRetention {
            if (status == null) {
                throw new IllegalArgumentException("untaggedRetention.status: missing; accepted: enabled, disabled");
            }
            if (days != null && (days < 0 || days > 365)) {
                throw new IllegalArgumentException("untaggedRetention.days: " + days
                        + " is out of range; accepted: 0..365 (0 deletes a manifest as soon as it is untagged)");
            }
        }
    }

    public SoftDeleteRequest {
        if (softDelete == null) {
            throw new IllegalArgumentException("softDelete: missing; accepted: enabled, disabled");
        }
        if (retentionDays != null && (retentionDays < 1 || retentionDays > 90)) {
            throw new IllegalArgumentException("retentionDays: " + retentionDays
                    + " is out of range; accepted: 1..90 days");
        }
    }

    public static SoftDeleteRequest enable(int retentionDays) {
        return new SoftDeleteRequest(Status.ENABLED, retentionDays, null, false);
    }

    public static SoftDeleteRequest disable() {
        return new SoftDeleteRequest(Status.DISABLED, null, null, false);
    }

    public SoftDeleteRequest withUntaggedRetention(Status status, Integer days) {
        return new SoftDeleteRequest(softDelete, retentionDays, new UntaggedRetention(status, days), dryRun);
    }

    public SoftDeleteRequest withDryRun(boolean dryRun) {
        return new SoftDeleteRequest(softDelete, retentionDays, untaggedRetention, dryRun);
    }
}
