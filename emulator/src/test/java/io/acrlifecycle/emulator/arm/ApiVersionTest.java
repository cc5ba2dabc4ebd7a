package io.acrlifecycle.emulator.arm;

import static io.acrlifecycle.emulator.arm.ArmFixture.ID;
import static io.acrlifecycle.emulator.arm.ArmFixture.PREVIEW;
import static io.acrlifecycle.emulator.arm.ArmFixture.STABLE;
import static io.acrlifecycle.emulator.arm.ArmFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.emulator.arm.ArmFixture.Reply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ApiVersionTest {
    private final ArmFixture arm = new ArmFixture();

    @Test
    void shouldRequireAnApiVersion() {
        Reply reply = arm.get(null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("MissingApiVersionParameter");
        assertThat(reply.message()).contains("api-version query parameter (?api-version=) is required");
    }

    @Test
    void shouldRefuseAMalformedApiVersion() {
        Reply reply = arm.get("latest");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("InvalidApiVersionParameter");
        assertThat(reply.message()).contains("'latest' is invalid", "2025-05-01-preview");
    }

    @Test
    void shouldRefuseAWellFormedVersionTheProviderDoesNotKnow() {
        Reply reply = arm.get("2099-01-01");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("NoRegisteredProviderFound");
        assertThat(reply.message()).contains("API version '2099-01-01'", "type 'registries'", "2025-11-01");
    }

    @Test
    void shouldRefuseARegistryVersionOnTasksAndATaskVersionOnTheRegistry() {
        Reply tasks = arm.call("GET", ID + "/tasks", PREVIEW, null);
        Reply registry = arm.get(ArmFixture.TASKS);

        assertThat(tasks.code()).isEqualTo("NoRegisteredProviderFound");
        assertThat(tasks.message()).contains("registries/tasks", "2019-06-01-preview");
        assertThat(registry.code()).isEqualTo("NoRegisteredProviderFound");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-02-01-preview", "2023-01-01-preview", "2025-05-01-preview"})
    void shouldShowSoftDeletePolicyOnPreviewVersionsFrom2022(String version) {
        arm.registry.setSoftDelete(true, 30, T0);

        Reply reply = arm.get(version);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/properties/policies/softDeletePolicy/status").asText()).isEqualTo("enabled");
        assertThat(reply.json().at("/properties/policies/softDeletePolicy/retentionDays").asInt()).isEqualTo(30);
        assertThat(reply.json().at("/properties/policies/softDeletePolicy/lastUpdatedTime").asText()).isEqualTo(T0.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-07-01", "2025-04-01", "2025-11-01", "2021-12-01-preview"})
    void shouldOmitSoftDeletePolicyOnStableAndOlderPreviewVersions(String version) {
        arm.registry.setSoftDelete(true, 30, T0);

        Reply reply = arm.get(version);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/properties/policies").has("softDeletePolicy")).isFalse();
        assertThat(reply.json().at("/properties/policies").has("retentionPolicy")).isTrue();
    }

    @Test
    void shouldRefuseAStableUpdateWhenSoftDeleteIsNonDefault() {
        arm.registry.setSoftDelete(true, 7, T0);

        Reply reply = arm.patch("2023-07-01", "{\"properties\":{\"adminUserEnabled\":false}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("SoftDeletePolicyRequiresPreviewApiVersion");
        assertThat(reply.message()).isEqualTo("Cannot override non-default values of soft delete policy for registry"
                + " myregistry using api-version 2023-07-01. Kindly use one of supported api-versions:"
                + " 2022-02-01-preview and later. For more information, please visit https://aka.ms/acr/soft-delete");
        assertThat(arm.registry.adminUserEnabled()).isTrue();
    }

    @Test
    void shouldRefuseAStablePutWhenOnlyTheSoftDeleteDaysDifferFromDefault() {
        arm.registry.setSoftDelete(false, 30, T0);

        Reply reply = arm.put(STABLE, "{\"location\":\"eastus\",\"sku\":{\"name\":\"Premium\"}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.message()).contains("Cannot override non-default values of soft delete policy", STABLE);
    }

    @Test
    void shouldAllowAStableUpdateWhenSoftDeleteIsDefaultAndIgnoreItsSoftDeletePolicy() {
        Reply reply = arm.patch(STABLE, "{\"properties\":{\"policies\":{\"softDeletePolicy\":{\"status\":\"enabled\"},"
                + "\"retentionPolicy\":{\"status\":\"enabled\",\"days\":2}}}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(arm.registry.softDeleteEnabled()).isFalse();
        assertThat(arm.registry.retentionEnabled()).isTrue();
        assertThat(reply.json().at("/properties/policies").has("softDeletePolicy")).isFalse();
    }

    @Test
    void shouldAllowAStableReadOfASoftDeleteRegistry() {
        arm.registry.setSoftDelete(true, 7, T0);

        assertThat(arm.get(STABLE).status()).isEqualTo(200);
    }
}
