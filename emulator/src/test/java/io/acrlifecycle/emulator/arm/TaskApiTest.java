package io.acrlifecycle.emulator.arm;

import static io.acrlifecycle.emulator.arm.ArmFixture.ID;
import static io.acrlifecycle.emulator.arm.ArmFixture.T0;
import static io.acrlifecycle.emulator.arm.ArmFixture.TASKS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.arm.ArmFixture.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TaskApiTest {
    private static final String PURGE = "acr purge --filter 'app:.*' --ago 30d --keep 5 --untagged";
    private final ArmFixture arm = new ArmFixture();

    private void seedTasks(String json) {
        arm.registry.applySeed(null, ArmFixture.json(json), T0);
    }

    private static String decode(JsonNode base64) {
        return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8);
    }

    @Test
    void shouldListAScheduledPurgeTaskAsAzStoresIt() {
        seedTasks("[{\"name\":\"purge-nightly\",\"cmd\":\"" + PURGE + "\",\"schedule\":\"0 1 * * *\",\"status\":\"Enabled\"}]");

        Reply reply = arm.call("GET", ID + "/tasks", TASKS, null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("value")).hasSize(1);
        JsonNode task = reply.json().at("/value/0");
        assertThat(task.path("id").asText()).isEqualTo(ID + "/tasks/purge-nightly");
        assertThat(task.path("name").asText()).isEqualTo("purge-nightly");
        assertThat(task.path("type").asText()).isEqualTo("Microsoft.ContainerRegistry/registries/tasks");
        assertThat(task.path("location").asText()).isEqualTo("eastus");
        JsonNode p = task.path("properties");
        assertThat(p.path("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(p.path("creationDate").asText()).isEqualTo(T0.toString());
        assertThat(p.path("status").asText()).isEqualTo("Enabled");
        assertThat(p.at("/platform/os").asText()).isEqualTo("linux");
        assertThat(p.at("/platform/architecture").asText()).isEqualTo("amd64");
        assertThat(p.at("/agentConfiguration/cpu").asInt()).isEqualTo(2);
        assertThat(p.path("timeout").asInt()).isEqualTo(3600);
        assertThat(p.at("/step/type").asText()).isEqualTo("EncodedTask");
        assertThat(p.at("/step/values").isArray()).isTrue();
        assertThat(decode(p.at("/step/encodedTaskContent"))).isEqualTo("version: v1.1.0\nsteps:\n  - cmd: " + PURGE
                + "\n    disableWorkingDirectoryOverride: true\n    timeout: 3600\n");
        assertThat(p.at("/trigger/timerTriggers/0/name").asText()).isEqualTo("t1");
        assertThat(p.at("/trigger/timerTriggers/0/schedule").asText()).isEqualTo("0 1 * * *");
        assertThat(p.at("/trigger/timerTriggers/0/status").asText()).isEqualTo("Enabled");
        assertThat(p.at("/trigger/baseImageTrigger/status").asText()).isEqualTo("Enabled");
    }

    @Test
    void shouldGetATaskByNameCaseInsensitively() {
        seedTasks("[{\"name\":\"Purge\",\"yaml\":\"version: v1.1.0\\nsteps:\\n  - cmd: " + PURGE + "\\n\","
                + "\"schedule\":[\"0 1 * * *\",\"30 13 * * Mon\"],\"status\":\"Disabled\"}]");

        Reply reply = arm.call("GET", ID + "/tasks/purge", "2025-03-01-preview", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("name").asText()).isEqualTo("Purge");
        assertThat(reply.json().at("/properties/status").asText()).isEqualTo("Disabled");
        assertThat(decode(reply.json().at("/properties/step/encodedTaskContent"))).contains("- cmd: " + PURGE);
        assertThat(reply.json().at("/properties/trigger/timerTriggers").findValuesAsText("schedule"))
                .containsExactly("0 1 * * *", "30 13 * * Mon");
        assertThat(reply.json().at("/properties/trigger/timerTriggers").findValuesAsText("name"))
                .containsExactly("t1", "t2");
    }

    @Test
    void shouldKeepRawEncodedTaskContentAsGiven() {
        String encoded = Base64.getEncoder().encodeToString("steps:\n  - cmd: mcr.microsoft.com/acr/acr-cli:0.18 purge --ago 1d\n"
                .getBytes(StandardCharsets.UTF_8));
        seedTasks("[{\"name\":\"raw\",\"encodedTaskContent\":\"" + encoded + "\",\"schedule\":\"0 0 * * *\"}]");

        Reply reply = arm.call("GET", ID + "/tasks/raw", TASKS, null);

        assertThat(reply.json().at("/properties/step/encodedTaskContent").asText()).isEqualTo(encoded);
    }

    @Test
    void shouldShowFileAndDockerTasksWithoutReadableYaml() {
        seedTasks("[{\"name\":\"file\",\"stepType\":\"FileTask\",\"schedule\":\"0 2 * * *\"},"
                + "{\"name\":\"build\",\"stepType\":\"Docker\"}]");

        Reply file = arm.call("GET", ID + "/tasks/file", TASKS, null);
        Reply docker = arm.call("GET", ID + "/tasks/build", TASKS, null);

        assertThat(file.json().at("/properties/step/type").asText()).isEqualTo("FileTask");
        assertThat(file.json().at("/properties/step/taskFilePath").asText()).isEqualTo("acb.yaml");
        assertThat(file.json().at("/properties/step/contextPath").asText()).startsWith("https://");
        assertThat(file.json().at("/properties/step").has("encodedTaskContent")).isFalse();
        assertThat(docker.json().at("/properties/step/type").asText()).isEqualTo("Docker");
        assertThat(docker.json().at("/properties/step/dockerFilePath").asText()).isEqualTo("Dockerfile");
        assertThat(docker.json().at("/properties/trigger").has("timerTriggers")).isFalse();
    }

    @Test
    void shouldAnswer404ArmStyleForAMissingTask() {
        Reply reply = arm.call("GET", ID + "/tasks/nope", TASKS, null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo("ResourceNotFound");
        assertThat(reply.message()).contains("Microsoft.ContainerRegistry/registries/myregistry/tasks/nope",
                "resource group 'rg'");
    }

    @Test
    void shouldListNoTasksAsAnEmptyValue() {
        Reply reply = arm.call("GET", ID + "/tasks", TASKS, null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("value").isArray()).isTrue();
        assertThat(reply.json().path("value")).isEmpty();
    }

    @Test
    void shouldReflectTasksAddedAndRemovedThroughTheResource() {
        arm.registry.putTask(TaskResource.fromCommand("a", "acr purge --ago 1d", java.util.List.of("0 * * * *"), "Enabled", T0));
        arm.registry.putTask(TaskResource.fromCommand("b", "acr purge --ago 2d", java.util.List.of(), "Enabled", T0));
        arm.registry.removeTask("A");

        Reply reply = arm.call("GET", ID + "/tasks", TASKS, null);

        assertThat(reply.json().path("value")).hasSize(1);
        assertThat(reply.json().at("/value/0/name").asText()).isEqualTo("b");
    }
}
