package io.jenkins.plugins.acrlifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.steps.BuildSummary;
import io.jenkins.plugins.acrlifecycle.actions.AcrBuildAction;
import java.io.File;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Each step in a sandboxed Pipeline against a real emulator, over HTTPS, through the engine.
 *
 * <p>Not covered here: a successful {@code acrSoftDeleteEnsure}. It needs ARM, and the emulator's ARM accepts only
 * its AAD-like bearer tokens; the plugin gets a token credential only from the Azure Credentials plugin
 * ({@code AzureCredentials.getTokenCredential}: client secret, certificate or managed identity, each asking real
 * Azure AD or IMDS), so no Jenkins credential can carry the emulator's token, and adding a test-only credential
 * type to the plugin would put test code on the production path. The tests below cover the step up to the ARM call;
 * the successful ARM path from step parameters through the engine is the engine's
 * {@code StepRunnerAgainstEmulatorTest.shouldEnsureSoftDeleteOverArm} (see docs/jenkins.md, "Pointing it at the emulator").
 */
@WithJenkins
class PipelineStepsITest {
    @RegisterExtension
    static final AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private JenkinsRule j;
    private AcrEmulator emulator;

    @BeforeEach
    void connect(JenkinsRule rule) throws Exception {
        j = rule;
        emulator = EMU.emulator();
        EmulatorFixture.connect(emulator);
    }

    @AfterEach
    void disconnect() {
        EmulatorFixture.disconnect();
    }

    private WorkflowRun run(String script, Result expected) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition(EmulatorFixture.preamble(emulator) + script, true));
        return j.buildAndAssertStatus(expected, job);
    }

    @Test
    void shouldPurgeOldTagsAndReturnTheTotals() throws Exception {
        WorkflowRun b = run("""
                def r = acrPurge registry: registry, credentialsId: creds, filter: 'app:.*', ago: '30d', untagged: true
                echo "untagged=${r.tagsUntagged} deleted=${r.manifestsDeleted} kind=${r['kind']}"
                """, Result.SUCCESS);

        j.assertLogContains("untagged=2 deleted=2 kind=PURGE", b);
        AcrBuildAction action = b.getAction(AcrBuildAction.class);
        assertThat(action.getEntries()).singleElement().satisfies(e -> {
            assertThat(e.getStep()).isEqualTo("acrPurge");
            assertThat(e.isUndoable()).isTrue();
            assertThat(new File(new File(b.getRootDir(), "acr-lifecycle"), e.getJournal())).isFile();
        });
        assertThat(emulator.requestLog().count("DELETE", ".*app.*")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldSpareTheImagesListedInAWorkspaceFileAndKeepACopy() throws Exception {
        WorkflowRun b = run("""
                node {
                  writeFile file: 'running-images.txt', text: 'docker.io/library/nginx:1.27 app:v1'
                  def r = acrPurge registry: registry, credentialsId: creds, filter: 'app:.*', ago: '30d',
                      protectImagesFile: 'running-images.txt'
                  echo "untagged=${r.tagsUntagged}"
                }
                """, Result.SUCCESS);

        j.assertLogContains("untagged=1", b);
        assertThat(new File(b.getRootDir(), "acr-lifecycle").list())
                .contains("0-protectImagesFile-running-images.txt");
    }

    @Test
    void shouldRefuseAProtectImagesFileOutsideNode() throws Exception {
        WorkflowRun b = run("acrPurge registry: registry, credentialsId: creds, filter: 'app:.*', "
                + "protectImagesFile: 'running-images.txt'", Result.FAILURE);

        j.assertLogContains("protectImagesFile: 'running-images.txt' is a workspace file; run the step inside node {}",
                b);
        assertThat(emulator.requestLog().count("DELETE", ".*")).isZero();
    }

    @Test
    void shouldDeleteNothingInADryRun() throws Exception {
        WorkflowRun b = run("""
                def r = acrPurge registry: registry, credentialsId: creds, filter: 'app:.*', ago: '30d', dryRun: true
                echo "dryRun=${r.dryRun} untagged=${r.tagsUntagged}"
                """, Result.SUCCESS);

        j.assertLogContains("dryRun=true untagged=2", b);
        assertThat(emulator.requestLog().count("DELETE", ".*")).isZero();
        assertThat(b.getAction(AcrBuildAction.class).getEntries().get(0).isUndoable()).isFalse();
    }

    @Test
    void shouldRefuseBadParametersBeforeTouchingTheRegistry() throws Exception {
        WorkflowRun b = run("acrPurge registry: registry, credentialsId: creds, keep: -1", Result.FAILURE);

        j.assertLogContains("filter: missing", b);
        j.assertLogContains("keep: '-1' is not a whole number", b);
        assertThat(emulator.requestLog().entries()).isEmpty();
    }

    @Test
    void shouldRestoreASoftDeletedTag() throws Exception {
        WorkflowRun b = run("""
                def r = acrRestore registry: registry, credentialsId: creds, repository: 'app', tag: 'v0'
                echo "restored=${r.restored}"
                """, Result.SUCCESS);

        j.assertLogContains("restored=1", b);
        assertThat(b.getAction(AcrBuildAction.class).summaries()).extracting(BuildSummary::kind)
                .containsExactly(BuildSummary.Kind.RESTORE);
    }

    @Test
    void shouldRestoreEverythingDeletedSinceAMoment() throws Exception {
        WorkflowRun b = run("""
                def r = acrRestore registry: registry, credentialsId: creds, since: '3d', repository: 'app'
                echo "restored=${r.restored} errors=${r.errors}"
                """, Result.SUCCESS);

        j.assertLogContains("restored=1 errors=0", b);
        assertThat(emulator.requestLog().entries()).filteredOn(e -> e.method().equals("POST") && e.status() != 401
                && e.path().startsWith("/acr/v1/_deleted/app/_manifests/")).hasSize(1);
    }

    @Test
    void shouldWarnButNotBlockWhenTheDigestMatchesAndArmIsOutOfReach() throws Exception {
        String digest = emulator.digestOf("app", "new");

        // An ACR user instead of Azure credentials, and no resourceId: the guard cannot read the registry's tasks
        // and policies over ARM, says so, and warns; the digest matches, so it does not block.
        WorkflowRun b = run("""
                def r = acrGuard registry: registry, credentialsId: creds, image: 'app:v3', expectedDigest: '%s'
                echo "verdict=${r.verdict}"
                """.formatted(digest), Result.UNSTABLE);

        j.assertLogContains("verdict=WARN", b);
        j.assertLogContains("no ARM resource id was given", b);
    }

    @Test
    void shouldFailTheBuildWhenTheGuardBlocks() throws Exception {
        String otherDigest = emulator.digestOf("app", "old1");

        WorkflowRun b = run("acrGuard registry: registry, credentialsId: creds, image: 'app:v3', expectedDigest: '"
                + otherDigest + "'", Result.FAILURE);

        j.assertLogContains("acrGuard blocked the deployment", b);
        assertThat(b.getAction(AcrBuildAction.class).summaries()).singleElement()
                .satisfies(s -> assertThat(s.guardBlocks()).isEqualTo(1));
    }

    @Test
    void shouldLetAPushStageCheckATagThatDoesNotExistYet() throws Exception {
        // deploy stage: a missing tag blocks; push stage: the tag is about to be written. Without ARM (ACR user,
        // no resourceId) the guard warns that it could not read tasks and policies.
        WorkflowRun b = run("""
                def r = acrGuard registry: registry, credentialsId: creds, image: 'app:v9', stage: 'push'
                echo "verdict=${r.verdict}"
                """, Result.UNSTABLE);

        j.assertLogContains("verdict=WARN", b);
        j.assertLogNotContains("acrGuard blocked", b);
    }

    @Test
    void shouldOnlyMarkTheBuildUnstableInWarnMode() throws Exception {
        String otherDigest = emulator.digestOf("app", "old1");

        WorkflowRun b = run("""
                acrGuard registry: registry, credentialsId: creds, image: 'app:v3', expectedDigest: '%s', mode: 'warn'
                echo 'deploying anyway'
                """.formatted(otherDigest), Result.UNSTABLE);

        j.assertLogContains("acrGuard warns", b);
        j.assertLogContains("deploying anyway", b);
    }

    @Test
    void shouldFailSoftDeleteEnsureWithoutAResourceIdNamingTheProblem() throws Exception {
        WorkflowRun b = run("acrSoftDeleteEnsure registry: registry, credentialsId: creds, status: 'on'",
                Result.FAILURE);

        j.assertLogContains("status: 'on' is not accepted; accepted: disabled, enabled", b);
    }

    @Test
    void shouldNameTheMissingResourceIdWhenPoliciesNeedArm() throws Exception {
        WorkflowRun b = run("acrSoftDeleteEnsure registry: registry, credentialsId: creds, status: 'enabled'",
                Result.FAILURE);

        j.assertLogContains("acrSoftDeleteEnsure: ARM operation on registry", b);
        j.assertLogContains("no ARM resource id was given", b);
    }

    @Test
    void shouldRefuseUnknownCredentials() throws Exception {
        WorkflowRun b = run("acrPurge registry: registry, credentialsId: 'nope', filter: 'app:.*'", Result.FAILURE);

        j.assertLogContains("credentialsId: no credentials 'nope' that this build may use", b);
    }
}
