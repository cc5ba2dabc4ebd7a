package io.acrlifecycle.engine.softdelete;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.registry.Registries;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import io.acrlifecycle.engine.usage.UsageReport;
import io.acrlifecycle.engine.usage.UsageService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listing soft-deleted items and usage against the emulator. */
class SoftDeletedItemsAgainstEmulatorTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    static final String SEED = """
            {"registry": {"sku": "Premium", "softDelete": {"enabled": true, "retentionDays": 7}},
             "repositories": [
              {"name": "app", "manifests": [
                {"id": "a1", "tags": ["v1"]},
                {"id": "gone", "tags": ["v0", "old"], "deleted": true, "deletedAt": "-2d", "size": 5000},
                {"id": "gone2", "deleted": true, "deletedAt": "-3d", "size": 700}
              ]},
              {"name": "team/removed", "manifests": [
                {"id": "r1", "tags": ["x"], "deleted": true, "deletedAt": "-1d", "size": 300}
              ]}
            ]}
            """;

    @Test
    void shouldListDeletedManifestsWithFormerTagsAndExpiryFromCurrentDays() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        try (AcrRegistry registry = Registries.open(EmulatorRegistries.config(emu).pageSize(1).build())) {
            SoftDeletedItems.Listing app = new SoftDeletedItems(registry).repository("app");

            DeletedManifest gone = app.manifests().stream()
                    .filter(m -> m.digest().equals(emu.digestOf("app", "gone"))).findFirst().orElseThrow();
            assertThat(gone.formerTags()).containsExactlyInAnyOrder("v0", "old");
            assertThat(gone.deletedAt()).isCloseTo(emu.clock().now().minus(2, ChronoUnit.DAYS),
                    org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
            assertThat(gone.expiresAt()).isEqualTo(gone.deletedAt().plus(7, ChronoUnit.DAYS));
            assertThat(gone.size()).isEqualTo(5000);
            assertThat(app.manifests()).hasSize(2);
            assertThat(app.tags()).extracting(t -> t.tag()).contains("v0", "old");

            // expiry follows the CURRENT days
            emu.registry().setSoftDelete(true, 30, Instant.now());
            DeletedManifest later = new SoftDeletedItems(registry).repository("app").manifests().stream()
                    .filter(m -> m.digest().equals(gone.digest())).findFirst().orElseThrow();
            assertThat(later.expiresAt()).isEqualTo(gone.deletedAt().plus(30, ChronoUnit.DAYS));
        }
    }

    @Test
    void shouldListRegistryWideIncludingRepositoriesThatAreGone() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            SoftDeletedItems.Listing all = new SoftDeletedItems(registry).registryWide();

            assertThat(all.manifests()).extracting(DeletedManifest::repository)
                    .containsExactlyInAnyOrder("app", "app", "team/removed");
            assertThat(all.repositories()).extracting(r -> r.name()).contains("team/removed");
            assertThat(all.totalKnownBytes()).isEqualTo(6000);
        }
    }

    @Test
    void shouldReportStorageAndSoftDeletedUsage() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            UsageReport usage = new UsageService(registry).usage();

            assertThat(usage.storageLimitBytes()).isPositive();
            assertThat(usage.storageUsedBytes()).isPositive();
            assertThat(usage.softDeletedManifests()).isEqualTo(3);
            assertThat(usage.softDeletedEstimatedBytes()).isEqualTo(6000);
            assertThat(usage.softDeletedUnknownSize()).isZero();
            assertThat(usage.storageUsedPercent()).isBetween(0.0, 100.0);
        }
    }
}
