package io.acrlifecycle.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.model.DeleteOutcome;
import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.MediaTypes;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.registry.Registry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same cases against {@link InMemoryRegistry} and against the emulator through {@code AcrRegistry} (real HTTPS,
 * the Azure SDK pipeline): what the unit tests' fake answers is what the registry answers. Every case starts from
 * the same repository {@code app}:
 * <pre>
 *   old     v1            90 days ago
 *   mid     v2            60 days ago
 *   twin    twin-a twin-b 40 days ago
 *   pinned  pinned        30 days ago, manifest locked (deleteEnabled=false, writeEnabled=false)
 *   new     v3            1 day ago
 *   amd arm (untagged)    100 days ago
 *   multi   multi         50 days ago, an OCI index of amd and arm
 * </pre>
 */
class RegistryContractTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    static final String SEED = """
            {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
             "repositories": [{"name": "app", "manifests": [
               {"id": "old", "tags": ["v1"], "updated": "-90d"},
               {"id": "mid", "tags": ["v2"], "updated": "-60d"},
               {"id": "twin", "tags": ["twin-a", "twin-b"], "updated": "-40d"},
               {"id": "pinned", "tags": ["pinned"], "updated": "-30d",
                "locks": {"deleteEnabled": false, "writeEnabled": false}},
               {"id": "new", "tags": ["v3"], "updated": "-1d"},
               {"id": "amd", "updated": "-100d"},
               {"id": "arm", "updated": "-100d"},
               {"id": "multi", "children": ["amd", "arm"], "tags": ["multi"], "updated": "-50d"}
             ]}]}
            """;

    static final String MISSING = "sha256:" + "0".repeat(64);

    /** The cases; a subclass gives the registry, seeded as above, and the digest of each id. */
    abstract static class Contract {
        Registry registry;

        abstract String digest(String id);

        @Test
        void shouldListTheRepositoryAndItsTagsNewestFirst() {
            assertThat(registry.repositories()).contains("app");
            List<TagInfo> tags = list(registry.tags("app", true));
            assertThat(tags).extracting(TagInfo::name)
                    .containsExactlyInAnyOrder("v1", "v2", "twin-a", "twin-b", "pinned", "v3", "multi");
            assertThat(tags).isSortedAccordingTo(Comparator.comparing(TagInfo::lastUpdateTime).reversed());
            assertThat(tags.get(0).name()).isEqualTo("v3");
        }

        @Test
        void shouldListEveryManifestWithTheTagsOnIt() {
            List<ManifestInfo> manifests = list(registry.manifests("app"));
            assertThat(manifests).extracting(ManifestInfo::digest).containsExactlyInAnyOrder(digest("old"),
                    digest("mid"), digest("twin"), digest("pinned"), digest("new"), digest("amd"), digest("arm"),
                    digest("multi"));
            assertThat(manifests).filteredOn(m -> m.digest().equals(digest("twin"))).singleElement()
                    .satisfies(m -> assertThat(m.tags()).containsExactlyInAnyOrder("twin-a", "twin-b"));
            assertThat(manifests).filteredOn(m -> m.digest().equals(digest("amd"))).singleElement()
                    .satisfies(m -> assertThat(m.tags()).isEmpty());
        }

        @Test
        void shouldReadOneTagOrManifestAndAnswerEmptyWhenMissing() {
            assertThat(registry.tag("app", "v1")).get().extracting(TagInfo::digest).isEqualTo(digest("old"));
            assertThat(registry.manifest("app", digest("old"))).get().extracting(ManifestInfo::tags)
                    .isEqualTo(List.of("v1"));
            assertThat(registry.manifest("app", digest("pinned"))).get()
                    .satisfies(m -> assertThat(m.locks().blocksDelete()).isTrue());
            assertThat(registry.tag("app", "no-such-tag")).isEmpty();
            assertThat(registry.manifest("app", MISSING)).isEmpty();
        }

        @Test
        void shouldUntagAndKeepTheManifest() {
            assertThat(registry.deleteTag("app", "v1")).isEqualTo(DeleteOutcome.DELETED);

            assertThat(registry.tag("app", "v1")).isEmpty();
            assertThat(registry.manifest("app", digest("old"))).get().extracting(ManifestInfo::tags)
                    .isEqualTo(List.of());
            assertThat(registry.deleteTag("app", "v1")).isEqualTo(DeleteOutcome.NOT_FOUND);
        }

        @Test
        void shouldDeleteAManifestWithEveryTagOnIt() {
            assertThat(registry.deleteManifest("app", digest("twin"))).isEqualTo(DeleteOutcome.DELETED);

            assertThat(registry.manifest("app", digest("twin"))).isEmpty();
            assertThat(registry.tag("app", "twin-a")).isEmpty();
            assertThat(registry.tag("app", "twin-b")).isEmpty();
            assertThat(registry.deleteManifest("app", digest("twin"))).isEqualTo(DeleteOutcome.NOT_FOUND);
        }

        @Test
        void shouldRefuseToDeleteALockedManifestUntilItIsUnlocked() {
            assertThat(registry.deleteManifest("app", digest("pinned"))).isEqualTo(DeleteOutcome.LOCKED);
            assertThat(registry.manifest("app", digest("pinned"))).isPresent();

            assertThat(registry.updateManifestLocks("app", digest("pinned"), Locks.NONE).locks()).isEqualTo(Locks.NONE);
            assertThat(registry.deleteManifest("app", digest("pinned"))).isEqualTo(DeleteOutcome.DELETED);
        }

        @Test
        void shouldRefuseToUntagALockedTag() {
            Locks noDelete = new Locks(false, true, true, true);
            assertThat(registry.updateTagLocks("app", "v3", noDelete).locks()).isEqualTo(noDelete);

            assertThat(registry.deleteTag("app", "v3")).isEqualTo(DeleteOutcome.LOCKED);
            assertThat(registry.tag("app", "v3")).get().extracting(TagInfo::locks).isEqualTo(noDelete);
        }

        @Test
        void shouldReadAnIndexWithItsChildren() {
            assertThat(registry.manifestContent("app", digest("multi"))).get().satisfies(c -> {
                assertThat(MediaTypes.isIndex(c.mediaType())).isTrue();
                assertThat(c.childDigests()).containsExactly(digest("amd"), digest("arm"));
            });
            assertThat(registry.manifestContent("app", MISSING)).isEmpty();
        }

        private static <T> List<T> list(Iterable<T> items) {
            List<T> out = new ArrayList<>();
            items.forEach(out::add);
            return out;
        }
    }

    @Nested
    class AgainstTheInMemoryRegistry extends Contract {
        @BeforeEach
        void seed() {
            Instant now = Instant.now();
            registry = new InMemoryRegistry()
                    .manifest("old", now.minus(Duration.ofDays(90)), "v1")
                    .manifest("mid", now.minus(Duration.ofDays(60)), "v2")
                    .manifest("twin", now.minus(Duration.ofDays(40)), "twin-a", "twin-b")
                    .manifest("pinned", now.minus(Duration.ofDays(30)), MediaTypes.DOCKER_MANIFEST,
                            new Locks(false, false, true, true), "pinned")
                    .manifest("new", now.minus(Duration.ofDays(1)), "v3")
                    .manifest("amd", now.minus(Duration.ofDays(100)))
                    .manifest("arm", now.minus(Duration.ofDays(100)))
                    .index("multi", now.minus(Duration.ofDays(50)), Locks.NONE, List.of("amd", "arm"), "multi");
        }

        @Override
        String digest(String id) {
            return InMemoryRegistry.digest(id);
        }
    }

    @Nested
    class AgainstTheEmulator extends Contract {
        AcrEmulator emu;

        @BeforeEach
        void seed() {
            emu = EMU.emulator();
            emu.seed(SEED);
            registry = EmulatorRegistries.open(emu);
        }

        @AfterEach
        void close() {
            registry.close();
        }

        @Override
        String digest(String id) {
            return emu.digestOf("app", id);
        }
    }
}
