package io.acrlifecycle.engine.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.model.ImageRef;
import io.acrlifecycle.engine.purge.rules.PurgeRules;
import io.acrlifecycle.engine.registry.Registries;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each verdict of the deploy guard, seeded in the emulator and checked through the real registry client. */
class DeployGuardAgainstEmulatorTest {

    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    /** 00:50 UTC: ten minutes before the nightly purge task fires at 01:00. */
    private static final Instant BEFORE_FIRE = Instant.parse("2026-11-30T00:50:00Z");
    private static final Instant AFTER_FIRE = Instant.parse("2026-11-30T01:10:00Z");
    private static final String TASK = "{\"name\":\"purge-old-images\",\"cmd\":\"acr purge --filter 'app:.*' --ago 30d"
            + " --keep 5\",\"schedule\":\"0 1 * * *\",\"status\":\"Enabled\"}";
    private static final String TASK_NO_KEEP = "{\"name\":\"purge-30d\",\"cmd\":\"acr purge --filter 'app:.*' --ago 30d\","
            + "\"schedule\":\"0 1 * * *\"}";

    private static AcrEmulator emulator(final Instant now) {
        AcrEmulator emu = EMU.emulator();
        emu.clock().set(now);
        emu.registry().reset(now); // emulator builds before 8fd085f kept ARM tasks across reset(); harmless after
        return emu;
    }

    /**
     * Repository {@code app}: {@code newer} tags older than 30 days but newer than the target, then the target tag
     * {@code 1.2.3} updated {@code targetAge} ago, plus one recent tag. Soft delete on unless told otherwise.
     */
    private static String seed(final int newer, final String targetAge, final String tasks, final String registry) {
        List<String> manifests = new ArrayList<>();
        manifests.add("{\"id\":\"fresh\",\"tags\":[\"2.0.0\"],\"updated\":\"-1d\"}");
        for (int i = 0; i < newer; i++) {
            manifests.add("{\"id\":\"m" + i + "\",\"tags\":[\"1.3." + i + "\"],\"updated\":\"-" + (31 + i) + "d\"}");
        }
        manifests.add("{\"id\":\"target\",\"tags\":[\"1.2.3\"],\"updated\":\"" + targetAge + "\"}");
        return "{\"registry\":" + registry + ",\"tasks\":[" + tasks + "],\"repositories\":[{\"name\":\"app\","
                + "\"manifests\":[" + String.join(",", manifests) + "]}]}";
    }

    /**
     * Seeds the emulator. Emulator builds before 8fd085f kept the seed's {@code tasks} apart from the ARM resource,
     * so the tasks are also applied to it; same-named tasks are replaced, so this is harmless on later builds.
     */
    private static void seed(final AcrEmulator emu, final String json) {
        emu.seed(json);
        try {
            com.fasterxml.jackson.databind.JsonNode tasks = io.acrlifecycle.engine.json.Json.mapper().readTree(json)
                    .get("tasks");
            if (tasks != null && !tasks.isEmpty()) {
                emu.registry().applySeed(null, tasks, emu.clock().now());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("test seed is not JSON", e);
        }
    }

    /** GET requests on paths matching the regex that were answered (a 401 challenge before the token is not a call). */
    private static long answered(final AcrEmulator emu, final String pathRegex) {
        return emu.requestLog().entries().stream().filter(e -> "GET".equals(e.method()) && e.status() != 401
                && e.path().matches(pathRegex)).count();
    }

    private static String softDeleteOn() {
        return "{\"sku\":\"Premium\",\"softDelete\":{\"enabled\":true,\"retentionDays\":7}}";
    }

    private static GuardVerdict check(final AcrEmulator emu, final GuardRequest request) {
        try (Registry registry = EmulatorRegistries.open(emu)) {
            return DeployGuard.check(registry, request, emu.clock().now());
        }
    }

    /** Soft delete switched off after the delete: the item still expires after the current retentionDays. */
    @Test
    void shouldGiveTheExpiryOfASoftDeletedTagAlsoWhenSoftDeleteIsNowDisabled() {
        AcrEmulator emu = emulator(AFTER_FIRE);
        seed(emu, "{\"registry\":" + softDeleteOn() + ",\"repositories\":[{\"name\":\"app\",\"manifests\":["
                + "{\"id\":\"live\",\"tags\":[\"2.0.0\"]},"
                + "{\"id\":\"gone\",\"tags\":[\"1.2.3\"],\"deleted\":true,\"deletedAt\":\"-2d\"}]}]}");
        emu.registry().setSoftDelete(false, 7, emu.clock().now());

        GuardVerdict v = check(emu, GuardRequest.of("app:1.2.3", "1h"));

        CheckResult soft = v.check(ImageChecks.SOFT_DELETED);
        Instant expected = AFTER_FIRE.minus(Duration.ofDays(2)).plus(Duration.ofDays(7));
        assertThat(soft.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(soft.earliestDeletion()).isCloseTo(expected, within(1, ChronoUnit.SECONDS));
        assertThat(soft.reason()).contains("purged for good at")
                .contains("soft delete is now disabled, but items already soft-deleted are still purged after the "
                        + "current retentionDays, 7 days");
    }

    /** An image that names another registry is refused before any call; the connected registry's own name passes. */
    @Test
    void shouldRefuseAnImageOfAnotherRegistryBeforeAnyCall() {
        AcrEmulator emu = emulator(AFTER_FIRE);
        seed(emu, seed(0, "-1d", "", softDeleteOn()));
        emu.requestLog().clear();

        try (Registry registry = EmulatorRegistries.open(emu)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeployGuard.check(registry,
                    GuardRequest.of("other.azurecr.io/app:1.2.3", "1h"), emu.clock().now()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("names registry other.azurecr.io")
                    .hasMessageContaining("connected to registry " + emu.loginServer());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeployGuard.unlock(registry,
                    ImageRef.parse("other.azurecr.io/app:1.2.3")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(emu.loginServer());
            assertThat(emu.requestLog().entries()).isEmpty();

            GuardVerdict own = DeployGuard.check(registry, GuardRequest.of(emu.loginServer() + "/app:1.2.3", "1h"),
                    emu.clock().now());
            assertThat(own.check(ImageChecks.MISSING).verdict()).isEqualTo(Verdict.PASS);
        }
    }

    /** Just before the fire time the nightly task would delete the 6th newest eligible tag: blocked, with the date. */
    @Test
    void shouldBlockJustBeforeAScheduledPurgeDeletesTheImage() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        seed(emu, seed(5, "-45d", TASK, softDeleteOn()));

        GuardVerdict v = check(emu, GuardRequest.of("app:1.2.3", "1h"));

        assertThat(v.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(v.exitCode()).isEqualTo(3);
        CheckResult window = v.check(PurgeWindowCheck.PURGE_WINDOW);
        assertThat(window.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(window.earliestDeletion()).isEqualTo(Instant.parse("2026-11-30T01:00:00Z"));
        assertThat(window.reason()).startsWith("task purge-old-images at 2026-11-30T01:00Z would delete it")
                .contains("ago 30d, keep 5").contains("it will be 45 days old and 6th newest");
        assertThat(v.digest()).isEqualTo(emu.digestOf("app", "target"));
    }

    /** Just after the fire time the next run is outside a one-hour window: the same image passes. */
    @Test
    void shouldPassJustAfterTheFireTimeWhenTheNextRunIsOutsideTheWindow() {
        AcrEmulator emu = emulator(AFTER_FIRE);
        seed(emu, seed(5, "-45d", TASK, softDeleteOn()));

        GuardVerdict v = check(emu, GuardRequest.of("app:1.2.3", "1h"));

        assertThat(v.check(PurgeWindowCheck.PURGE_WINDOW).verdict()).isEqualTo(Verdict.PASS);
        assertThat(v.check(PurgeWindowCheck.PURGE_WINDOW).reason()).contains("0 purge run(s)");
        assertThat(v.verdict()).as(v.toJson()).isEqualTo(Verdict.PASS);
        assertThat(v.exitCode()).isZero();
    }

    /** keep 5 at the boundary: as the 5th newest eligible tag the image is kept, as the 6th it is deleted. */
    @Test
    void shouldKeepTheFifthNewestEligibleTagButNotTheSixth() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        seed(emu, seed(4, "-45d", TASK, softDeleteOn()));

        GuardVerdict kept = check(emu, GuardRequest.of("app:1.2.3", "7d"));

        assertThat(kept.check(PurgeWindowCheck.PURGE_WINDOW).verdict()).isEqualTo(Verdict.PASS);

        emu.reset();
        emulator(BEFORE_FIRE);
        seed(emu, seed(5, "-45d", TASK, softDeleteOn()));

        GuardVerdict deleted = check(emu, GuardRequest.of("app:1.2.3", "7d"));

        assertThat(deleted.check(PurgeWindowCheck.PURGE_WINDOW).verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(deleted.check(PurgeWindowCheck.PURGE_WINDOW).reason()).contains("6th newest");
    }

    /** An image that crosses ago during the window is caught at the first run after it does. */
    @Test
    void shouldFindTheFirstRunAfterTheImageCrossesAgo() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        seed(emu, seed(0, "-27d", TASK_NO_KEEP, softDeleteOn()));

        GuardVerdict v = check(emu, GuardRequest.of("app:1.2.3", "7d"));

        // updated 2026-11-03T00:50Z: 30 days old on 3 Dec 00:50, so the 3 Dec 01:00 run is the first to delete it
        assertThat(v.check(PurgeWindowCheck.PURGE_WINDOW).earliestDeletion())
                .isEqualTo(Instant.parse("2026-12-03T01:00:00Z"));
        assertThat(v.check(PurgeWindowCheck.PURGE_WINDOW).reason())
                .startsWith("task purge-30d at 2026-12-03T01:00Z would delete it (ago 30d, keep 0; it will be 30 days old");
    }

    /** Declared rules without a schedule are simulated as running now, and the reason says so. */
    @Test
    void shouldBlockWhenADeclaredRuleDeletesTheImageNow() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        seed(emu, seed(0, "-45d", "", softDeleteOn()));
        PurgeRules rules = PurgeRules.fromAcrPurgeArgs(List.of("app:^1\\.2\\..*"), "30d", 0, false, false, false);

        GuardVerdict v = check(emu, GuardRequest.of("app:1.2.3", "7d").withRules(List.of(rules)));

        CheckResult window = v.check(PurgeWindowCheck.PURGE_WINDOW);
        assertThat(window.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(window.reason()).contains("treated as running now").contains("would delete it");
        assertThat(window.earliestDeletion()).isCloseTo(BEFORE_FIRE, within(5, ChronoUnit.SECONDS));
    }

    /** Push stage: the tag exists at another digest, so the push would overwrite it. */
    @Test
    void shouldBlockAPushThatOverwritesATag() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        seed(emu, seed(0, "-2d", "", softDeleteOn()));
        String other = emu.digestOf("app", "fresh");

        GuardVerdict v = check(emu, GuardRequest.of("app:1.2.3", "7d").withStage(Stage.PUSH)
                .withExpectedDigest(other));

        CheckResult overwrite = v.check(ImageChecks.OVERWRITE);
        assertThat(overwrite.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(overwrite.reason()).contains("points at " + emu.digestOf("app", "target"))
                .contains("would overwrite it");
        assertThat(v.check(ImageChecks.MISSING).verdict()).isEqualTo(Verdict.PASS);
    }

    /** Push stage: a write-locked tag makes the push fail. */
    @Test
    void shouldBlockAPushToAWriteLockedTag() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        seed(emu, "{\"registry\":" + softDeleteOn() + ",\"repositories\":[{\"name\":\"app\",\"manifests\":["
                + "{\"id\":\"a\",\"tags\":[{\"name\":\"1.2.3\",\"locks\":{\"writeEnabled\":false}}]},"
                + "{\"id\":\"b\"}]}]}");

        GuardVerdict v = check(emu, GuardRequest.of("app:1.2.3", "7d").withStage(Stage.PUSH)
                .withExpectedDigest(emu.digestOf("app", "b")));

        assertThat(v.check(ImageChecks.OVERWRITE).verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(v.check(ImageChecks.OVERWRITE).reason()).contains("write-locked").contains("405");
    }

    /** Deploy stage: the tag moved away from the expected digest. */
    @Test
    void shouldBlockADeployWhoseTagMoved() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        seed(emu, seed(0, "-2d", "", softDeleteOn()));

        GuardVerdict v = check(emu, GuardRequest.of("app:1.2.3@" + emu.digestOf("app", "fresh"), "7d"));

        assertThat(v.check(ImageChecks.OVERWRITE).verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(v.check(ImageChecks.OVERWRITE).reason()).contains("not at the expected");
    }

    /** An untagged manifest deployed by digest is deleted by the retention policy within the window. */
    @Test
    void shouldBlockAnUntaggedDigestTheRetentionPolicyDeletes() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        seed(emu, "{\"registry\":{\"sku\":\"Premium\",\"softDelete\":{\"enabled\":false},\"retention\":{\"enabled\":true,"
                + "\"days\":7}},\"repositories\":[{\"name\":\"app\",\"manifests\":[{\"id\":\"loose\",\"updated\":\"-3d\"},"
                + "{\"id\":\"t\",\"tags\":[\"1\"]}]}]}");
        String loose = emu.digestOf("app", "loose");

        GuardVerdict inWindow = check(emu, GuardRequest.of("app@" + loose, "7d"));
        GuardVerdict beyond = check(emu, GuardRequest.of("app@" + loose, "1d"));

        CheckResult retention = inWindow.check(PolicyChecks.RETENTION);
        assertThat(retention.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(retention.reason()).contains("is untagged").contains("7 days");
        assertThat(retention.earliestDeletion()).isCloseTo(BEFORE_FIRE.plus(Duration.ofDays(4)),
                within(5, ChronoUnit.SECONDS));
        assertThat(beyond.check(PolicyChecks.RETENTION).verdict()).isEqualTo(Verdict.WARN);
    }

    /** A push that moves the tag off its manifest leaves that manifest to the retention policy: a warning. */
    @Test
    void shouldWarnThatAPushLeavesTheOldManifestUntagged() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        seed(emu, "{\"registry\":{\"sku\":\"Premium\",\"softDelete\":{\"enabled\":false},\"retention\":{\"enabled\":true,"
                + "\"days\":7}},\"repositories\":[{\"name\":\"app\",\"manifests\":[{\"id\":\"old\",\"tags\":[\"latest\"]}]}]}");

        GuardVerdict v = check(emu, GuardRequest.of("app:latest", "7d").withStage(Stage.PUSH)
                .withExpectedDigest("sha256:" + "1".repeat(64)).withMode(GuardMode.WARN));

        CheckResult retention = v.check(PolicyChecks.RETENTION);
        assertThat(retention.verdict()).isEqualTo(Verdict.WARN);
        assertThat(retention.reason()).contains(emu.digestOf("app", "old")).contains("untagged");
        assertThat(retention.earliestDeletion()).isCloseTo(BEFORE_FIRE.plus(Duration.ofDays(7)),
                within(5, ChronoUnit.SECONDS));
        assertThat(v.verdict()).isEqualTo(Verdict.WARN); // the overwrite BLOCK is downgraded in WARN mode
        assertThat(v.check(ImageChecks.OVERWRITE).verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(v.exitCode()).isZero();
    }

    /** A soft-deleted image blocks with the exact restore to run; with restore on, it is restored. */
    @Test
    void shouldNameTheRestoreForASoftDeletedImageAndRestoreOnRequest() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        seed(emu, "{\"registry\":" + softDeleteOn() + ",\"repositories\":[{\"name\":\"app\",\"manifests\":["
                + "{\"id\":\"gone\",\"tags\":[\"v0\"],\"deleted\":true,\"deletedAt\":\"-2d\"},{\"id\":\"x\",\"tags\":[\"1\"]}]}]}");
        String gone = emu.digestOf("app", "gone");

        GuardVerdict v = check(emu, GuardRequest.of("app:v0", "7d"));

        assertThat(v.check(ImageChecks.MISSING).verdict()).isEqualTo(Verdict.BLOCK);
        CheckResult soft = v.check(ImageChecks.SOFT_DELETED);
        assertThat(soft.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(soft.reason()).contains("az acr manifest restore -r").contains("-n app:v0 -d " + gone);
        assertThat(soft.earliestDeletion()).isCloseTo(BEFORE_FIRE.plus(Duration.ofDays(5)),
                within(5, ChronoUnit.SECONDS));

        GuardVerdict restored = check(emu, GuardRequest.of("app:v0", "7d").withRestore(true));

        // the same decision judges the restored image: it is there, so nothing blocks (exit 0)
        CheckResult restoredCheck = restored.check(ImageChecks.SOFT_DELETED);
        assertThat(restoredCheck.verdict()).isEqualTo(Verdict.PASS);
        assertThat(restoredCheck.reason()).startsWith("restored app:v0@" + gone);
        assertThat(restoredCheck.details()).anySatisfy(d -> assertThat(d).contains(gone).contains("v0"));
        assertThat(restored.check(ImageChecks.MISSING).verdict()).isEqualTo(Verdict.PASS);
        assertThat(restored.check(ImageChecks.MISSING).reason()).contains("restored by this decision");
        assertThat(restored.verdict()).isEqualTo(Verdict.PASS);
        assertThat(restored.exitCode()).isZero();
        assertThat(restored.digest()).isEqualTo(gone);
        try (Registry registry = EmulatorRegistries.open(emu)) {
            assertThat(registry.tag("app", "v0")).hasValueSatisfying(t -> assertThat(t.digest()).isEqualTo(gone));
        }
    }

    /**
     * Restore with a scheduled purge selecting the repository: the tag listing was read before the restore, yet the
     * purge simulation sees the restored tag (re-read, not listed again: the cost rule holds) and blocks on it. ACR
     * (and the emulator) give a restored tag the restore time, so a daily purge with ago 1d takes it on day two.
     */
    @Test
    void shouldJudgeTheRestoredImageAgainstTheScheduledPurgeInTheSameDecision() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        String task = "{\"name\":\"purge-1d\",\"cmd\":\"acr purge --filter 'app:.*' --ago 1d\","
                + "\"schedule\":\"0 1 * * *\"}";
        seed(emu, "{\"registry\":" + softDeleteOn() + ",\"tasks\":[" + task + "],\"repositories\":[{"
                + "\"name\":\"app\",\"manifests\":[{\"id\":\"fresh\",\"tags\":[\"2.0.0\"],\"updated\":\"-1h\"},"
                + "{\"id\":\"gone\",\"tags\":[\"v0\"],\"updated\":\"-40d\",\"deleted\":true,\"deletedAt\":\"-2d\"}]}]}");
        String gone = emu.digestOf("app", "gone");

        GuardVerdict v = check(emu, GuardRequest.of("app:v0", "3d").withRestore(true));

        assertThat(v.check(ImageChecks.SOFT_DELETED).verdict()).isEqualTo(Verdict.PASS);
        assertThat(v.check(ImageChecks.MISSING).verdict()).isEqualTo(Verdict.PASS);
        CheckResult window = v.check(PurgeWindowCheck.PURGE_WINDOW);
        assertThat(window.verdict()).as(v.toJson()).isEqualTo(Verdict.BLOCK);
        assertThat(window.reason()).contains("purge-1d").contains("would delete it");
        assertThat(window.earliestDeletion()).isEqualTo(Instant.parse("2026-12-01T01:00:00Z"));
        assertThat(v.verdict()).isEqualTo(Verdict.BLOCK);
        // one tag listing for the whole decision; the restore and the re-read are counted, not listed again
        assertThat(v.callsByOperation()).containsEntry("tags", 1).containsEntry("restore", 1);
        assertThat(v.digest()).isEqualTo(gone);
    }

    /** A restore that fails (the tag is live on another manifest) still blocks: nothing was restored. */
    @Test
    void shouldStillBlockWhenTheRestoreConflictsWithALiveTag() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        seed(emu, "{\"registry\":" + softDeleteOn() + ",\"repositories\":[{\"name\":\"app\",\"manifests\":["
                + "{\"id\":\"gone\",\"tags\":[\"v0\"],\"deleted\":true,\"deletedAt\":\"-2d\"},"
                + "{\"id\":\"live\",\"tags\":[\"v0\"]}]}]}");
        String gone = emu.digestOf("app", "gone");

        GuardVerdict v = check(emu, GuardRequest.of("app:v0@" + gone, "7d").withRestore(true));

        assertThat(v.check(ImageChecks.SOFT_DELETED).verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(v.check(ImageChecks.SOFT_DELETED).reason()).contains("restoring it failed");
        assertThat(v.check(ImageChecks.MISSING).verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(v.verdict()).isEqualTo(Verdict.BLOCK);
    }

    /** A tag that does not exist blocks: the deploy would fail to pull. */
    @Test
    void shouldBlockAMissingImage() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        seed(emu, seed(0, "-2d", "", softDeleteOn()));

        GuardVerdict v = check(emu, GuardRequest.of("app:9.9.9", "7d"));

        assertThat(v.check(ImageChecks.MISSING).verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(v.check(ImageChecks.MISSING).reason()).contains("does not exist");
        assertThat(v.check(ImageChecks.SOFT_DELETED).reason()).contains("gone for good or never existed");
        assertThat(v.verdict()).isEqualTo(Verdict.BLOCK);
    }

    /** With soft delete off any deletion would be permanent: a warning, exit code 0. */
    @Test
    void shouldWarnWhenSoftDeleteIsOff() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        seed(emu, seed(0, "-2d", "", "{\"sku\":\"Premium\",\"softDelete\":{\"enabled\":false}}"));

        GuardVerdict v = check(emu, GuardRequest.of("app:1.2.3", "7d"));

        assertThat(v.check(PolicyChecks.SOFT_DELETE_OFF).verdict()).isEqualTo(Verdict.WARN);
        assertThat(v.check(PolicyChecks.SOFT_DELETE_OFF).reason()).contains("permanent");
        assertThat(v.verdict()).isEqualTo(Verdict.WARN);
        assertThat(v.exitCode()).isZero();
    }

    /** A clean image passes; with lock its tag, manifest and an index's children get locked, and unlock undoes it. */
    @Test
    void shouldPassLockAndUnlock() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        seed(emu, "{\"registry\":" + softDeleteOn() + ",\"tasks\":[" + TASK + "],\"repositories\":[{\"name\":\"app\","
                + "\"manifests\":[{\"id\":\"amd\"},{\"id\":\"arm\"},{\"id\":\"idx\",\"mediaType\":"
                + "\"application/vnd.oci.image.index.v1+json\",\"children\":[\"amd\",\"arm\"],\"tags\":[\"1.2.3\"]}]}]}");

        GuardVerdict v = check(emu, GuardRequest.of("app:1.2.3", "7d").withLock(true));

        assertThat(v.verdict()).as(v.toJson()).isEqualTo(Verdict.PASS);
        assertThat(v.locked()).extracting(LockedItem::kind).containsExactly("tag", "manifest", "child", "child");
        try (Registry registry = EmulatorRegistries.open(emu)) {
            assertThat(registry.tag("app", "1.2.3").orElseThrow().locks().blocksDelete()).isTrue();
            assertThat(registry.manifest("app", emu.digestOf("app", "idx")).orElseThrow().locks().blocksWrite()).isTrue();
            assertThat(registry.manifest("app", emu.digestOf("app", "arm")).orElseThrow().locks().blocksDelete()).isTrue();

            List<LockedItem> unlocked = DeployGuard.unlock(registry, ImageRef.parse("app:1.2.3"));

            assertThat(unlocked).hasSize(4);
            assertThat(registry.tag("app", "1.2.3").orElseThrow().locks().blocksDelete()).isFalse();
            assertThat(registry.manifest("app", emu.digestOf("app", "amd")).orElseThrow().locks().blocksDelete()).isFalse();
        }
    }

    /** A task whose YAML cannot be parsed is reported as unreadable, never ignored. */
    @Test
    void shouldWarnAboutAnUnreadableTask() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        seed(emu, seed(0, "-2d", "{\"name\":\"broken\",\"yaml\":\"steps: [cmd: acr purge\\n  - : :\",\"schedule\":\"0 1 * * *\"}",
                softDeleteOn()));

        GuardVerdict v = check(emu, GuardRequest.of("app:1.2.3", "7d"));

        CheckResult tasks = v.check(PurgeWindowCheck.SCHEDULED_TASKS);
        assertThat(tasks.verdict()).isEqualTo(Verdict.WARN);
        assertThat(tasks.reason()).contains("broken").contains("YAML cannot be read");
    }

    /** Tasks ARM cannot show (FileTask) warn; dry runs and disabled tasks are noted, never silently dropped. */
    @Test
    void shouldReportTasksItCannotSimulate() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        seed(emu, seed(5, "-45d", "{\"name\":\"from-git\",\"stepType\":\"FileTask\",\"schedule\":\"0 1 * * *\"},"
                + "{\"name\":\"dry\",\"cmd\":\"acr purge --filter 'app:.*' --ago 1d --dry-run\",\"schedule\":\"0 1 * * *\"},"
                + "{\"name\":\"off\",\"cmd\":\"acr purge --filter 'app:.*' --ago 1d\",\"schedule\":\"0 1 * * *\","
                + "\"status\":\"Disabled\"}", softDeleteOn()));

        GuardVerdict v = check(emu, GuardRequest.of("app:1.2.3", "7d"));

        CheckResult tasks = v.check(PurgeWindowCheck.SCHEDULED_TASKS);
        assertThat(tasks.verdict()).isEqualTo(Verdict.WARN);
        assertThat(tasks.reason()).contains("from-git").contains("cannot be read through ARM");
        assertThat(tasks.details()).anySatisfy(d -> assertThat(d).startsWith("DRY_RUN").contains("dry"))
                .anySatisfy(d -> assertThat(d).startsWith("DISABLED").contains("off"));
        assertThat(v.check(PurgeWindowCheck.PURGE_WINDOW).verdict()).isEqualTo(Verdict.PASS);
    }

    /** One decision: one tag listing, one ARM read each of tasks and policies, and the count reported. */
    @Test
    void shouldKeepToTheCostRule() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        seed(emu, seed(5, "-45d", TASK, softDeleteOn()));
        emu.requestLog().clear();

        GuardVerdict v = check(emu, GuardRequest.of("app:1.2.3", "7d"));

        assertThat(answered(emu, "^/acr/v1/app/_tags$")).isEqualTo(1);
        assertThat(answered(emu, "^/acr/v1/app/_tags/.*")).isZero(); // the tag came from the listing
        assertThat(answered(emu, "^/subscriptions/.*/tasks$")).isEqualTo(1);
        assertThat(answered(emu, "^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/"
                + "Microsoft.ContainerRegistry/registries/[^/]+$")).isEqualTo(1);
        assertThat(answered(emu, "^/acr/v1/app/_manifests$")).isZero();
        assertThat(v.registryCalls()).isEqualTo(v.callsByOperation().values().stream().mapToInt(i -> i).sum())
                .isEqualTo(4);
        assertThat(v.callsByOperation()).containsEntry("tags", 1).containsEntry("tasks", 1)
                .containsEntry("policies", 1);
    }

    /** Without ARM (no resource id) the data-plane checks still decide; policy and task checks say what they missed. */
    @Test
    void shouldWarnWhatItCouldNotReadWithoutArm() {
        AcrEmulator emu = emulator(BEFORE_FIRE);
        seed(emu, seed(5, "-45d", TASK, softDeleteOn()));

        GuardVerdict v;
        try (Registry registry = Registries.open(EmulatorRegistries.config(emu).resourceId(null).build())) {
            v = DeployGuard.check(registry, GuardRequest.of("app:1.2.3", "7d"), emu.clock().now());
        }

        assertThat(v.check(ImageChecks.MISSING).verdict()).isEqualTo(Verdict.PASS);
        assertThat(v.check(PurgeWindowCheck.SCHEDULED_TASKS).verdict()).isEqualTo(Verdict.WARN);
        assertThat(v.check(PurgeWindowCheck.SCHEDULED_TASKS).reason()).contains("could not be read")
                .contains("resource id");
        assertThat(v.check(PolicyChecks.SOFT_DELETE_OFF).verdict()).isEqualTo(Verdict.WARN);
        assertThat(v.check(PolicyChecks.RETENTION).verdict()).isEqualTo(Verdict.WARN);
        assertThat(v.verdict()).isEqualTo(Verdict.WARN);
    }
}
