package io.acrlifecycle.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.model.DeleteOutcome;
import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.model.ManifestContent;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.MediaTypes;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The data plane over HTTPS through the real SDK pipeline and our raw calls. */
class RegistryDataPlaneAgainstEmulatorTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    static final String SEED = """
            {"repositories": [
              {"name": "team/app", "manifests": [
                {"id": "a1", "tags": ["v1", "stable"], "updated": "-10d", "size": 12345},
                {"id": "a2", "tags": ["v2"], "updated": "-5d"},
                {"id": "a3", "tags": ["v3"], "updated": "-1d", "locks": {"deleteEnabled": false}},
                {"id": "old", "updated": "-40d"},
                {"id": "idx", "mediaType": "application/vnd.oci.image.index.v1+json", "children": ["a1", "a2"],
                 "tags": ["multi"]},
                {"id": "sig", "subject": "a1", "artifactType": "application/vnd.cncf.notary.signature"}
              ]},
              {"name": "web", "manifests": [{"id": "w1", "tags": ["latest"]}]},
              {"name": "zeta", "manifests": [{"id": "z1", "tags": ["1"]}]}
            ]}
            """;

    private static AcrRegistry createRegistry(AcrEmulator emu, int pageSize) {
        emu.seed(SEED);
        return Registries.open(EmulatorRegistries.config(emu).pageSize(pageSize).build());
    }

    private static <T> List<T> list(Iterable<T> items) {
        List<T> out = new ArrayList<>();
        items.forEach(out::add);
        return out;
    }

    @Test
    void shouldListRepositoriesAcrossPagesThroughTheSdk() {
        AcrEmulator emu = EMU.emulator();
        try (AcrRegistry registry = createRegistry(emu, 1)) {
            assertThat(list(registry.repositories())).containsExactly("team/app", "web", "zeta");
            // page size 1: one request per repository (plus the 401 challenge round and maybe an empty last page)
            assertThat(emu.requestLog().count("GET", "/acr/v1/_catalog")).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void shouldListTagsNewestFirstAcrossPages() {
        try (AcrRegistry registry = createRegistry(EMU.emulator(), 2)) {
            List<TagInfo> tags = list(registry.tags("team/app", true));

            assertThat(tags).extracting(TagInfo::name).startsWith("multi", "v3").contains("v1", "stable", "v2");
            assertThat(tags).hasSize(5);
            assertThat(tags).filteredOn(t -> t.name().equals("v1")).singleElement()
                    .extracting(TagInfo::digest).isEqualTo(EMU.emulator().digestOf("team/app", "a1"));
        }
    }

    @Test
    void shouldListManifestsWithMediaTypeTagsAndLocks() {
        AcrEmulator emu = EMU.emulator();
        try (AcrRegistry registry = createRegistry(emu, 2)) {
            List<ManifestInfo> manifests = list(registry.manifests("team/app"));

            assertThat(manifests).hasSize(6).allSatisfy(m -> assertThat(m.mediaType()).isNotBlank());
            ManifestInfo idx = manifests.stream().filter(m -> m.digest().equals(emu.digestOf("team/app", "idx")))
                    .findFirst().orElseThrow();
            assertThat(idx.isIndex()).isTrue();
            assertThat(idx.tags()).containsExactly("multi");
            ManifestInfo old = manifests.stream().filter(m -> m.digest().equals(emu.digestOf("team/app", "old")))
                    .findFirst().orElseThrow();
            assertThat(old.isTagged()).isFalse();
            ManifestInfo a3 = registry.manifest("team/app", emu.digestOf("team/app", "a3")).orElseThrow();
            assertThat(a3.locks().deleteEnabled()).isFalse();
            assertThat(a3.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        }
    }

    @Test
    void shouldReadSingleTagThroughTheSdkAndAnswerEmptyForUnknownItems() {
        AcrEmulator emu = EMU.emulator();
        try (AcrRegistry registry = createRegistry(emu, 100)) {
            assertThat(registry.tag("team/app", "v2")).get().extracting(TagInfo::digest)
                    .isEqualTo(emu.digestOf("team/app", "a2"));
            assertThat(registry.tag("team/app", "nope")).isEmpty();
            assertThat(registry.manifest("team/app", "sha256:" + "0".repeat(64))).isEmpty();
            assertThat(registry.manifestContent("team/app", "sha256:" + "0".repeat(64))).isEmpty();
        }
    }

    @Test
    void shouldReadChildrenOfAnIndexAndTheSubjectOfAReferrer() {
        AcrEmulator emu = EMU.emulator();
        try (AcrRegistry registry = createRegistry(emu, 100)) {
            ManifestContent idx = registry.manifestContent("team/app", emu.digestOf("team/app", "idx")).orElseThrow();
            ManifestContent sig = registry.manifestContent("team/app", emu.digestOf("team/app", "sig")).orElseThrow();

            assertThat(idx.childDigests()).containsExactlyInAnyOrder(emu.digestOf("team/app", "a1"),
                    emu.digestOf("team/app", "a2"));
            assertThat(sig.subjectDigest()).isEqualTo(emu.digestOf("team/app", "a1"));
            assertThat(registry.referrers("team/app", emu.digestOf("team/app", "a1")))
                    .containsExactly(emu.digestOf("team/app", "sig"));
        }
    }

    @Test
    void shouldUpdateTagAndManifestLocks() {
        AcrEmulator emu = EMU.emulator();
        try (AcrRegistry registry = createRegistry(emu, 100)) {
            TagInfo tag = registry.updateTagLocks("web", "latest", Locks.locked());
            ManifestInfo m = registry.updateManifestLocks("web", emu.digestOf("web", "w1"), Locks.locked());

            assertThat(tag.locks()).isEqualTo(Locks.locked());
            assertThat(m.locks()).isEqualTo(Locks.locked());
            assertThat(m.mediaType()).isNotNull();
            assertThat(registry.tag("web", "latest").orElseThrow().locks().blocksDelete()).isTrue();
            assertThat(registry.deleteTag("web", "latest")).isEqualTo(DeleteOutcome.LOCKED);
        }
    }

    @Test
    void shouldDeleteTagsAndManifestsAndCountAGoneItemAsDone() {
        AcrEmulator emu = EMU.emulator();
        try (AcrRegistry registry = createRegistry(emu, 100)) {
            String a2 = emu.digestOf("team/app", "a2");

            assertThat(registry.deleteTag("team/app", "stable")).isEqualTo(DeleteOutcome.DELETED);
            assertThat(registry.deleteTag("team/app", "stable")).isEqualTo(DeleteOutcome.NOT_FOUND);
            assertThat(registry.deleteManifest("team/app", a2)).isEqualTo(DeleteOutcome.DELETED);
            assertThat(registry.deleteManifest("team/app", a2)).isEqualTo(DeleteOutcome.NOT_FOUND);
            assertThat(registry.deleteManifest("team/app", emu.digestOf("team/app", "a3")))
                    .isEqualTo(DeleteOutcome.LOCKED);
            assertThat(registry.tag("team/app", "v2")).isEmpty();
            // the repository name went out percent-encoded and the emulator decoded it
            assertThat(emu.requestLog().entries()).filteredOn(e -> e.method().equals("DELETE")
                    && e.path().startsWith("/v2/team/app/manifests/") && e.status() != 401)
                    .extracting(e -> e.status()).containsExactly(202, 404, 405);
        }
    }
}
