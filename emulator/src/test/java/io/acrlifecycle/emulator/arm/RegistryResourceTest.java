package io.acrlifecycle.emulator.arm;

import static io.acrlifecycle.emulator.arm.ArmFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryResourceTest {
    private static final String SEED = """
            {
              "registry": {"sku": "Premium", "softDelete": {"enabled": true, "retentionDays": 7},
                           "retention": {"enabled": false, "days": 7}, "geoReplicated": false, "zoneRedundant": false,
                           "anonymousPull": false},
              "tasks": [{"name": "purge-nightly", "cmd": "acr purge --filter 'app:.*' --ago 30d --keep 5 --untagged",
                         "schedule": "0 1 * * *", "status": "Enabled"}]
            }""";

    private final RegistryResource registry = new RegistryResource();

    private void seed(String json) {
        JsonNode root = ArmFixture.json(json);
        registry.applySeed(root.get("registry"), root.get("tasks"), T0);
    }

    @Test
    void shouldApplyTheConventionSeed() {
        registry.reset(T0);

        seed(SEED);

        assertThat(registry.sku()).isEqualTo("Premium");
        assertThat(registry.softDeleteEnabled()).isTrue();
        assertThat(registry.softDeleteRetentionDays()).isEqualTo(7);
        assertThat(registry.softDeleteLastUpdated()).isEqualTo(T0);
        assertThat(registry.retentionEnabled()).isFalse();
        assertThat(registry.tasks()).extracting(TaskResource::name).containsExactly("purge-nightly");
        assertThat(registry.task("PURGE-NIGHTLY").orElseThrow().yaml()).contains("- cmd: acr purge --filter 'app:.*'");
    }

    @Test
    void shouldSeedIllegalShapesWithoutValidation() {
        seed("{\"registry\":{\"sku\":\"basic\",\"geoReplicated\":true,\"zoneRedundant\":true,"
                + "\"softDelete\":{\"enabled\":true,\"retentionDays\":200},\"retention\":{\"enabled\":true,\"days\":1}}}");

        assertThat(registry.sku()).isEqualTo("Basic");
        assertThat(registry.geoReplicated()).isTrue();
        assertThat(registry.zoneRedundant()).isTrue();
        assertThat(registry.softDeleteEnabled()).isTrue();
        assertThat(registry.softDeleteRetentionDays()).isEqualTo(200);
        assertThat(registry.retentionEnabled()).isTrue();
        assertThat(registry.retentionEnabledAt()).isEqualTo(T0);
    }

    @Test
    void shouldApplyASeedOnTopKeepingAbsentFields() {
        seed(SEED);

        seed("{\"registry\":{\"sku\":\"Standard\"},\"tasks\":[{\"name\":\"other\",\"cmd\":\"acr purge --ago 1d\"}]}");

        assertThat(registry.sku()).isEqualTo("Standard");
        assertThat(registry.softDeleteEnabled()).isTrue();
        assertThat(registry.tasks()).extracting(TaskResource::name).containsExactly("purge-nightly", "other");
    }

    @Test
    void shouldRefuseAMalformedSeedNamingTheField() {
        assertThatThrownBy(() -> seed("{\"registry\":{\"softDelet\":{}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registry.softDelet", "accepted");
        assertThatThrownBy(() -> seed("{\"registry\":{\"sku\":\"Gold\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registry.sku", "Basic, Standard, Premium");
        assertThatThrownBy(() -> seed("{\"registry\":{\"geoReplicated\":\"yes\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registry.geoReplicated");
        assertThatThrownBy(() -> seed("{\"tasks\":[{\"name\":\"x\",\"cmd\":\"a\",\"yaml\":\"b\"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only one of cmd, yaml, encodedTaskContent");
        assertThatThrownBy(() -> seed("{\"tasks\":[{\"name\":\"x\"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs cmd, yaml or encodedTaskContent");
        assertThatThrownBy(() -> seed("{\"tasks\":[{\"name\":\"x\",\"cmd\":\"a\",\"status\":\"On\"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("status", "Enabled, Disabled");
        assertThatThrownBy(() -> seed("{\"tasks\":[{\"name\":\"x\",\"stepType\":\"Shell\"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stepType", "EncodedTask, FileTask, Docker");
        assertThatThrownBy(() -> seed("{\"tasks\":[{\"name\":\"x\",\"stepType\":\"FileTask\",\"cmd\":\"a\"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EncodedTask only");
        assertThatThrownBy(() -> seed("{\"tasks\":{}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tasks");
    }

    @Test
    void shouldRoundTripTheWholeStateThroughJson() {
        registry.reset(T0);
        seed(SEED);
        seed("{\"registry\":{\"location\":\"westus2\",\"replicaLocations\":[\"northeurope\"],\"retention\":{\"days\":3}},"
                + "\"tasks\":[{\"name\":\"file\",\"stepType\":\"FileTask\",\"schedule\":[\"0 1 * * *\",\"0 2 * * *\"],"
                + "\"timeout\":600,\"baseImageTrigger\":false}]}");
        Instant later = T0.plusSeconds(10);
        registry.setRetention(true, 3, later);
        registry.setPolicyStatus("quarantinePolicy", "enabled");
        registry.setAdminUserEnabled(false);
        ObjectNode saved = registry.toJson();

        RegistryResource loaded = new RegistryResource();
        loaded.loadJson(ArmFixture.json(saved.toString()));

        assertThat(loaded.toJson()).isEqualTo(saved);
        assertThat(loaded.location()).isEqualTo("westus2");
        assertThat(loaded.replicationLocations()).containsExactly("westus2", "northeurope");
        assertThat(loaded.softDeleteEnabled()).isTrue();
        assertThat(loaded.softDeleteLastUpdated()).isEqualTo(T0);
        assertThat(loaded.retentionEnabled()).isTrue();
        assertThat(loaded.retentionEnabledAt()).isEqualTo(later);
        assertThat(loaded.adminUserEnabled()).isFalse();
        assertThat(loaded.policyStatus("quarantinePolicy")).isEqualTo("enabled");
        assertThat(loaded.creationDate()).isEqualTo(T0);
        TaskResource file = loaded.task("file").orElseThrow();
        assertThat(file.stepType()).isEqualTo("FileTask");
        assertThat(file.timers()).extracting(TaskResource.Timer::schedule).containsExactly("0 1 * * *", "0 2 * * *");
        assertThat(file.timeoutSeconds()).isEqualTo(600);
        assertThat(file.baseImageTrigger()).isFalse();
        assertThat(loaded.task("purge-nightly").orElseThrow().yaml()).contains("acr purge");
    }

    @Test
    void shouldResetToDefaults() {
        seed(SEED);
        seed("{\"registry\":{\"geoReplicated\":true,\"sku\":\"Basic\",\"retention\":{\"enabled\":true}}}");
        Instant later = T0.plusSeconds(99);

        registry.reset(later);

        assertThat(registry.sku()).isEqualTo("Premium");
        assertThat(registry.softDeleteEnabled()).isFalse();
        assertThat(registry.softDeleteRetentionDays()).isEqualTo(7);
        assertThat(registry.retentionEnabled()).isFalse();
        assertThat(registry.retentionEnabledAt()).isNull();
        assertThat(registry.geoReplicated()).isFalse();
        assertThat(registry.replicationLocations()).containsExactly("eastus");
        assertThat(registry.tasks()).isEmpty();
        assertThat(registry.creationDate()).isEqualTo(later);
        assertThat(registry.softDeleteNonDefault()).isFalse();
    }

    @Test
    void shouldNotMoveRetentionEnabledAtWhileItStaysOn() {
        registry.setRetention(true, 7, T0);
        registry.setRetention(true, 3, T0.plusSeconds(50));

        assertThat(registry.retentionEnabledAt()).isEqualTo(T0);
        assertThat(registry.retentionLastUpdated()).isEqualTo(T0.plusSeconds(50));
        assertThat(List.of(registry.retentionDays())).containsExactly(3);
    }
}
