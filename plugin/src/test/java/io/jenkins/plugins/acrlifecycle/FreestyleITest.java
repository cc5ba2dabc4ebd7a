package io.jenkins.plugins.acrlifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.jenkins.plugins.acrlifecycle.actions.AcrBuildAction;
import io.jenkins.plugins.acrlifecycle.builders.AcrGuardBuilder;
import io.jenkins.plugins.acrlifecycle.builders.AcrPurgeBuilder;
import io.jenkins.plugins.acrlifecycle.steps.AcrGuardStep;
import io.jenkins.plugins.acrlifecycle.steps.AcrPurgeStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle build steps run the same runner as the Pipeline steps. */
@WithJenkins
class FreestyleITest {
    @RegisterExtension
    static final AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private AcrEmulator emulator;

    @BeforeEach
    void connect(JenkinsRule j) throws Exception {
        emulator = EMU.emulator();
        EmulatorFixture.connect(emulator);
    }

    @AfterEach
    void disconnect() {
        EmulatorFixture.disconnect();
    }

    @Test
    void shouldPurgeFromAFreestyleJob(JenkinsRule j) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        AcrPurgeStep purge = new AcrPurgeStep(emulator.loginServer(), EmulatorFixture.CREDENTIALS_ID);
        purge.setFilter("app:.*");
        purge.setAgo("30d");
        project.getBuildersList().add(new AcrPurgeBuilder(purge));

        FreeStyleBuild b = j.buildAndAssertSuccess(project);

        assertThat(b.getAction(AcrBuildAction.class).summaries()).singleElement()
                .satisfies(s -> assertThat(s.tagsUntagged()).isEqualTo(2));
        j.assertLogContains("[ACR]", b);
    }

    @Test
    void shouldMarkAFreestyleBuildUnstableWhenTheGuardWarns(JenkinsRule j) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        AcrGuardStep guard = new AcrGuardStep(emulator.loginServer(), EmulatorFixture.CREDENTIALS_ID, "app:v3");
        guard.setExpectedDigest(emulator.digestOf("app", "old1"));
        guard.setMode("warn");
        project.getBuildersList().add(new AcrGuardBuilder(guard));

        j.buildAndAssertStatus(Result.UNSTABLE, project);
    }
}
