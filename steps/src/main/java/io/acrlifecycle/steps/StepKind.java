package io.acrlifecycle.steps;

import java.util.List;
import java.util.stream.Stream;

/**
 * The four things a CI step can ask of the engine, with the parameter names each accepts. The names are the ones
 * the engine and the CLI use; the Jenkins steps, their forms and their help files follow this list.
 */
public enum StepKind {
    SOFT_DELETE_ENSURE("acrSoftDeleteEnsure", "status", "retentionDays", "retentionPolicyStatus",
            "retentionPolicyDays"),
    PURGE("acrPurge", "filter", "ago", "keep", "untagged", "untaggedOnly", "includeLocked", "dryRun", "exclude",
            "protectTags", "protectImages", "protectImagesFile", "rulesFile", "maxDeletes", "requireSoftDelete", "allowPermanentDelete",
            "concurrency"),
    RESTORE("acrRestore", "repository", "digest", "tag", "force", "journal", "since", "filter", "dryRun"),
    GUARD("acrGuard", "image", "expectedDigest", "stage", "window", "mode", "lock");

    /**
     * Where and as whom: every verb takes these. {@code endpoint} overrides where calls go (private endpoint,
     * reverse proxy, the emulator).
     */
    public static final List<String> CONNECTION = List.of("registry", "credentialsId", "resourceId", "endpoint");

    private final String stepName;
    private final List<String> own;

    StepKind(String stepName, String... own) {
        this.stepName = stepName;
        this.own = List.of(own);
    }

    /** The Pipeline step name, e.g. {@code acrPurge}; also the prefix of validation messages. */
    public String stepName() {
        return stepName;
    }

    /** Every parameter, connection first. */
    public List<String> parameters() {
        return Stream.concat(CONNECTION.stream(), own.stream()).toList();
    }
}
