package io.acrlifecycle.emulator.arm;

import static io.acrlifecycle.emulator.arm.ArmFixture.ID;
import static io.acrlifecycle.emulator.arm.ArmFixture.PREVIEW;
import static io.acrlifecycle.emulator.arm.ArmFixture.SUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.emulator.arm.ArmFixture.Reply;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArmRoutingTest {
    private final ArmFixture arm = new ArmFixture();

    @Test
    void shouldShapeTheRegistryLikeArm() {
        Reply reply = arm.get(PREVIEW);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("id").asText()).isEqualTo(ID);
        assertThat(reply.json().path("name").asText()).isEqualTo("myregistry");
        assertThat(reply.json().path("type").asText()).isEqualTo("Microsoft.ContainerRegistry/registries");
        assertThat(reply.json().path("location").asText()).isEqualTo("eastus");
        assertThat(reply.json().at("/sku/name").asText()).isEqualTo("Premium");
        assertThat(reply.json().at("/sku/tier").asText()).isEqualTo("Premium");
        assertThat(reply.json().at("/properties/loginServer").asText()).isEqualTo("myregistry.azurecr.io");
        assertThat(reply.json().at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(reply.json().at("/properties/adminUserEnabled").asBoolean()).isTrue();
        assertThat(reply.json().at("/properties/anonymousPullEnabled").asBoolean()).isFalse();
        assertThat(reply.json().at("/properties/zoneRedundancy").asText()).isEqualTo("Disabled");
        assertThat(reply.json().at("/properties/policies/retentionPolicy/status").asText()).isEqualTo("disabled");
        assertThat(reply.json().at("/properties/policies/retentionPolicy/days").asInt()).isEqualTo(7);
        assertThat(reply.json().at("/properties/policies/softDeletePolicy/status").asText()).isEqualTo("disabled");
        assertThat(reply.json().at("/properties/policies/quarantinePolicy/status").asText()).isEqualTo("disabled");
        assertThat(reply.json().at("/properties/policies/trustPolicy/type").asText()).isEqualTo("Notary");
        assertThat(reply.json().at("/properties/policies/exportPolicy/status").asText()).isEqualTo("enabled");
        assertThat(reply.json().at("/properties/policies/azureADAuthenticationAsArmPolicy/status").asText()).isEqualTo("enabled");
    }

    @Test
    void shouldMatchTheResourceIdCaseInsensitively() {
        String path = ID.toUpperCase().replace("MICROSOFT.CONTAINERREGISTRY", "microsoft.containerregistry") + "/";

        Reply reply = arm.call("GET", path, PREVIEW, null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("id").asText()).isEqualTo(ID);
    }

    @Test
    void shouldAnswer404ForAnotherRegistryGroupOrSubscription() {
        Reply registry = arm.call("GET", ID.replace("myregistry", "other"), PREVIEW, null);
        Reply group = arm.call("GET", ID.replace("/rg/", "/rg2/"), PREVIEW, null);
        Reply subscription = arm.call("GET", ID.replace(SUB, "11111111-0000-0000-0000-000000000000"), PREVIEW, null);

        assertThat(registry.status()).isEqualTo(404);
        assertThat(registry.code()).isEqualTo("ResourceNotFound");
        assertThat(registry.message()).contains("Microsoft.ContainerRegistry/registries/other", "resource group 'rg'");
        assertThat(group.status()).isEqualTo(404);
        assertThat(group.code()).isEqualTo("ResourceGroupNotFound");
        assertThat(subscription.status()).isEqualTo(404);
        assertThat(subscription.code()).isEqualTo("SubscriptionNotFound");
    }

    @Test
    void shouldAnswer501NamingTheOperationThatIsNotEmulated() {
        Reply delete = arm.call("DELETE", ID, PREVIEW, null);
        Reply webhooks = arm.call("GET", ID + "/webhooks", PREVIEW, null);
        Reply putTask = arm.call("PUT", ID + "/tasks/nightly", "2019-06-01-preview", "{}");
        Reply list = arm.call("GET", "/subscriptions/" + SUB + "/providers/Microsoft.ContainerRegistry/registries", PREVIEW, null);

        assertThat(delete.status()).isEqualTo(501);
        assertThat(delete.code()).isEqualTo("NotImplemented");
        assertThat(delete.message()).isEqualTo("DELETE " + ID + " is not emulated by the ACR emulator");
        assertThat(webhooks.status()).isEqualTo(501);
        assertThat(webhooks.message()).contains("GET " + ID + "/webhooks");
        assertThat(putTask.status()).isEqualTo(501);
        assertThat(putTask.message()).contains("PUT", "/tasks/nightly");
        assertThat(list.status()).isEqualTo(501);
    }

    @Test
    void shouldRejectAMalformedResourceIdAtConstruction() {
        assertThatThrownBy(() -> new ArmApi(new RegistryResource(), "/subscriptions/x/registries/y",
                "r.azurecr.io", () -> 0, Instant::now))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resourceId");
    }

    @Test
    void shouldListUsagesBySkuWithGetAndPost() {
        arm.storage.set(987_654_321L);

        Reply premium = arm.call("GET", ID + "/listUsages", "2025-11-01", null);
        arm.registry.setSku("Basic");
        Reply basic = arm.call("POST", ID + "/listUsages", "2023-01-01-preview", null);

        assertThat(premium.status()).isEqualTo(200);
        assertThat(premium.json().at("/value/0/name").asText()).isEqualTo("Size");
        assertThat(premium.json().at("/value/0/limit").asLong()).isEqualTo(536_870_912_000L);
        assertThat(premium.json().at("/value/0/currentValue").asLong()).isEqualTo(987_654_321L);
        assertThat(premium.json().at("/value/0/unit").asText()).isEqualTo("Bytes");
        assertThat(premium.json().findValuesAsText("name")).containsExactly("Size", "Webhooks", "ScopeMaps", "Tokens");
        assertThat(premium.json().at("/value/1/unit").asText()).isEqualTo("Count");
        assertThat(basic.json().at("/value/0/limit").asLong()).isEqualTo(10_737_418_240L);
        arm.registry.setSku("Standard");
        assertThat(arm.call("GET", ID + "/listUsages", "2025-11-01", null).json().at("/value/0/limit").asLong())
                .isEqualTo(107_374_182_400L);
    }

    @Test
    void shouldListTheHomeReplicaAndTheExtraOnesWhenGeoReplicated() {
        Reply single = arm.call("GET", ID + "/replications", PREVIEW, null);
        arm.registry.setReplicaLocations(java.util.List.of("westeurope", "japaneast"));
        Reply geo = arm.call("GET", ID + "/replications", "2025-11-01", null);
        Reply one = arm.call("GET", ID + "/replications/JapanEast", "2025-11-01", null);
        Reply missing = arm.call("GET", ID + "/replications/westus", "2025-11-01", null);

        assertThat(single.json().path("value")).hasSize(1);
        assertThat(single.json().at("/value/0/name").asText()).isEqualTo("eastus");
        assertThat(geo.json().findValuesAsText("location")).containsExactly("eastus", "westeurope", "japaneast");
        assertThat(geo.json().at("/value/1/type").asText()).isEqualTo("Microsoft.ContainerRegistry/registries/replications");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("id").asText()).isEqualTo(ID + "/replications/japaneast");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("ResourceNotFound");
    }
}
