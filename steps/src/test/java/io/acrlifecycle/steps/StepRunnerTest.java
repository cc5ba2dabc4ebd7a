package io.acrlifecycle.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StepRunnerTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void shouldListConnectionParametersFirst() {
        assertThat(StepKind.GUARD.parameters()).containsExactly("registry", "credentialsId", "resourceId", "endpoint",
                "image", "expectedDigest", "stage", "window", "mode", "lock");
        assertThat(StepKind.PURGE.stepName()).isEqualTo("acrPurge");
    }

    @Test
    void shouldNameEveryBadPurgeFieldAtOnce() {
        assertThatThrownBy(() -> StepRunner.validate(StepKind.PURGE, Map.of("keep", "x", "concurrency", 0,
                "protectImages", "app")))
                .isInstanceOf(StepParameterException.class)
                .satisfies(e -> assertThat(((StepParameterException) e).problems())
                        .hasSize(5)
                        .anyMatch(m -> m.startsWith("registry: missing"))
                        .anyMatch(m -> m.startsWith("filter: missing"))
                        .anyMatch(m -> m.startsWith("keep: 'x'"))
                        .anyMatch(m -> m.startsWith("concurrency: '0'"))
                        .anyMatch(m -> m.startsWith("protectImages: image reference 'app' is invalid")));
    }

    @Test
    void shouldAcceptAPurgeWithRulesFileInsteadOfFilter() {
        StepParameters p = StepRunner.validate(StepKind.PURGE, Map.of("registry", "r.azurecr.io", "rulesFile", "purge.yaml"));

        assertThat(p.problems()).isEmpty();
    }

    @Test
    void shouldRequireADigestTagOrJournalToRestore() {
        assertThatThrownBy(() -> StepRunner.validate(StepKind.RESTORE, Map.of("registry", "r", "repository", "app")))
                .hasMessageContaining("digest: missing");
        assertThat(StepRunner.validate(StepKind.RESTORE, Map.of("registry", "r", "journal", "purge.jsonl")).problems())
                .isEmpty();
        assertThat(StepRunner.validate(StepKind.RESTORE, Map.of("registry", "r", "repository", "app", "digest", DIGEST))
                .problems()).isEmpty();
    }

    @Test
    void shouldCheckGuardImageDigestAndMode() {
        assertThatThrownBy(() -> StepRunner.validate(StepKind.GUARD, Map.of("registry", "r", "image", "app",
                "expectedDigest", "sha256:xyz", "mode", "maybe")))
                .satisfies(e -> assertThat(((StepParameterException) e).problems()).containsExactly(
                        "image: image reference 'app' is invalid: it has neither a tag nor a digest; accepted forms: "
                                + "repo:tag, repo@sha256:<64 hex> or repo:tag@sha256:<64 hex> (optionally prefixed"
                                + " with the login server)",
                        "expectedDigest: 'sha256:xyz' is not a digest; accepted: sha256:<64 lowercase hex>",
                        "mode: 'maybe' is not accepted; accepted: block, warn"));
    }

    @Test
    void shouldCheckSoftDeleteRanges() {
        assertThatThrownBy(() -> StepRunner.validate(StepKind.SOFT_DELETE_ENSURE, Map.of("registry", "r",
                "status", "on", "retentionDays", "91", "retentionPolicyDays", "366")))
                .satisfies(e -> assertThat(((StepParameterException) e).problems()).containsExactly(
                        "status: 'on' is not accepted; accepted: disabled, enabled",
                        "retentionDays: '91' is not a whole number from 1 to 90",
                        "retentionPolicyDays: '366' is not a whole number from 0 to 365"));
    }

    @Test
    void shouldParseAgoAndWindowWithTheEnginesDurationGrammar() {
        assertThat(StepRunner.checkField("ago", "1d12h")).isEmpty();
        assertThat(StepRunner.checkField("window", "7d")).isEmpty();
        assertThat(StepRunner.checkField("ago", "30x")).hasValueSatisfying(m -> assertThat(m).startsWith("ago: '30x'"));
        assertThatThrownBy(() -> StepRunner.validate(StepKind.PURGE, Map.of("registry", "r", "filter", "app:.*",
                "ago", "soon"))).hasMessageContaining("ago: 'soon'");
    }

    @Test
    void shouldRequireAStatusForRetentionPolicyDays() {
        assertThatThrownBy(() -> StepRunner.validate(StepKind.SOFT_DELETE_ENSURE, Map.of("registry", "r",
                "retentionPolicyDays", "7"))).hasMessageContaining("retentionPolicyDays: needs retentionPolicyStatus");
    }

    @Test
    void shouldCheckSingleFormFields() {
        assertThat(StepRunner.checkField("keep", "5")).isEmpty();
        assertThat(StepRunner.checkField("keep", "")).isEmpty();
        assertThat(StepRunner.checkField("keep", "-5")).contains("keep: '-5' is not a whole number from 0 to 2147483647");
        assertThat(StepRunner.checkField("image", "app:v1")).isEmpty();
        assertThat(StepRunner.checkField("mode", "WARN")).isEmpty();
        assertThat(StepRunner.checkField("filter", "anything goes here")).isEmpty();
        assertThat(StepRunner.checkField("endpoint", "https://127.0.0.1:8443")).isEmpty();
        assertThat(StepRunner.checkField("endpoint", "http://127.0.0.1:8443")).contains("endpoint: 'http://127.0.0.1:8443'"
                + " is not an https URL of a host; accepted: https://host[:port]");
    }

    @Test
    void shouldSummarizeAnInterruptedPurgeAsAFailureWithUnknownTotals() {
        BuildSummary s = StepRunner.interruptedPurge("r.azurecr.io", "acrPurge: UncheckedIOException: disk full");

        assertThat(s.kind()).isEqualTo(BuildSummary.Kind.PURGE);
        assertThat(s.failure()).isEqualTo("acrPurge: UncheckedIOException: disk full");
        assertThat(s.deletions()).isZero();
        assertThat(s.dryRun()).isFalse();
        assertThat(s.messages()).singleElement().asString().contains("journal");
    }

    @Test
    void shouldAcceptDeployOrPushAsTheGuardStageAndNeedATagToPush() {
        assertThat(StepRunner.validate(StepKind.GUARD, Map.of("registry", "r", "image", "app:v1", "stage", "PUSH"))
                .problems()).isEmpty();
        assertThat(StepRunner.checkField("stage", "deploy")).isEmpty();
        assertThat(StepRunner.checkField("stage", "ship")).contains("stage: 'ship' is not a stage; accepted: deploy, push");
        assertThatThrownBy(() -> StepRunner.validate(StepKind.GUARD, Map.of("registry", "r", "image", "app@" + DIGEST,
                "stage", "push")))
                .satisfies(e -> assertThat(((StepParameterException) e).problems()).containsExactly(
                        "image: a push stage needs a tag; accepted image forms: repo:tag or repo:tag@sha256:<64 hex>"));
        // deploying by digest stays fine
        assertThat(StepRunner.validate(StepKind.GUARD, Map.of("registry", "r", "image", "app@" + DIGEST)).problems()).isEmpty();
    }
}
