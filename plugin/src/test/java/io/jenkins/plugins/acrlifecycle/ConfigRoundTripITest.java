package io.jenkins.plugins.acrlifecycle;

import hudson.tasks.Builder;
import io.jenkins.plugins.acrlifecycle.builders.AcrGuardBuilder;
import io.jenkins.plugins.acrlifecycle.builders.AcrPurgeBuilder;
import io.jenkins.plugins.acrlifecycle.builders.AcrRestoreBuilder;
import io.jenkins.plugins.acrlifecycle.builders.AcrSoftDeleteEnsureBuilder;
import io.jenkins.plugins.acrlifecycle.steps.AcrGuardStep;
import io.jenkins.plugins.acrlifecycle.steps.AcrPurgeStep;
import io.jenkins.plugins.acrlifecycle.steps.AcrRestoreStep;
import io.jenkins.plugins.acrlifecycle.steps.AcrSoftDeleteEnsureStep;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every field of every step survives its form and the freestyle form that nests it (Snippet Generator and freestyle
 * configure).
 */
@WithJenkins
class ConfigRoundTripITest {
    private static final String REGISTRY = "myregistry.azurecr.io";
    private static final String RESOURCE_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
            + "/providers/Microsoft.ContainerRegistry/registries/myregistry";
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private static <S extends Step> void assertStepRoundTrip(JenkinsRule j, S step) throws Exception {
        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));
    }

    /** The freestyle form nests the step's: every field of the step survives it. */
    private static void assertBuilderRoundTrip(JenkinsRule j, Builder builder) throws Exception {
        j.assertEqualDataBoundBeans(builder, j.configRoundtrip(builder));
    }

    @Test
    void shouldRoundTripSoftDeleteEnsure(JenkinsRule j) throws Exception {
        AcrSoftDeleteEnsureStep step = new AcrSoftDeleteEnsureStep(REGISTRY, "acr");
        step.setResourceId(RESOURCE_ID);
        step.setStatus("enabled");
        step.setRetentionDays(14);
        step.setRetentionPolicyStatus("disabled");
        step.setRetentionPolicyDays(0);
        assertStepRoundTrip(j, step);

        AcrSoftDeleteEnsureStep nested = new AcrSoftDeleteEnsureStep(REGISTRY, "acr");
        nested.setResourceId(RESOURCE_ID);
        nested.setStatus("enabled");
        nested.setRetentionDays(7);
        assertBuilderRoundTrip(j, new AcrSoftDeleteEnsureBuilder(nested));
    }

    @Test
    void shouldRoundTripPurge(JenkinsRule j) throws Exception {
        AcrPurgeStep step = new AcrPurgeStep(REGISTRY, "acr");
        step.setFilter("app:^v1\\..*\nweb:.*");
        step.setAgo("30d");
        step.setKeep(5);
        step.setUntagged(true);
        step.setIncludeLocked(true);
        step.setDryRun(true);
        step.setExclude("app:^release-.*");
        step.setProtectTags("latest, stable");
        step.setProtectImages("app:v1.0.0");
        step.setProtectImagesFile("running-images.txt");
        step.setMaxDeletes(100);
        step.setRequireSoftDelete(true);
        step.setConcurrency(8);
        assertStepRoundTrip(j, step);

        AcrPurgeStep untaggedOnly = new AcrPurgeStep(REGISTRY, "acr");
        untaggedOnly.setFilter("app:.*");
        untaggedOnly.setUntaggedOnly(true);
        untaggedOnly.setAllowPermanentDelete(true);
        untaggedOnly.setRulesFile("purge-rules.yaml");
        assertStepRoundTrip(j, untaggedOnly);

        assertBuilderRoundTrip(j, new AcrPurgeBuilder(step));
        assertBuilderRoundTrip(j, new AcrPurgeBuilder(untaggedOnly));
    }

    @Test
    void shouldRoundTripRestore(JenkinsRule j) throws Exception {
        AcrRestoreStep step = new AcrRestoreStep(REGISTRY, "acr");
        step.setRepository("app");
        step.setDigest(DIGEST);
        step.setTag("v1");
        step.setForce(true);
        assertStepRoundTrip(j, step);

        AcrRestoreStep fromJournal = new AcrRestoreStep(REGISTRY, "acr");
        fromJournal.setJournal("purge.journal.jsonl");
        assertStepRoundTrip(j, fromJournal);

        AcrRestoreStep since = new AcrRestoreStep(REGISTRY, "acr");
        since.setSince("2026-12-03T09:40:00Z");
        since.setFilter("shop/.*");
        since.setDryRun(true);
        assertStepRoundTrip(j, since);

        assertBuilderRoundTrip(j, new AcrRestoreBuilder(step));
        assertBuilderRoundTrip(j, new AcrRestoreBuilder(since));
    }

    @Test
    void shouldRoundTripGuard(JenkinsRule j) throws Exception {
        AcrGuardStep step = new AcrGuardStep(REGISTRY, "acr", "app:v1");
        step.setResourceId(RESOURCE_ID);
        step.setExpectedDigest(DIGEST);
        step.setStage("push");
        step.setWindow("7d");
        step.setMode("warn");
        step.setLock(true);
        assertStepRoundTrip(j, step);

        assertBuilderRoundTrip(j, new AcrGuardBuilder(step));
    }
}
