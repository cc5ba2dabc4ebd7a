package io.acrlifecycle.engine.softdelete;

import io.acrlifecycle.engine.model.RegistryPolicies;
import java.util.List;

/**
 * What {@link SoftDeleteEnsure} found and did. {@code after} is what ARM reports after the change (or, in a dry run,
 * the state that would result); {@code drift} lists the fields that differed from the request.
 */
public record SoftDeleteResult(RegistryPolicies before, RegistryPolicies after, List<FieldChange> drift,
        boolean changed, boolean dryRun, String message, List<String> warnings) {

    public SoftDeleteResult {
        drift = List.copyOf(drift);
        warnings = List.copyOf(warnings);
    }
}
