package io.acrlifecycle.engine.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.purge.result.ItemResult;
import io.acrlifecycle.engine.purge.result.PurgeReport;
import io.acrlifecycle.engine.purge.result.RepositoryReport;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acr purge cases of AcrPurgeTagPassTest / AcrPurgeUntaggedPassTest, seeded into the emulator and run for real
 * through PurgeService (HTTPS, Azure SDK pipeline): the EXACT set of removed tags and deleted manifests, checked
 * both in the report and in the registry afterwards. Times are absolute and the purge's clock is fixed at NOW, so
 * the cutoff cases hit the boundary exactly. (A manifest without mediaType cannot be seeded: the emulator always
 * reports one; that case stays a planner unit test.)
 */
class AcrPurgeMatrixAgainstEmulatorTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final String V2 = "application/vnd.docker.distribution.manifest.v2+json";
    static final String OCI = "application/vnd.oci.image.manifest.v1+json";

    /** A seeded manifest created and updated {@code secondsAgo} before NOW; {@code extra} adds JSON fields. */
    static String m(String id, long secondsAgo, String extra) {
        String t = NOW.minusSeconds(secondsAgo).toString();
        return "{\"id\": \"" + id + "\", \"created\": \"" + t + "\", \"updated\": \"" + t + "\"" + (extra.isEmpty()
                ? "" : ", " + extra) + "}";
    }

    static long days(double d) {
        return (long) (d * 86_400);
    }

    record Case(String name, List<String> manifests, UnaryOperator<PurgeRequest.Builder> request,
            Set<String> untaggedTags, Set<String> deletedIds) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("keep N: the N newest eligible tags stay, the rest go",
                        List.of(m("a", days(10), "\"tags\": [\"t1\"]"), m("b", days(9), "\"tags\": [\"t2\"]"),
                                m("c", days(8), "\"tags\": [\"t3\"]"), m("d", days(7), "\"tags\": [\"t4\"]")),
                        b -> b.filter("app:^t").ago("1d").keep(2), Set.of("t1", "t2"), Set.of()),
                new Case("keep N larger than the eligible tags: nothing goes",
                        List.of(m("a", days(10), "\"tags\": [\"t1\"]"), m("b", days(9), "\"tags\": [\"t2\"]")),
                        b -> b.filter("app:^t").ago("1d").keep(2), Set.of(), Set.of()),
                new Case("locked tags do not take a keep slot",
                        List.of(m("a", days(10), "\"tags\": [\"t1\"]"), m("b", days(9), "\"tags\": [\"t2\"]"),
                                m("c", days(8), "\"tags\": [{\"name\": \"t3\", \"locks\": {\"writeEnabled\": false}}]")),
                        b -> b.filter("app:^t").ago("1d").keep(1), Set.of("t1"), Set.of()),
                new Case("ago: a tag exactly at the cutoff stays (strictly before)",
                        List.of(m("a", days(1), "\"tags\": [\"edge\"]"), m("b", days(1) + 1, "\"tags\": [\"older\"]")),
                        b -> b.filter("app:.*").ago("1d"), Set.of("older"), Set.of()),
                new Case("untagged: a manifest exactly at the cutoff is deleted",
                        List.of(m("edge", days(1), ""), m("young", days(1) - 1, "")),
                        b -> b.untaggedOnly(true).filter("app:.*").ago("1d"), Set.of(), Set.of("edge")),
                new Case("untagged: children of a tagged index are shielded",
                        List.of(m("c1", days(5), ""), m("c2", days(5), ""), m("loose", days(5), ""),
                                m("idx", days(5), "\"mediaType\": \"application/vnd.oci.image.index.v1+json\", "
                                        + "\"children\": [\"c1\", \"c2\"], \"tags\": [\"multi\"]")),
                        b -> b.untaggedOnly(true).filter("app:.*").ago("1d"), Set.of(), Set.of("loose")),
                new Case("untagged: a referrer (subject) is spared",
                        List.of(m("base", days(5), "\"tags\": [\"v1\"]"), m("loose", days(5), ""),
                                m("sig", days(5), "\"subject\": \"base\", \"mediaType\": \"" + OCI + "\"")),
                        b -> b.untaggedOnly(true).filter("app:.*").ago("1d"), Set.of(), Set.of("loose")),
                new Case("untagged: a locked manifest is spared",
                        List.of(m("locked", days(5), "\"locks\": {\"deleteEnabled\": false}"), m("loose", days(5), "")),
                        b -> b.untaggedOnly(true).filter("app:.*").ago("1d"), Set.of(), Set.of("loose")),
                new Case("untagged keep N: the N newest untagged manifests stay",
                        List.of(m("u1", days(10), ""), m("u2", days(9), ""), m("u3", days(8), ""), m("u4", days(7), "")),
                        b -> b.untaggedOnly(true).filter("app:.*").ago("1d").keep(2), Set.of(), Set.of("u1", "u2")),
                new Case("untagged-only: old tags stay, only untagged manifests go",
                        List.of(m("a", days(10), "\"tags\": [\"t1\"]"), m("u1", days(10), "")),
                        b -> b.untaggedOnly(true).filter("app:.*").ago("1d"), Set.of(), Set.of("u1")),
                new Case("tags and untagged: a manifest losing its last tag goes in the same run, one keeping a tag stays",
                        List.of(m("a", days(10), "\"tags\": [\"t1\"]"), m("b", days(10), "\"tags\": [\"t2\", \"keepme\"]"),
                                m("u1", days(10), "")),
                        b -> b.filter("app:^t").ago("1d").untagged(true), Set.of("t1", "t2"), Set.of("a", "u1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldRemoveExactlyWhatAcrPurgeWould(Case c, @TempDir Path dir) {
        // given
        AcrEmulator emu = EMU.emulator();
        emu.seed("{\"registry\": {\"softDelete\": {\"enabled\": true, \"retentionDays\": 7}}, \"repositories\": "
                + "[{\"name\": \"app\", \"manifests\": [" + String.join(",\n", c.manifests()) + "]}]}");
        Set<String> allIds = c.manifests().stream().map(s -> s.replaceAll("^\\{\"id\": \"([^\"]+)\".*", "$1"))
                .collect(Collectors.toSet());
        PurgeRequest req = c.request().apply(PurgeRequest.builder().journal(dir.resolve("j.jsonl"))).build();

        try (AcrRegistry reg = EmulatorRegistries.open(emu)) {
            Set<String> tagsBefore = tags(reg);

            // when
            PurgeReport r = PurgeService.run(reg, req, null, EngineLog.SILENT, Clock.fixed(NOW, ZoneOffset.UTC));

            // then: the report and the registry agree on exactly the expected sets
            assertThat(r.status()).isEqualTo(PurgeReport.Status.COMPLETED);
            Set<String> expectedDigests = c.deletedIds().stream().map(id -> emu.digestOf("app", id))
                    .collect(Collectors.toSet());
            assertThat(r.repositories()).flatExtracting(RepositoryReport::untagged).extracting(ItemResult::tag)
                    .containsExactlyInAnyOrderElementsOf(c.untaggedTags());
            assertThat(r.repositories()).flatExtracting(RepositoryReport::deleted).extracting(ItemResult::digest)
                    .containsExactlyInAnyOrderElementsOf(expectedDigests);
            Set<String> tagsAfter = tags(reg);
            assertThat(tagsBefore.stream().filter(t -> !tagsAfter.contains(t)).collect(Collectors.toSet()))
                    .isEqualTo(c.untaggedTags()); // a deleted manifest only loses tags the purge untagged first
            for (String id : allIds) {
                assertThat(reg.manifest("app", emu.digestOf("app", id))).as(id)
                        .matches(o -> o.isPresent() != c.deletedIds().contains(id));
            }
        }
    }

    static Set<String> tags(AcrRegistry reg) {
        Set<String> out = new java.util.TreeSet<>();
        reg.tags("app", true).forEach(t -> out.add(t.name()));
        return out;
    }
}
