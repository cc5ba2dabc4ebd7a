package io.jenkins.plugins.acrlifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.steps.BuildSummary;
import io.jenkins.plugins.acrlifecycle.actions.AcrBuildAction;
import java.time.Duration;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The build page, the ACR page with its undo button, the job trend, and who may use which endpoint. */
@WithJenkins
class ActionPagesITest {
    @RegisterExtension
    static final AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private JenkinsRule j;
    private AcrEmulator emulator;
    private WorkflowJob job;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        emulator = EMU.emulator();
        EmulatorFixture.connect(emulator);
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader", "maintainer")
                .grant(Item.CONFIGURE, Item.BUILD).everywhere().to("maintainer")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        job = j.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition(EmulatorFixture.preamble(emulator)
                + "acrPurge registry: registry, credentialsId: creds, filter: 'app:.*', ago: '30d', untagged: true\n",
                true));
    }

    @AfterEach
    void tearDown() {
        EmulatorFixture.disconnect();
    }

    private Page post(JenkinsRule.WebClient wc, String relative) throws Exception {
        return wc.getPage(new WebRequest(wc.createCrumbedUrl(relative), HttpMethod.POST));
    }

    @Test
    void shouldShowTotalsOnTheBuildPageAndTablesOnTheActionPage() throws Exception {
        WorkflowRun b = j.buildAndAssertSuccess(job);
        JenkinsRule.WebClient wc = j.createWebClient().login("maintainer");

        assertThat(wc.getPage(b).asNormalizedText()).contains("ACR Lifecycle").contains("2 tags untagged");
        String page = wc.getPage(b, "acr-lifecycle/").asNormalizedText();
        assertThat(page).contains("acrPurge").contains("Undo this purge").contains("v1").contains("v2");
    }

    @Test
    void shouldHideTheUndoButtonFromUsersWhoMayNotConfigure() throws Exception {
        WorkflowRun b = j.buildAndAssertSuccess(job);

        String page = j.createWebClient().login("reader").getPage(b, "acr-lifecycle/").asNormalizedText();

        assertThat(page).contains("acrPurge").doesNotContain("Undo this purge");
    }

    @Test
    void shouldUndoAPurgeOnPostAndRecordIt() throws Exception {
        WorkflowRun b = j.buildAndAssertSuccess(job);
        JenkinsRule.WebClient wc = j.createWebClient().login("maintainer");

        Page after = post(wc, "job/p/1/acr-lifecycle/undo?entry=0");

        assertThat(after.getWebResponse().getStatusCode()).isEqualTo(200);
        AcrBuildAction action = b.getAction(AcrBuildAction.class);
        assertThat(action.getEntries()).hasSize(2);
        assertThat(action.getEntries().get(0).isUndone()).isTrue();
        assertThat(action.getEntries().get(1).getSummary().kind()).isEqualTo(BuildSummary.Kind.PURGE_UNDO);
        assertThat(action.getEntries().get(0).isUndoable()).isFalse();
    }

    @Test
    void shouldKeepAPurgeUndoableWhenItsUndoRestoredNotEverything() throws Exception {
        WorkflowRun b = j.buildAndAssertSuccess(job);
        // Past the 7-day soft-delete retention the deleted manifests are purged for good: the undo reports them.
        emulator.clock().advance(Duration.ofDays(8));
        JenkinsRule.WebClient wc = j.createWebClient().login("maintainer");

        post(wc, "job/p/1/acr-lifecycle/undo?entry=0");

        AcrBuildAction action = b.getAction(AcrBuildAction.class);
        assertThat(action.getEntries()).hasSize(2);
        assertThat(action.getEntries().get(1).getSummary().errors()).isPositive();
        assertThat(action.getEntries().get(0).isUndone()).isFalse();
        assertThat(action.getEntries().get(0).isUndoable()).isTrue();
        assertThat(action.isUndoing()).isFalse();
    }

    @Test
    void shouldRefuseUndoWithoutConfigurePermission() throws Exception {
        j.buildAndAssertSuccess(job);
        JenkinsRule.WebClient wc = j.createWebClient().login("reader").withThrowExceptionOnFailingStatusCode(false);

        Page page = post(wc, "job/p/1/acr-lifecycle/undo?entry=0");

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(job.getBuildByNumber(1).getAction(AcrBuildAction.class).getEntries()).hasSize(1);
    }

    @Test
    void shouldRefuseUndoByGet() throws Exception {
        j.buildAndAssertSuccess(job);
        JenkinsRule.WebClient wc = j.createWebClient().login("maintainer").withThrowExceptionOnFailingStatusCode(false);

        Page page = wc.goTo("job/p/1/acr-lifecycle/undo?entry=0", null);

        assertThat(page.getWebResponse().getStatusCode()).isIn(404, 405);
        assertThat(job.getBuildByNumber(1).getAction(AcrBuildAction.class).getEntries()).hasSize(1);
    }

    @Test
    void shouldRefuseUndoOfAnUnknownEntry() throws Exception {
        j.buildAndAssertSuccess(job);
        JenkinsRule.WebClient wc = j.createWebClient().login("maintainer").withThrowExceptionOnFailingStatusCode(false);

        assertThat(post(wc, "job/p/1/acr-lifecycle/undo?entry=7").getWebResponse().getStatusCode()).isEqualTo(400);
    }

    @Test
    void shouldDrawTheTrendOnceTwoBuildsHaveResults() throws Exception {
        j.buildAndAssertSuccess(job);
        j.buildAndAssertSuccess(job); // nothing left to purge, but the build still records a result

        String page = j.createWebClient().login("reader").getPage(job).asXml();

        assertThat(page).contains("ACR: reclaimed MiB, deletions, guard blocks");
    }

    @Test
    void shouldCheckFieldsOnlyForUsersWhoMayConfigure() throws Exception {
        String check = "job/p/descriptorByName/io.jenkins.plugins.acrlifecycle.steps.AcrPurgeStep/checkKeep?value=-1";
        JenkinsRule.WebClient maintainer = j.createWebClient().login("maintainer");
        JenkinsRule.WebClient reader = j.createWebClient().login("reader");

        assertThat(post(maintainer, check).getWebResponse().getContentAsString()).contains("is not a whole number");
        assertThat(post(reader, check).getWebResponse().getContentAsString()).doesNotContain("is not a whole number");
    }

    @Test
    void shouldRefuseFormValidationByGet() throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().login("maintainer").withThrowExceptionOnFailingStatusCode(false);

        Page page = wc.goTo("job/p/descriptorByName/io.jenkins.plugins.acrlifecycle.steps.AcrPurgeStep/"
                + "checkKeep?value=-1", null);

        assertThat(page.getWebResponse().getStatusCode()).isIn(404, 405);
    }

    @Test
    void shouldListCredentialsOnlyForUsersWhoMayConfigure() throws Exception {
        String fill = "job/p/descriptorByName/io.jenkins.plugins.acrlifecycle.steps.AcrPurgeStep/"
                + "fillCredentialsIdItems?credentialsId=";
        JenkinsRule.WebClient maintainer = j.createWebClient().login("maintainer");
        JenkinsRule.WebClient reader = j.createWebClient().login("reader");

        assertThat(post(maintainer, fill).getWebResponse().getContentAsString())
                .contains(EmulatorFixture.CREDENTIALS_ID);
        assertThat(post(reader, fill).getWebResponse().getContentAsString())
                .doesNotContain("\"" + EmulatorFixture.CREDENTIALS_ID + "\"");
    }
}
