package io.acrlifecycle.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.steps.BuildSummary.Kind;
import io.acrlifecycle.engine.guard.Verdict;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The CI door end to end: raw step parameters in, the real engine against the emulator, summaries out. */
class StepRunnerAgainstEmulatorTest {
    @RegisterExtension
    static final AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private static final String SEED = """
            {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
             "repositories": [{"name": "app", "manifests": [
               {"id": "old1", "tags": ["v1"], "updated": "-40d", "size": 1048576},
               {"id": "old2", "tags": ["v2"], "updated": "-35d", "size": 2097152},
               {"id": "new", "tags": ["v3"], "updated": "-1d"},
               {"id": "gone", "tags": ["v0"], "deleted": true, "deletedAt": "-2d"}
             ]}]}
            """;

    @TempDir
    Path dir;
    private AcrEmulator emu;

    @BeforeEach
    void seed() {
        emu = EMU.emulator();
        emu.seed(SEED);
    }

    private Map<String, Object> params(Object... keyValues) {
        Map<String, Object> raw = new HashMap<>();
        raw.put("registry", emu.loginServer());
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put((String) keyValues[i], keyValues[i + 1]);
        }
        return raw;
    }

    @Test
    void shouldPurgeAndUndoFromTheJournal() {
        Path journal = dir.resolve("purge.journal.jsonl");
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            BuildSummary purge = StepRunner.run(StepKind.PURGE, registry, params("filter", "app:.*", "ago", "30d",
                    "untagged", true), journal, EngineLog.SILENT);

            assertThat(purge.kind()).isEqualTo(Kind.PURGE);
            assertThat(purge.tagsUntagged()).isEqualTo(2);
            assertThat(purge.manifestsDeleted()).isEqualTo(2);
            assertThat(purge.bytesReclaimed()).isGreaterThanOrEqualTo(3L * 1024 * 1024);
            assertThat(purge.failure()).isNull();
            assertThat(purge.rows()).filteredOn(r -> r.action().equals("untag")).extracting(BuildSummary.Row::tag)
                    .containsExactlyInAnyOrder("v1", "v2");
            assertThat(purge.rows()).filteredOn(r -> r.action().equals("spare")).extracting(BuildSummary.Row::tag)
                    .contains("v3");
            assertThat(journal).isRegularFile();
            assertThat(registry.tag("app", "v1")).isEmpty();

            BuildSummary undo = StepRunner.undoPurge(registry, journal, EngineLog.SILENT);

            assertThat(undo.kind()).isEqualTo(Kind.PURGE_UNDO);
            assertThat(undo.restored()).isEqualTo(2);
            assertThat(registry.tag("app", "v1")).isPresent();
        }
    }

    @Test
    void shouldSpareTheImagesListedInProtectImagesFile() throws Exception {
        Path running = dir.resolve("running-images.txt");
        // kubectl get pods -A -o jsonpath='{..image}' output: another registry's image is ignored
        Files.writeString(running, "docker.io/library/nginx:1.27 app:v1\n");
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            BuildSummary purge = StepRunner.run(StepKind.PURGE, registry, params("filter", "app:.*", "ago", "30d",
                    "protectImagesFile", running.toString()), dir.resolve("protect.jsonl"), EngineLog.SILENT);

            assertThat(purge.failure()).isNull();
            assertThat(purge.tagsUntagged()).isEqualTo(1);
            assertThat(purge.rows()).filteredOn(r -> r.action().equals("untag")).extracting(BuildSummary.Row::tag)
                    .containsExactly("v2");
            assertThat(purge.rows()).filteredOn(r -> r.action().equals("spare")).extracting(BuildSummary.Row::tag)
                    .contains("v1");
            assertThat(registry.tag("app", "v1")).isPresent();
            assertThat(registry.tag("app", "v2")).isEmpty();
        }
    }

    @Test
    void shouldRefuseAPurgeWhoseProtectImagesFileIsMissingBeforeDeleting() {
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            assertThatThrownBy(() -> StepRunner.run(StepKind.PURGE, registry, params("filter", "app:.*", "ago", "30d",
                    "protectImagesFile", dir.resolve("absent.txt").toString()), dir.resolve("absent.jsonl"),
                    EngineLog.SILENT))
                    .hasMessageContaining("absent.txt");
            assertThat(registry.tag("app", "v1")).isPresent();
            assertThat(emu.requestLog().count("DELETE", ".*")).isZero();
        }
    }

    @Test
    void shouldRefuseARealPurgeWithoutSoftDeleteWhenRequireSoftDeleteIsNotGiven() {
        emu.registry().setSoftDelete(false, 7, emu.clock().now());
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            BuildSummary purge = StepRunner.run(StepKind.PURGE, registry, params("filter", "app:.*", "ago", "30d"),
                    dir.resolve("refused.jsonl"), EngineLog.SILENT);

            assertThat(purge.failure()).isNotNull();
            assertThat(purge.deletions()).isZero();
            assertThat(registry.tag("app", "v1")).isPresent();
            assertThat(emu.requestLog().count("DELETE", ".*")).isZero();
        }
    }

    @Test
    void shouldCountPlannedDeletionsInADryRun() {
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            BuildSummary dry = StepRunner.run(StepKind.PURGE, registry, params("filter", "app:.*", "ago", "30d",
                    "dryRun", "true"), dir.resolve("dry.jsonl"), EngineLog.SILENT);

            assertThat(dry.dryRun()).isTrue();
            assertThat(dry.tagsUntagged()).isEqualTo(2);
            assertThat(dry.deletions()).isZero();
            assertThat(registry.tag("app", "v1")).isPresent();
        }
    }

    @Test
    void shouldRestoreASoftDeletedTag() {
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            BuildSummary restore = StepRunner.run(StepKind.RESTORE, registry, params("repository", "app", "tag", "v0"),
                    null, EngineLog.SILENT);

            assertThat(restore.restored()).isEqualTo(1);
            assertThat(restore.failure()).isNull();
            assertThat(registry.tag("app", "v0")).isPresent();
        }
    }

    @Test
    void shouldPassBlockOrWarnAsTheGuardDecides() {
        String tested = emu.digestOf("app", "new");
        String other = emu.digestOf("app", "old1");
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            BuildSummary pass = StepRunner.run(StepKind.GUARD, registry, params("image", "app:v3", "expectedDigest", tested),
                    null, EngineLog.SILENT);
            BuildSummary block = StepRunner.run(StepKind.GUARD, registry, params("image", "app:v3", "expectedDigest", other),
                    null, EngineLog.SILENT);
            BuildSummary warn = StepRunner.run(StepKind.GUARD, registry, params("image", "app:v3", "expectedDigest", other,
                    "mode", "warn"), null, EngineLog.SILENT);

            assertThat(pass.verdict()).isEqualTo(Verdict.PASS);
            assertThat(block.verdict()).isEqualTo(Verdict.BLOCK);
            assertThat(block.messages()).isNotEmpty();
            assertThat(warn.verdict()).isEqualTo(Verdict.WARN);
        }
    }

    @Test
    void shouldLetAPushStageWriteANewTagThatADeployWouldMissAndBlockAnOverwrite() {
        String other = emu.digestOf("app", "old1");
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            BuildSummary deploy = StepRunner.run(StepKind.GUARD, registry, params("image", "app:v9"), null, EngineLog.SILENT);
            BuildSummary push = StepRunner.run(StepKind.GUARD, registry, params("image", "app:v9", "stage", "push"), null,
                    EngineLog.SILENT);
            BuildSummary overwrite = StepRunner.run(StepKind.GUARD, registry, params("image", "app:v3", "stage", "push",
                    "expectedDigest", other), null, EngineLog.SILENT);

            assertThat(deploy.verdict()).isEqualTo(Verdict.BLOCK);
            assertThat(deploy.messages()).anyMatch(m -> m.contains("does not exist"));
            assertThat(push.verdict()).isNotEqualTo(Verdict.BLOCK);
            assertThat(push.rows()).anyMatch(r -> r.detail().contains("push stage"));
            assertThat(overwrite.verdict()).isEqualTo(Verdict.BLOCK);
            assertThat(overwrite.messages()).anyMatch(m -> m.contains("would overwrite"));
        }
    }

    @Test
    void shouldEnsureSoftDeleteOverArm() {
        emu.seed("{\"registry\": {\"softDelete\": {\"enabled\": false, \"retentionDays\": 7}}}");
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            BuildSummary ensure = StepRunner.run(StepKind.SOFT_DELETE_ENSURE, registry, params("status", "enabled",
                    "retentionDays", "14"), null, EngineLog.SILENT);

            assertThat(ensure.kind()).isEqualTo(Kind.SOFT_DELETE);
            assertThat(ensure.rows()).isNotEmpty();
            assertThat(ensure.rows()).allMatch(r -> r.action().equals("change"));
            assertThat(registry.policies().softDeleteEnabled()).isTrue();
            assertThat(registry.policies().softDeleteRetentionDays()).isEqualTo(14);

            // what the Jenkins step cannot show against the emulator (docs/jenkins.md): a second run finds no drift
            BuildSummary again = StepRunner.run(StepKind.SOFT_DELETE_ENSURE, registry, params("status", "enabled",
                    "retentionDays", "14"), null, EngineLog.SILENT);

            assertThat(again.rows()).isEmpty();
            assertThat(again.failure()).isNull();
        }
    }
}
