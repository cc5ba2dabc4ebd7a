package io.acrlifecycle.emulator.arm;

import static io.acrlifecycle.emulator.arm.ArmFixture.PREVIEW;
import static io.acrlifecycle.emulator.arm.ArmFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.emulator.arm.ArmFixture.Reply;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RegistryPolicyValidationTest {
    private final ArmFixture arm = new ArmFixture();

    private static void assertError(Reply reply, String code, String... fragments) {
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo(code);
        assertThat(reply.message()).contains(fragments);
    }

    @Test
    void shouldEnableSoftDeleteAndReturnTheUpdatedResource() {
        Instant later = T0.plusSeconds(60);
        arm.clock.set(later);

        Reply reply = arm.patchPolicies("{\"softDeletePolicy\":{\"status\":\"enabled\",\"retentionDays\":30}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/properties/policies/softDeletePolicy/status").asText()).isEqualTo("enabled");
        assertThat(reply.json().at("/properties/policies/softDeletePolicy/retentionDays").asInt()).isEqualTo(30);
        assertThat(reply.json().at("/properties/policies/softDeletePolicy/lastUpdatedTime").asText()).isEqualTo(later.toString());
        assertThat(arm.registry.softDeleteEnabled()).isTrue();
        assertThat(arm.registry.softDeleteRetentionDays()).isEqualTo(30);
        assertThat(arm.registry.softDeleteLastUpdated()).isEqualTo(later);
    }

    @Test
    void shouldKeepTheCurrentStatusWhenAPatchOnlyChangesDays() {
        arm.registry.setSoftDelete(true, 7, T0);

        Reply reply = arm.patchPolicies("{\"softDeletePolicy\":{\"retentionDays\":14}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(arm.registry.softDeleteEnabled()).isTrue();
        assertThat(arm.registry.softDeleteRetentionDays()).isEqualTo(14);
    }

    @Test
    void shouldRefuseSoftDeleteRetentionDaysOutsideOneToNinety() {
        assertError(arm.patchPolicies("{\"softDeletePolicy\":{\"status\":\"enabled\",\"retentionDays\":0}}"),
                "InvalidSoftDeletePolicy", "softDeletePolicy.retentionDays", "0 is out of range", "1 to 90");
        assertError(arm.patchPolicies("{\"softDeletePolicy\":{\"retentionDays\":91}}"),
                "InvalidSoftDeletePolicy", "softDeletePolicy.retentionDays", "91", "1 to 90");
        assertError(arm.patchPolicies("{\"softDeletePolicy\":{\"retentionDays\":\"seven\"}}"),
                "InvalidSoftDeletePolicy", "softDeletePolicy.retentionDays", "whole number");
        assertThat(arm.registry.softDeleteEnabled()).isFalse();
        assertThat(arm.registry.softDeleteRetentionDays()).isEqualTo(7);
    }

    @Test
    void shouldAcceptTheBoundariesOfTheDayRanges() {
        assertThat(arm.patchPolicies("{\"softDeletePolicy\":{\"retentionDays\":1}}").status()).isEqualTo(200);
        assertThat(arm.patchPolicies("{\"softDeletePolicy\":{\"retentionDays\":90}}").status()).isEqualTo(200);
        assertThat(arm.patchPolicies("{\"retentionPolicy\":{\"days\":0}}").status()).isEqualTo(200);
        assertThat(arm.patchPolicies("{\"retentionPolicy\":{\"days\":365}}").status()).isEqualTo(200);
        assertThat(arm.registry.retentionDays()).isEqualTo(365);
    }

    @Test
    void shouldRefuseRetentionDaysOutsideZeroTo365() {
        assertError(arm.patchPolicies("{\"retentionPolicy\":{\"status\":\"enabled\",\"days\":366}}"),
                "InvalidRetentionPolicy", "retentionPolicy.days", "366 is out of range", "0 to 365");
        assertError(arm.patchPolicies("{\"retentionPolicy\":{\"days\":-1}}"),
                "InvalidRetentionPolicy", "retentionPolicy.days", "-1", "0 to 365");
        assertThat(arm.registry.retentionEnabled()).isFalse();
    }

    @Test
    void shouldRefuseAStatusOtherThanEnabledOrDisabled() {
        assertError(arm.patchPolicies("{\"softDeletePolicy\":{\"status\":\"on\"}}"),
                "InvalidSoftDeletePolicy", "softDeletePolicy.status", "'on'", "accepted: enabled, disabled");
        assertError(arm.patchPolicies("{\"retentionPolicy\":{\"status\":\"yes\"}}"),
                "InvalidRetentionPolicy", "retentionPolicy.status", "'yes'", "accepted: enabled, disabled");
        assertError(arm.patchPolicies("{\"exportPolicy\":{\"status\":\"maybe\"}}"),
                "InvalidPolicy", "exportPolicy.status", "accepted: enabled, disabled");
    }

    @Test
    void shouldAcceptStatusCaseInsensitively() {
        Reply reply = arm.patchPolicies("{\"retentionPolicy\":{\"status\":\"Enabled\",\"days\":3}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/properties/policies/retentionPolicy/status").asText()).isEqualTo("enabled");
    }

    @Test
    void shouldRefuseRetentionOnANonPremiumRegistry() {
        arm.registry.setSku("Standard");

        assertError(arm.patchPolicies("{\"retentionPolicy\":{\"status\":\"enabled\",\"days\":7}}"),
                "PolicyNotSupportedForSku", "retentionPolicy", "only supported", "Premium", "Standard");
        assertThat(arm.registry.retentionEnabled()).isFalse();
    }

    @Test
    void shouldRefuseRetentionWhenTheSameRequestDowngradesTheSku() {
        assertError(arm.patch(PREVIEW, "{\"sku\":{\"name\":\"Basic\"},\"properties\":{\"policies\":"
                + "{\"retentionPolicy\":{\"status\":\"enabled\"}}}}"), "PolicyNotSupportedForSku", "Basic");
        assertThat(arm.registry.sku()).isEqualTo("Premium");
    }

    @Test
    void shouldRefuseDowngradingBelowPremiumWhileRetentionIsEnabled() {
        arm.registry.setRetention(true, 5, T0);

        assertError(arm.patch(PREVIEW, "{\"sku\":{\"name\":\"Standard\"}}"),
                "SkuDowngradeNotAllowed", "sku.name", "Premium to Standard", "retentionPolicy is enabled");
        assertThat(arm.registry.sku()).isEqualTo("Premium");
    }

    @Test
    void shouldAllowDowngradingWhenTheSameRequestDisablesRetention() {
        arm.registry.setRetention(true, 5, T0);

        Reply reply = arm.patch(PREVIEW, "{\"sku\":{\"name\":\"Standard\"},\"properties\":{\"policies\":"
                + "{\"retentionPolicy\":{\"status\":\"disabled\"}}}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/sku/name").asText()).isEqualTo("Standard");
        assertThat(reply.json().at("/sku/tier").asText()).isEqualTo("Standard");
        assertThat(arm.registry.retentionEnabled()).isFalse();
    }

    @Test
    void shouldRefuseDowngradingAGeoReplicatedRegistry() {
        arm.registry.setGeoReplicated(true);

        assertError(arm.patch(PREVIEW, "{\"sku\":{\"name\":\"Basic\"}}"), "SkuDowngradeNotAllowed", "geo-replicated");
    }

    @Test
    void shouldRefuseAnUnknownSku() {
        assertError(arm.patch(PREVIEW, "{\"sku\":{\"name\":\"Gold\"}}"), "InvalidSku", "sku.name", "'Gold'",
                "Basic, Standard, Premium");
    }

    @Test
    void shouldRefuseEnablingSoftDeleteAndRetentionInOneRequest() {
        assertError(arm.patchPolicies("{\"softDeletePolicy\":{\"status\":\"enabled\"},"
                + "\"retentionPolicy\":{\"status\":\"enabled\"}}"), "PolicyConflict",
                "softDeletePolicy and retentionPolicy cannot both be enabled", "enables both");
        assertThat(arm.registry.softDeleteEnabled()).isFalse();
        assertThat(arm.registry.retentionEnabled()).isFalse();
    }

    @Test
    void shouldRefuseEnablingSoftDeleteWhileRetentionIsOn() {
        arm.registry.setRetention(true, 3, T0);

        assertError(arm.patchPolicies("{\"softDeletePolicy\":{\"status\":\"enabled\"}}"), "PolicyConflict",
                "softDeletePolicy", "retentionPolicy is enabled (days=3)");
        assertThat(arm.registry.softDeleteEnabled()).isFalse();
    }

    @Test
    void shouldRefuseEnablingRetentionWhileSoftDeleteIsOn() {
        arm.registry.setSoftDelete(true, 9, T0);

        assertError(arm.patchPolicies("{\"retentionPolicy\":{\"status\":\"enabled\"}}"), "PolicyConflict",
                "retentionPolicy", "softDeletePolicy is enabled (retentionDays=9)");
        assertThat(arm.registry.retentionEnabled()).isFalse();
    }

    @Test
    void shouldAllowSwitchingFromRetentionToSoftDeleteInOneRequest() {
        arm.registry.setRetention(true, 3, T0);

        Reply reply = arm.patchPolicies("{\"softDeletePolicy\":{\"status\":\"enabled\"},"
                + "\"retentionPolicy\":{\"status\":\"disabled\"}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(arm.registry.softDeleteEnabled()).isTrue();
        assertThat(arm.registry.retentionEnabled()).isFalse();
    }

    @Test
    void shouldRefuseSoftDeleteOnAGeoReplicatedRegistry() {
        arm.registry.setGeoReplicated(true);

        assertError(arm.patchPolicies("{\"softDeletePolicy\":{\"status\":\"enabled\"}}"), "SoftDeleteNotSupported",
                "softDeletePolicy", "geo-replicated", "eastus, westeurope");
        assertThat(arm.registry.softDeleteEnabled()).isFalse();
    }

    @Test
    void shouldRefuseSoftDeleteOnAZoneRedundantRegistry() {
        arm.registry.setZoneRedundant(true);

        assertError(arm.patchPolicies("{\"softDeletePolicy\":{\"status\":\"enabled\"}}"), "SoftDeleteNotSupported",
                "zone-redundant");
    }

    @Test
    void shouldLetASeededIllegalStateSurviveUnrelatedChanges() {
        arm.registry.setGeoReplicated(true);
        arm.registry.setSoftDelete(true, 7, T0);

        Reply reply = arm.patch(PREVIEW, "{\"properties\":{\"adminUserEnabled\":false}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(arm.registry.adminUserEnabled()).isFalse();
        assertThat(arm.registry.softDeleteEnabled()).isTrue();
    }

    @Test
    void shouldRecordWhenRetentionWasEnabled() {
        Instant later = T0.plusSeconds(3600);
        arm.clock.set(later);

        Reply reply = arm.patchPolicies("{\"retentionPolicy\":{\"status\":\"enabled\",\"days\":1}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(arm.registry.retentionEnabledAt()).isEqualTo(later);
        assertThat(reply.json().at("/properties/policies/retentionPolicy/lastUpdatedTime").asText()).isEqualTo(later.toString());
    }

    @Test
    void shouldRefuseMalformedJsonAndWrongTypes() {
        assertError(arm.patch(PREVIEW, "{\"properties\":"), "InvalidRequestContent", "could not be deserialized");
        assertError(arm.patch(PREVIEW, "[1]"), "InvalidRequestContent", "JSON object");
        assertError(arm.patch(PREVIEW, "{\"properties\":{\"adminUserEnabled\":\"yes\"}}"), "InvalidRequestContent",
                "properties.adminUserEnabled", "true, false");
        assertError(arm.patch(PREVIEW, "{\"properties\":{\"policies\":[]}}"), "InvalidRequestContent", "policies");
    }

    @Test
    void shouldReplaceOnPutAndResetAbsentPoliciesToDefaults() {
        arm.registry.setSoftDelete(true, 20, T0);

        Reply reply = arm.put(PREVIEW, "{\"location\":\"East US\",\"sku\":{\"name\":\"premium\"},"
                + "\"properties\":{\"policies\":{\"retentionPolicy\":{\"status\":\"enabled\",\"days\":10}}}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(arm.registry.softDeleteEnabled()).isFalse();
        assertThat(arm.registry.softDeleteRetentionDays()).isEqualTo(7);
        assertThat(arm.registry.retentionEnabled()).isTrue();
        assertThat(arm.registry.sku()).isEqualTo("Premium");
        assertThat(arm.registry.adminUserEnabled()).as("absent in a PUT means ARM's default, false").isFalse();
    }

    @Test
    void shouldRefuseAPutWithoutSkuOrLocationOrWithAnotherLocation() {
        assertError(arm.put(PREVIEW, "{\"location\":\"eastus\"}"), "InvalidRequestContent", "sku", "required");
        assertError(arm.put(PREVIEW, "{\"sku\":{\"name\":\"Premium\"}}"), "LocationRequired", "location");
        assertError(arm.put(PREVIEW, "{\"location\":\"westus\",\"sku\":{\"name\":\"Premium\"}}"),
                "InvalidResourceLocation", "westus", "eastus");
    }

    @Test
    void shouldRefuseChangingZoneRedundancyOnPut() {
        assertError(arm.put(PREVIEW, "{\"location\":\"eastus\",\"sku\":{\"name\":\"Premium\"},"
                + "\"properties\":{\"zoneRedundancy\":\"Enabled\"}}"), "ZoneRedundancyCannotBeChanged",
                "properties.zoneRedundancy");
    }

    @Test
    void shouldPutBackWhatGetReturned() {
        arm.registry.setSoftDelete(true, 12, T0);
        String body = arm.get(PREVIEW).json().toString();

        Reply reply = arm.put(PREVIEW, body);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(arm.registry.softDeleteEnabled()).isTrue();
        assertThat(arm.registry.softDeleteRetentionDays()).isEqualTo(12);
    }
}
