package io.jenkins.plugins.acrlifecycle;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.acrlifecycle.steps.StepRunner;
import jenkins.model.Jenkins;

/**
 * Form validation for the step descriptors (a build step's form nests its step's). The rules are the engine's
 * ({@link StepRunner#checkField}); this class only adds the permission check every validation endpoint needs.
 */
public final class FieldChecks {
    private FieldChecks() {
    }

    public static FormValidation check(@CheckForNull Item item, String field, @CheckForNull String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        if ("registry".equals(field) && Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.error("registry: required, e.g. myregistry.azurecr.io");
        }
        return StepRunner.checkField(field, value).map(FormValidation::error).orElse(FormValidation.ok());
    }

    public static boolean mayConfigure(@CheckForNull Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }
}
