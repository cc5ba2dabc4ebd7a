package io.acrlifecycle.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.json.Json;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** acrRestore against the emulator: outcomes, force, expiry, order, dry run. */
class RestoreAgainstEmulatorTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    static final String SEED = """
            {"registry": {"sku": "Premium", "softDelete": {"enabled": true, "retentionDays": 7}},
             "repositories": [
              {"name": "app", "manifests": [
                {"id": "gone", "tags": ["v0", "v1"], "deleted": true, "deletedAt": "-2d"},
                {"id": "a1", "tags": ["v1"]},
                {"id": "rel-old", "tags": ["rel"], "deleted": true, "deletedAt": "-5d"},
                {"id": "rel-new", "tags": ["rel"], "deleted": true, "deletedAt": "-1d"}
              ]},
              {"name": "multi", "manifests": [
                {"id": "c1", "deleted": true, "deletedAt": "-1d"},
                {"id": "c2", "deleted": true, "deletedAt": "-1d"},
                {"id": "idx", "mediaType": "application/vnd.oci.image.index.v1+json", "children": ["c1", "c2"],
                 "tags": ["multi"], "deleted": true, "deletedAt": "-1d"},
                {"id": "sig", "subject": "c1", "artifactType": "application/vnd.cncf.notary.signature",
                 "deleted": true, "deletedAt": "-1d"}
              ]}
            ]}
            """;

    private static RestoreService createService(AcrRegistry registry, AcrEmulator emu) {
        Clock emulatorTime = Clock.fixed(emu.clock().now(), ZoneOffset.UTC);
        return new RestoreService(registry, EngineLog.SILENT, emulatorTime);
    }

    /** Restore calls that reached the emulator's handler (the 401 challenge rounds do not count). */
    private static long posts(AcrEmulator emu) {
        return emu.requestLog().entries().stream().filter(e -> e.method().equals("POST")
                && e.path().startsWith("/acr/v1/_deleted/") && e.status() != 401).count();
    }

    @Test
    void shouldRestoreByDigestWithItsTag() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String gone = emu.digestOf("app", "gone");
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            RestoreReport report = createService(registry, emu).restore(RestoreRequest.digest("app", gone, "v0"));

            assertThat(report.items()).singleElement().satisfies(i -> {
                assertThat(i.outcome()).isEqualTo(RestoreOutcome.RESTORED);
                assertThat(i.restoredTags()).containsExactly("v0");
            });
            assertThat(report.totals().restored()).isEqualTo(1);
            assertThat(registry.tag("app", "v0").orElseThrow().digest()).isEqualTo(gone);
            assertThat(posts(emu)).isEqualTo(1);
        }
    }

    @Test
    void shouldRestoreWhenTheFirstRestoreCallLosesItsConnection() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String gone = emu.digestOf("app", "gone");
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            emu.faults().add(io.acrlifecycle.emulator.FaultRule.drop("POST", "/acr/v1/_deleted/.*").times(1));

            RestoreReport report = createService(registry, emu).restore(RestoreRequest.digest("app", gone, "v0"));

            assertThat(report.items()).singleElement().extracting(RestoreItemResult::outcome)
                    .isEqualTo(RestoreOutcome.RESTORED);
            assertThat(registry.tag("app", "v0").orElseThrow().digest()).isEqualTo(gone);
        }
    }

    @Test
    void shouldRestoreByTagTheNewestDeletedManifestThatHeldIt() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            RestoreReport report = createService(registry, emu).restore(RestoreRequest.tag("app", "rel"));

            assertThat(report.items()).singleElement().extracting(RestoreItemResult::digest)
                    .isEqualTo(emu.digestOf("app", "rel-new"));
            assertThat(registry.tag("app", "rel").orElseThrow().digest()).isEqualTo(emu.digestOf("app", "rel-new"));
        }
    }

    @Test
    void shouldNotMoveALiveTagWithoutForceAndSendNoRestore() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String gone = emu.digestOf("app", "gone");
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            RestoreReport report = createService(registry, emu).restore(RestoreRequest.digest("app", gone, "v1"));

            assertThat(report.items()).singleElement().satisfies(i -> {
                assertThat(i.outcome()).isEqualTo(RestoreOutcome.CONFLICT);
                assertThat(i.liveDigest()).isEqualTo(emu.digestOf("app", "a1"));
                assertThat(i.message()).contains("force");
            });
            assertThat(posts(emu)).isZero();
            assertThat(registry.tag("app", "v1").orElseThrow().digest()).isEqualTo(emu.digestOf("app", "a1"));
        }
    }

    @Test
    void shouldMoveTheLiveTagWithForce() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String gone = emu.digestOf("app", "gone");
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            RestoreReport report = createService(registry, emu).restore(
                    RestoreRequest.digest("app", gone, "v1").withForce(true));

            assertThat(report.items()).singleElement().extracting(RestoreItemResult::outcome)
                    .isEqualTo(RestoreOutcome.RESTORED);
            assertThat(registry.tag("app", "v1").orElseThrow().digest()).isEqualTo(gone);
            assertThat(emu.requestLog().entries()).filteredOn(e -> e.method().equals("POST")
                    && e.path().startsWith("/acr/v1/_deleted/") && e.status() != 401).singleElement()
                    .satisfies(e -> assertThat(e.query()).containsIgnoringCase("force=true"));
        }
    }

    @Test
    void shouldReportAnExpiredItemAsExpiredAndAnUnknownOneAsNotFound() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String gone = emu.digestOf("app", "gone");
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            DeletedManifest before = java.util.stream.StreamSupport.stream(
                    registry.deletedManifests("app").spliterator(), false)
                    .filter(m -> m.digest().equals(gone)).findFirst().orElseThrow();
            emu.clock().advance(Duration.ofDays(6)); // deleted 2 days ago + 7 days retention: due, purged

            RestoreReport report = createService(registry, emu).restore(RestoreRequest.undo(List.of(
                    new RestoreTarget("app", gone, List.of("v0"), null, List.of(), before.deletedAt()),
                    RestoreTarget.of("app", "sha256:" + "e".repeat(64), "x"))));

            assertThat(report.items()).extracting(RestoreItemResult::outcome)
                    .containsExactly(RestoreOutcome.EXPIRED, RestoreOutcome.NOT_FOUND);
            assertThat(report.totals().expired()).isEqualTo(1);
            assertThat(posts(emu)).isZero();
        }
    }

    @Test
    void shouldReportALiveManifestAsAlreadyLive() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            RestoreReport report = createService(registry, emu).restore(
                    RestoreRequest.digest("app", emu.digestOf("app", "a1"), "v1"));

            assertThat(report.items()).singleElement().extracting(RestoreItemResult::outcome)
                    .isEqualTo(RestoreOutcome.ALREADY_LIVE);
            assertThat(report.complete()).isTrue();
            assertThat(posts(emu)).isZero();
        }
    }

    @Test
    void shouldRestoreChildrenAndSubjectsBeforeTheIndexAndTheReferrer() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String c1 = emu.digestOf("multi", "c1");
        String c2 = emu.digestOf("multi", "c2");
        String idx = emu.digestOf("multi", "idx");
        String sig = emu.digestOf("multi", "sig");
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            // given the purge journal in an unhelpful order
            RestoreReport report = createService(registry, emu).restore(RestoreRequest.undo(List.of(
                    new RestoreTarget("multi", sig, List.of(), c1, List.of()),
                    new RestoreTarget("multi", idx, List.of("multi"), null, List.of(c1, c2)),
                    RestoreTarget.of("multi", c1),
                    RestoreTarget.of("multi", c2))));

            assertThat(report.items()).extracting(RestoreItemResult::digest).containsExactly(c1, c2, sig, idx);
            assertThat(report.items()).allSatisfy(i -> assertThat(i.outcome()).isEqualTo(RestoreOutcome.RESTORED));
            List<ManifestInfo> live = new java.util.ArrayList<>();
            registry.manifests("multi").forEach(live::add);
            assertThat(live).extracting(ManifestInfo::digest).containsExactlyInAnyOrder(c1, c2, idx, sig);
            // children and referrer come back untagged, as they were; the index gets its tag
            assertThat(live).filteredOn(m -> !m.digest().equals(idx)).allSatisfy(m -> assertThat(m.tags()).isEmpty());
            assertThat(registry.tag("multi", "multi").orElseThrow().digest()).isEqualTo(idx);
        }
    }

    @Test
    void shouldReportRestoredWithAWarningWhenTheTemporaryTagCannotBeRemoved() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String c1 = emu.digestOf("multi", "c1");
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            emu.faults().add(io.acrlifecycle.emulator.FaultRule.status("DELETE",
                    "/acr/v1/.*/_tags/acrl-restore-.*", 500).times(10));

            RestoreReport report = createService(registry, emu).restore(RestoreRequest.digest("multi", c1, null));

            String temp = RestoreService.TEMP_TAG_PREFIX + c1.substring(7, 19);
            assertThat(report.items()).singleElement().satisfies(i -> {
                assertThat(i.outcome()).isEqualTo(RestoreOutcome.RESTORED);
                assertThat(i.warnings()).singleElement().asString().contains("multi:" + temp)
                        .contains("can be deleted").contains("manifest is restored");
                assertThat(i.message()).contains("warning").contains(temp);
            });
            assertThat(report.complete()).isTrue();
            assertThat(registry.manifest("multi", c1)).isPresent();
            assertThat(registry.tag("multi", temp).orElseThrow().digest()).isEqualTo(c1); // the leftover is real
        }
    }

    @Test
    void shouldLeaveASoftDeletedRecordOfTheTemporaryTagWhenSoftDeleteIsOn() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String c1 = emu.digestOf("multi", "c1");
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            RestoreReport report = createService(registry, emu).restore(RestoreRequest.digest("multi", c1, null));

            assertThat(report.items()).singleElement().satisfies(i -> {
                assertThat(i.outcome()).isEqualTo(RestoreOutcome.RESTORED);
                assertThat(i.warnings()).isEmpty();
            });
            assertThat(registry.manifest("multi", c1).orElseThrow().tags()).isEmpty();
            // what docs/restore.md says: the removed temporary tag is itself soft-deleted
            assertThat(registry.deletedTags("multi")).anySatisfy(t -> {
                assertThat(t.tag()).startsWith(RestoreService.TEMP_TAG_PREFIX);
                assertThat(t.digest()).isEqualTo(c1);
            });
        }
    }

    @Test
    void shouldChangeNothingInADryRun() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String gone = emu.digestOf("app", "gone");
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            RestoreReport report = createService(registry, emu).restore(
                    RestoreRequest.digest("app", gone, "v0").withDryRun(true));

            assertThat(report.dryRun()).isTrue();
            assertThat(report.items()).singleElement().satisfies(i -> {
                assertThat(i.outcome()).isEqualTo(RestoreOutcome.WOULD_RESTORE);
                assertThat(i.restoredTags()).containsExactly("v0"); // the tags a real run would restore
                assertThat(i.message()).startsWith("dry run");
            });
            assertThat(report.totals().wouldRestore()).isEqualTo(1);
            assertThat(report.totals().restored()).isZero();
            assertThat(posts(emu)).isZero();
            assertThat(registry.manifest("app", gone)).isEmpty();
        }
    }

    @Test
    void shouldReportInADryRunEveryOutcomeARealRunWouldReport() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String gone = emu.digestOf("app", "gone");
        String a1 = emu.digestOf("app", "a1");
        String relOld = emu.digestOf("app", "rel-old");
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            DeletedManifest old = java.util.stream.StreamSupport.stream(
                    registry.deletedManifests("app").spliterator(), false)
                    .filter(m -> m.digest().equals(relOld)).findFirst().orElseThrow();
            emu.clock().advance(Duration.ofDays(3)); // rel-old: deleted 5 days ago + 7 days retention: purged
            emu.requestLog().clear();

            RestoreReport report = createService(registry, emu).restore(new RestoreRequest(List.of(
                    RestoreTarget.of("app", gone, "v0"),
                    RestoreTarget.of("app", a1, "v1"),
                    RestoreTarget.of("app", emu.digestOf("app", "rel-new"), "v1"),
                    RestoreTarget.of("app", "sha256:" + "e".repeat(64), "x"),
                    new RestoreTarget("app", relOld, List.of("rel"), null, List.of(), old.deletedAt())),
                    List.of(), false, true));

            assertThat(report.items()).extracting(RestoreItemResult::outcome).containsExactly(
                    RestoreOutcome.WOULD_RESTORE, RestoreOutcome.ALREADY_LIVE, RestoreOutcome.CONFLICT,
                    RestoreOutcome.NOT_FOUND, RestoreOutcome.EXPIRED);
            assertThat(report.items().get(2).liveDigest()).isEqualTo(a1);
            assertThat(report.totals()).isEqualTo(new RestoreReport.Totals(0, 1, 1, 1, 1, 0, 1));
            assertThat(report.complete()).isFalse();
            assertThat(Json.write(report)).contains("\"outcome\":\"WOULD_RESTORE\"", "\"wouldRestore\":1",
                    "\"restored\":0");
            assertThat(emu.requestLog().entries()).noneMatch(e -> !e.path().startsWith("/oauth2/")
                    && List.of("PATCH", "PUT", "POST", "DELETE").contains(e.method()));
        }
    }

    @Test
    void shouldRefuseBadInputBeforeAnyCallAndWriteTheReportAsJson() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            emu.requestLog().clear();
            assertThatThrownBy(() -> createService(registry, emu).restore(
                    RestoreRequest.batch(List.of("app@sha256:short"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sha256:<64 lowercase hex>");
            assertThat(emu.requestLog().entries()).isEmpty();

            RestoreReport report = createService(registry, emu).restore(RestoreRequest.tag("app", "never"));
            assertThat(Json.write(report)).contains("\"outcome\":\"NOT_FOUND\"", "\"notFound\":1");
        }
    }
}
