package io.acrlifecycle.engine.softdelete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.engine.model.RegistryPolicies;
import io.acrlifecycle.engine.softdelete.SoftDeleteRequest.Status;
import org.junit.jupiter.api.Test;

class SoftDeleteRulesTest {
    private static final RegistryPolicies PREMIUM_OFF = new RegistryPolicies("Premium", false, 7, false, 7, false,
            false);

    @Test
    void shouldRefuseRetentionDaysOutsideOneToNinetyNamingTheField() {
        assertThatThrownBy(() -> SoftDeleteRequest.enable(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retentionDays: 0 is out of range; accepted: 1..90 days");
        assertThatThrownBy(() -> SoftDeleteRequest.enable(91)).hasMessageContaining("retentionDays: 91");
        assertThat(SoftDeleteRequest.enable(1).retentionDays()).isEqualTo(1);
        assertThat(SoftDeleteRequest.enable(90).retentionDays()).isEqualTo(90);
    }

    @Test
    void shouldRefuseUntaggedRetentionDaysOutsideZeroTo365() {
        assertThatThrownBy(() -> SoftDeleteRequest.disable().withUntaggedRetention(Status.ENABLED, 366))
                .hasMessageStartingWith("untaggedRetention.days: 366").hasMessageContaining("0..365");
        assertThatThrownBy(() -> SoftDeleteRequest.disable().withUntaggedRetention(Status.ENABLED, -1))
                .hasMessageStartingWith("untaggedRetention.days: -1");
        assertThatThrownBy(() -> Status.parse("softDelete", "on"))
                .hasMessage("softDelete: 'on' is not a status; accepted: enabled, disabled");
    }

    @Test
    void shouldKeepCurrentValuesForFieldsTheRequestLeavesOpen() {
        RegistryPolicies before = new RegistryPolicies("Premium", false, 30, false, 12, false, false);

        RegistryPolicies d = SoftDeleteEnsure.desired(before,
                new SoftDeleteRequest(Status.ENABLED, null, null, false));

        assertThat(d.softDeleteEnabled()).isTrue();
        assertThat(d.softDeleteRetentionDays()).isEqualTo(30);
        assertThat(d.retentionDays()).isEqualTo(12);
    }

    @Test
    void shouldReportConflictNamingBothPoliciesAndTheChoice() {
        RegistryPolicies retentionOn = new RegistryPolicies("Premium", false, 7, true, 3, false, false);
        RegistryPolicies d = SoftDeleteEnsure.desired(retentionOn, SoftDeleteRequest.enable(7));

        assertThatThrownBy(() -> SoftDeleteEnsure.checkRules(retentionOn, d))
                .isInstanceOf(SoftDeleteRuleException.class)
                .hasMessageContaining("softDeletePolicy").hasMessageContaining("retentionPolicy")
                .hasMessageContaining("Choose one")
                .satisfies(e -> assertThat(((SoftDeleteRuleException) e).rule())
                        .isEqualTo(SoftDeleteRuleException.Rule.SOFT_DELETE_AND_RETENTION));
    }

    @Test
    void shouldAllowSwitchingFromRetentionToSoftDeleteWhenTheRequestSaysSo() {
        RegistryPolicies retentionOn = new RegistryPolicies("Premium", false, 7, true, 3, false, false);
        RegistryPolicies d = SoftDeleteEnsure.desired(retentionOn,
                SoftDeleteRequest.enable(14).withUntaggedRetention(Status.DISABLED, null));

        SoftDeleteEnsure.checkRules(retentionOn, d);

        assertThat(SoftDeleteEnsure.drift(retentionOn, d)).extracting(FieldChange::field)
                .containsExactly("softDeletePolicy.status", "softDeletePolicy.retentionDays", "retentionPolicy.status");
    }

    @Test
    void shouldRefuseSoftDeleteOnGeoReplicatedOrZoneRedundantAndRetentionBelowPremium() {
        RegistryPolicies geo = new RegistryPolicies("Premium", false, 7, false, 7, true, false);
        RegistryPolicies zone = new RegistryPolicies("Premium", false, 7, false, 7, false, true);
        RegistryPolicies standard = new RegistryPolicies("Standard", false, 7, false, 7, false, false);

        assertThatThrownBy(() -> SoftDeleteEnsure.checkRules(geo, SoftDeleteEnsure.desired(geo,
                SoftDeleteRequest.enable(7)))).hasMessageContaining("geo-replicated");
        assertThatThrownBy(() -> SoftDeleteEnsure.checkRules(zone, SoftDeleteEnsure.desired(zone,
                SoftDeleteRequest.enable(7)))).hasMessageContaining("zone-redundant");
        assertThatThrownBy(() -> SoftDeleteEnsure.checkRules(standard, SoftDeleteEnsure.desired(standard,
                SoftDeleteRequest.disable().withUntaggedRetention(Status.ENABLED, 7))))
                .hasMessageContaining("Premium").hasMessageContaining("Standard");
    }

    @Test
    void shouldFindNoDriftWhenAlreadyAsDeclared() {
        RegistryPolicies on = new RegistryPolicies("Basic", true, 7, false, 7, false, false);

        assertThat(SoftDeleteEnsure.drift(on, SoftDeleteEnsure.desired(on, SoftDeleteRequest.enable(7)))).isEmpty();
    }

    @Test
    void shouldWarnWhenDaysGoDownOrSoftDeleteIsSwitchedOff() {
        RegistryPolicies on30 = new RegistryPolicies("Basic", true, 30, false, 7, false, false);

        assertThat(SoftDeleteEnsure.warnings(on30, SoftDeleteEnsure.desired(on30, SoftDeleteRequest.enable(7))))
                .singleElement().asString().contains("30 to 7", "purged at once");
        assertThat(SoftDeleteEnsure.warnings(on30, SoftDeleteEnsure.desired(on30, SoftDeleteRequest.disable())))
                .anySatisfy(w -> assertThat(w).contains("does not stop the purge"));
        assertThat(SoftDeleteEnsure.warnings(PREMIUM_OFF, SoftDeleteEnsure.desired(PREMIUM_OFF,
                SoftDeleteRequest.enable(30)))).isEmpty();
    }

    @Test
    void shouldSerialiseTheResultThroughTheSharedJson() {
        RegistryPolicies on = new RegistryPolicies("Basic", true, 14, false, 7, false, false);
        SoftDeleteResult r = new SoftDeleteResult(PREMIUM_OFF, on, SoftDeleteEnsure.drift(PREMIUM_OFF, on), true,
                false, "changed", java.util.List.of());

        assertThat(io.acrlifecycle.engine.json.Json.write(r)).contains("\"changed\":true",
                "\"field\":\"softDeletePolicy.retentionDays\"", "\"before\":\"7\"", "\"after\":\"14\"");
    }
}
