package io.acrlifecycle.engine.softdelete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.RegistryPolicies;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.registry.NotFoundException;
import io.acrlifecycle.engine.registry.Registries;
import io.acrlifecycle.engine.softdelete.SoftDeleteRequest.Status;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** acrSoftDeleteEnsure over ARM (preview api-version) against the emulator. */
class SoftDeleteEnsureAgainstEmulatorTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private static long writes(AcrEmulator emu) {
        return emu.requestLog().entries().stream()
                .filter(e -> List.of("PATCH", "PUT", "POST", "DELETE").contains(e.method()))
                .filter(e -> !e.path().startsWith("/oauth2/"))
                .count();
    }

    private static SoftDeleteEnsure createEnsure(AcrRegistry registry, List<String> lines) {
        return new SoftDeleteEnsure(registry, new EngineLog() {
            @Override
            public void info(String line) {
                lines.add(line);
            }

            @Override
            public void warn(String line) {
                lines.add("WARN " + line);
            }
        });
    }

    @Test
    void shouldEnableSoftDeleteVerifyAndBeIdempotent() {
        AcrEmulator emu = EMU.emulator();
        emu.registry().setSoftDelete(false, 7, Instant.now());
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            SoftDeleteEnsure ensure = createEnsure(registry, new ArrayList<>());

            SoftDeleteResult first = ensure.ensure(SoftDeleteRequest.enable(14));
            SoftDeleteResult second = ensure.ensure(SoftDeleteRequest.enable(14));

            assertThat(first.changed()).isTrue();
            assertThat(first.before().softDeleteEnabled()).isFalse();
            assertThat(first.after().softDeleteEnabled()).isTrue();
            assertThat(first.after().softDeleteRetentionDays()).isEqualTo(14);
            assertThat(first.drift()).extracting(FieldChange::field)
                    .containsExactly("softDeletePolicy.status", "softDeletePolicy.retentionDays");
            assertThat(emu.registry().softDeleteEnabled()).isTrue();
            assertThat(emu.registry().softDeleteRetentionDays()).isEqualTo(14);
            assertThat(second.changed()).isFalse();
            assertThat(second.drift()).isEmpty();
            assertThat(second.message()).contains("already as declared");
            assertThat(emu.requestLog().count("PATCH", "/subscriptions/.*")).isEqualTo(1);
            assertThat(emu.requestLog().entries()).filteredOn(e -> e.method().equals("PATCH"))
                    .allSatisfy(e -> assertThat(e.query()).contains("api-version=2023-01-01-preview"));
        }
    }

    @Test
    void shouldChangeNothingInADryRun() {
        AcrEmulator emu = EMU.emulator();
        emu.registry().setSoftDelete(false, 7, Instant.now());
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            SoftDeleteResult r = createEnsure(registry, new ArrayList<>())
                    .ensure(SoftDeleteRequest.enable(30).withDryRun(true));

            assertThat(r.dryRun()).isTrue();
            assertThat(r.changed()).isFalse();
            assertThat(r.after().softDeleteRetentionDays()).isEqualTo(30);
            assertThat(r.message()).startsWith("dry run");
            assertThat(emu.registry().softDeleteEnabled()).isFalse();
            assertThat(writes(emu)).isZero();
        }
    }

    @Test
    void shouldRefuseRetentionDaysZeroAndNinetyOneBeforeAnyCall() {
        AcrEmulator emu = EMU.emulator();
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            SoftDeleteEnsure ensure = createEnsure(registry, new ArrayList<>());

            assertThatThrownBy(() -> ensure.ensure(SoftDeleteRequest.enable(0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retentionDays: 0")
                    .hasMessageContaining("1..90");
            assertThatThrownBy(() -> ensure.ensure(SoftDeleteRequest.enable(91)))
                    .hasMessageContaining("retentionDays: 91");
            assertThat(emu.requestLog().entries()).isEmpty();
        }
    }

    @Test
    void shouldRefuseRetentionOnBasicAndStandardWithoutPatching() {
        AcrEmulator emu = EMU.emulator();
        for (String sku : List.of("Basic", "Standard")) {
            emu.registry().setSku(sku);
            emu.requestLog().clear();
            try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
                assertThatThrownBy(() -> createEnsure(registry, new ArrayList<>()).ensure(
                        SoftDeleteRequest.disable().withUntaggedRetention(Status.ENABLED, 7)))
                        .isInstanceOf(SoftDeleteRuleException.class)
                        .hasMessageContaining("Premium").hasMessageContaining(sku);
                assertThat(writes(emu)).isZero();
                assertThat(emu.registry().retentionEnabled()).isFalse();
            }
        }
    }

    @Test
    void shouldRefuseTheSoftDeleteAndRetentionConflictNamingBothAndTheChoice() {
        AcrEmulator emu = EMU.emulator();
        emu.registry().setSku("Premium");
        emu.registry().setSoftDelete(false, 7, Instant.now());
        emu.registry().setRetention(true, 3, Instant.now());
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            assertThatThrownBy(() -> createEnsure(registry, new ArrayList<>()).ensure(SoftDeleteRequest.enable(7)))
                    .isInstanceOf(SoftDeleteRuleException.class)
                    .hasMessageContaining("softDeletePolicy").hasMessageContaining("retentionPolicy")
                    .hasMessageContaining("Choose one");
            assertThat(writes(emu)).isZero();
            assertThat(emu.registry().retentionEnabled()).isTrue();
        }
    }

    @Test
    void shouldSwitchFromRetentionToSoftDeleteWhenDeclared() {
        AcrEmulator emu = EMU.emulator();
        emu.registry().setSku("Premium");
        emu.registry().setSoftDelete(false, 7, Instant.now());
        emu.registry().setRetention(true, 3, Instant.now());
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            SoftDeleteResult r = createEnsure(registry, new ArrayList<>()).ensure(
                    SoftDeleteRequest.enable(10).withUntaggedRetention(Status.DISABLED, null));

            assertThat(r.changed()).isTrue();
            assertThat(r.after().retentionEnabled()).isFalse();
            assertThat(r.after().softDeleteEnabled()).isTrue();
            assertThat(emu.registry().softDeleteEnabled()).isTrue();
        }
    }

    @Test
    void shouldRefuseSoftDeleteOnGeoReplicatedAndZoneRedundantRegistries() {
        AcrEmulator emu = EMU.emulator();
        emu.registry().setSku("Premium");
        emu.registry().setSoftDelete(false, 7, Instant.now());
        emu.registry().setGeoReplicated(true);
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            assertThatThrownBy(() -> createEnsure(registry, new ArrayList<>()).ensure(SoftDeleteRequest.enable(7)))
                    .isInstanceOf(SoftDeleteRuleException.class).hasMessageContaining("geo-replicated");
            emu.registry().setGeoReplicated(false);
            emu.registry().setZoneRedundant(true);
            assertThatThrownBy(() -> createEnsure(registry, new ArrayList<>()).ensure(SoftDeleteRequest.enable(7)))
                    .isInstanceOf(SoftDeleteRuleException.class).hasMessageContaining("zone-redundant");
            assertThat(writes(emu)).isZero();
        }
    }

    @Test
    void shouldWarnWhenLoweringTheRetentionDays() {
        AcrEmulator emu = EMU.emulator();
        emu.registry().setSoftDelete(true, 30, Instant.now());
        List<String> lines = new ArrayList<>();
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            SoftDeleteResult r = createEnsure(registry, lines).ensure(SoftDeleteRequest.enable(7));

            assertThat(r.changed()).isTrue();
            assertThat(r.warnings()).singleElement().asString().contains("30 to 7");
            assertThat(lines).anyMatch(l -> l.startsWith("WARN ") && l.contains("purged at once"));
        }
    }

    @Test
    void shouldReportAnUnknownRegistryAsNotFoundNamingTheResourceId() {
        AcrEmulator emu = EMU.emulator();
        String unknown = emu.resourceId().replaceFirst("/registries/[^/]+$", "/registries/doesnotexist1");
        try (AcrRegistry registry = Registries.open(EmulatorRegistries.config(emu).resourceId(unknown).build())) {
            assertThatThrownBy(() -> createEnsure(registry, new ArrayList<>()).ensure(SoftDeleteRequest.enable(7)))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("404").hasMessageContaining("resource id");
            assertThat(writes(emu)).isZero();
        }
    }

    @Test
    void shouldReadPoliciesAndUsagesOverArm() {
        AcrEmulator emu = EMU.emulator();
        emu.seed("""
                {"registry": {"sku": "Standard", "softDelete": {"enabled": true, "retentionDays": 9}}}
                """);
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            RegistryPolicies p = registry.policies();

            assertThat(p.sku()).isEqualTo("Standard");
            assertThat(p.softDeleteEnabled()).isTrue();
            assertThat(p.softDeleteRetentionDays()).isEqualTo(9);
            assertThat(p.geoReplicated()).isFalse();
            assertThat(registry.usages()).anySatisfy(u -> {
                assertThat(u.name()).isEqualTo("Size");
                assertThat(u.unit()).isEqualTo("Bytes");
            });
        }
    }

    @Test
    void shouldReadScheduledPurgeTasksWithDecodedYaml() {
        AcrEmulator emu = EMU.emulator();
        emu.seed("""
                {"registry": {"sku": "Standard", "softDelete": {"enabled": true, "retentionDays": 9}},
                 "tasks": [{"name": "purge-nightly", "cmd": "acr purge --filter 'app:.*' --ago 30d --untagged",
                            "schedule": "0 1 * * *", "status": "Enabled"}]}
                """);
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            assertThat(registry.tasks()).singleElement().satisfies(t -> {
                assertThat(t.name()).isEqualTo("purge-nightly");
                assertThat(t.encodedTaskYaml()).contains("acr purge --filter 'app:.*' --ago 30d --untagged");
                assertThat(t.timers()).singleElement().satisfies(timer ->
                        assertThat(timer.schedule()).isEqualTo("0 1 * * *"));
            });
            assertThat(emu.requestLog().entries()).filteredOn(e -> e.path().endsWith("/tasks"))
                    .allSatisfy(e -> assertThat(e.query()).contains("api-version=2019-06-01-preview"));
        }
    }
}
