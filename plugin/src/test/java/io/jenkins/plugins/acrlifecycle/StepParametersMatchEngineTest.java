package io.jenkins.plugins.acrlifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.steps.StepKind;
import io.jenkins.plugins.acrlifecycle.builders.AcrGuardBuilder;
import io.jenkins.plugins.acrlifecycle.builders.AcrPurgeBuilder;
import io.jenkins.plugins.acrlifecycle.builders.AcrRestoreBuilder;
import io.jenkins.plugins.acrlifecycle.builders.AcrSoftDeleteEnsureBuilder;
import io.jenkins.plugins.acrlifecycle.steps.AcrGuardStep;
import io.jenkins.plugins.acrlifecycle.steps.AcrPurgeStep;
import io.jenkins.plugins.acrlifecycle.steps.AcrRestoreStep;
import io.jenkins.plugins.acrlifecycle.steps.AcrSoftDeleteEnsureStep;
import java.util.List;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.junit.jupiter.api.Test;

/**
 * One set of parameters: each Pipeline step binds exactly the engine's parameter list for its verb, and each
 * freestyle build step binds nothing but that step.
 */
class StepParametersMatchEngineTest {

    @Test
    void shouldBindExactlyTheEngineParametersOfEachVerb() {
        assertThat(names(AcrSoftDeleteEnsureStep.class)).containsExactlyInAnyOrderElementsOf(
                StepKind.SOFT_DELETE_ENSURE.parameters());
        assertThat(names(AcrPurgeStep.class)).containsExactlyInAnyOrderElementsOf(StepKind.PURGE.parameters());
        assertThat(names(AcrRestoreStep.class)).containsExactlyInAnyOrderElementsOf(StepKind.RESTORE.parameters());
        assertThat(names(AcrGuardStep.class)).containsExactlyInAnyOrderElementsOf(StepKind.GUARD.parameters());
    }

    @Test
    void shouldLetEachBuildStepHoldOnlyItsStep() {
        for (Class<?> builder : List.of(AcrSoftDeleteEnsureBuilder.class, AcrPurgeBuilder.class,
                AcrRestoreBuilder.class, AcrGuardBuilder.class)) {
            assertThat(names(builder)).as(builder.getSimpleName()).containsExactly("step");
        }
    }

    private static List<String> names(Class<?> type) {
        return DescribableModel.of(type).getParameters().stream().map(DescribableParameter::getName).toList();
    }
}
