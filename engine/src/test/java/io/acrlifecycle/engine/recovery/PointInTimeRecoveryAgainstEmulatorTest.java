package io.acrlifecycle.engine.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.containers.containerregistry.ContainerRegistryClient;
import com.azure.containers.containerregistry.ContainerRegistryClientBuilder;
import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.restore.RestoreOutcome;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * Point-in-time recovery against the emulator: deletions by different means after a moment T (manifest deletes
 * through the engine, a tag delete, an index and one of its children, a signed image whose signature ACR removes
 * with it, a whole-repository delete through the Azure SDK), a tag moved since, an item deleted before T; then one
 * recovery, and the registry is checked item by item.
 */
class PointInTimeRecoveryAgainstEmulatorTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    static final String SEED = """
            {"registry": {"sku": "Standard", "softDelete": {"enabled": true, "retentionDays": 7}},
             "repositories": [
              {"name": "shop/api", "manifests": [
                {"id": "a1", "tags": ["1.0", "stable"], "size": 1000},
                {"id": "a2", "tags": ["1.1", "latest"], "size": 2000},
                {"id": "sig", "subject": "a2", "artifactType": "application/vnd.cncf.notary.signature", "size": 10},
                {"id": "c1", "os": "linux", "architecture": "amd64", "size": 300},
                {"id": "c2", "os": "linux", "architecture": "arm64", "size": 400},
                {"id": "idx", "mediaType": "application/vnd.oci.image.index.v1+json", "children": ["c1", "c2"],
                 "tags": ["multi"]},
                {"id": "keep", "tags": ["2.0"], "size": 50},
                {"id": "older", "tags": ["0.9"], "deleted": true, "deletedAt": "-3d", "size": 900}
              ]},
              {"name": "shop/web", "manifests": [
                {"id": "w1", "tags": ["1.0"], "size": 100},
                {"id": "w2", "tags": ["2.0", "latest"], "size": 200}
              ]},
              {"name": "other", "manifests": [
                {"id": "o1", "tags": ["v1"], "size": 5}
              ]}
            ]}
            """;

    /** The accident, one minute after T: returns T. */
    private static Instant accident(AcrEmulator emu, AcrRegistry registry) {
        emu.reset();
        emu.seed(SEED);
        Instant t = emu.clock().now();
        emu.clock().advance(Duration.ofMinutes(1));
        registry.deleteManifest("shop/api", emu.digestOf("shop/api", "a1"));
        registry.deleteTag("shop/api", "latest");
        registry.deleteManifest("shop/api", emu.digestOf("shop/api", "a2")); // its signature goes with it
        registry.deleteManifest("shop/api", emu.digestOf("shop/api", "idx"));
        registry.deleteManifest("shop/api", emu.digestOf("shop/api", "c1"));
        sdk(emu).deleteRepository("shop/web");
        registry.deleteManifest("other", emu.digestOf("other", "o1"));
        emu.clock().advance(Duration.ofMinutes(1));
        // since then, someone put 'stable' on another manifest
        registry.restore("shop/api", emu.digestOf("shop/api", "older"), "stable", false);
        return t;
    }

    private static ContainerRegistryClient sdk(AcrEmulator emu) {
        TokenCredential cred = ctx -> Mono.just(new AccessToken(emu.aadToken(), OffsetDateTime.now().plusHours(1)));
        return new ContainerRegistryClientBuilder().endpoint(emu.endpoint().toString()).credential(cred)
                .httpClient(new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
                        .sslContext(emu.sslContext())).build())
                .buildClient();
    }

    private static PointInTimeRecovery recovery(Registry registry, AcrEmulator emu) {
        return new PointInTimeRecovery(registry, EngineLog.SILENT, Clock.fixed(emu.clock().now(), ZoneOffset.UTC));
    }

    private static long restoreCalls(AcrEmulator emu) {
        return emu.requestLog().entries().stream().filter(e -> e.method().equals("POST")
                && e.path().startsWith("/acr/v1/_deleted/") && e.status() != 401).count();
    }

    private static Map<String, String> tags(Registry registry, String repo) {
        return java.util.stream.StreamSupport.stream(registry.tags(repo, false).spliterator(), false)
                .collect(Collectors.toMap(TagInfo::name, TagInfo::digest));
    }

    @Test
    void shouldPlanADryRunWithoutAnyRestoreCall() {
        AcrEmulator emu = EMU.emulator();
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            Instant t = accident(emu, registry);
            long before = restoreCalls(emu);

            RecoveryReport report = recovery(registry, emu).run(new RecoveryRequest(t, null, "shop/.*", false, true,
                    null));

            assertThat(restoreCalls(emu)).isEqualTo(before);
            assertThat(report.dryRun()).isTrue();
            assertThat(report.items()).extracting(RecoveryResult::repository).containsOnly("shop/api", "shop/web");
            RecoveryResult a1 = find(report, "shop/api", emu.digestOf("shop/api", "a1"));
            assertThat(a1.outcome()).isEqualTo(RestoreOutcome.CONFLICT);
            assertThat(a1.tags()).extracting(RecoveryResult.TagResult::tag, RecoveryResult.TagResult::outcome)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("1.0", RestoreOutcome.WOULD_RESTORE),
                            org.assertj.core.groups.Tuple.tuple("stable", RestoreOutcome.CONFLICT));
            assertThat(a1.tags().get(1).liveDigest()).isEqualTo(emu.digestOf("shop/api", "older"));
            assertThat(report.repositories()).filteredOn(r -> r.repository().equals("shop/web")).singleElement()
                    .satisfies(r -> {
                        assertThat(r.manifests()).isEqualTo(2);
                        assertThat(r.tags()).isEqualTo(3);
                        assertThat(r.bytes()).isEqualTo(300);
                    });
        }
    }

    @Test
    void shouldPutTheRepositoriesBackAsTheyWereAtT() {
        AcrEmulator emu = EMU.emulator();
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            Instant t = accident(emu, registry);

            RecoveryReport report = recovery(registry, emu).run(new RecoveryRequest(t, null, "shop/.*", false, false,
                    null));

            // shop/web: the whole repository is back with every tag
            assertThat(tags(registry, "shop/web")).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "1.0", emu.digestOf("shop/web", "w1"), "2.0", emu.digestOf("shop/web", "w2"),
                    "latest", emu.digestOf("shop/web", "w2")));
            // shop/api: a2 with both tags (one deleted on its own before the manifest), its signature, the index
            // and its child; a1 with 1.0 but not 'stable', which points at another manifest now
            Map<String, String> api = tags(registry, "shop/api");
            assertThat(api).containsEntry("1.1", emu.digestOf("shop/api", "a2"))
                    .containsEntry("latest", emu.digestOf("shop/api", "a2"))
                    .containsEntry("multi", emu.digestOf("shop/api", "idx"))
                    .containsEntry("1.0", emu.digestOf("shop/api", "a1"))
                    .containsEntry("stable", emu.digestOf("shop/api", "older"))
                    .containsEntry("2.0", emu.digestOf("shop/api", "keep"));
            assertThat(api.keySet()).noneMatch(tag -> tag.startsWith("acrl-restore-"));
            for (String id : List.of("a1", "a2", "sig", "c1", "c2", "idx")) {
                assertThat(registry.manifest("shop/api", emu.digestOf("shop/api", id))).as(id).isPresent();
            }
            assertThat(registry.manifest("shop/api", emu.digestOf("shop/api", "sig")).orElseThrow().tags()).isEmpty();
            // 'other' is outside the filter, and nothing deleted before T came back
            assertThat(registry.manifest("other", emu.digestOf("other", "o1"))).isEmpty();
            // order: the child before its index, the subject before its signature
            List<String> order = report.items().stream().map(RecoveryResult::digest).toList();
            assertThat(order.indexOf(emu.digestOf("shop/api", "c1")))
                    .isLessThan(order.indexOf(emu.digestOf("shop/api", "idx")));
            assertThat(order.indexOf(emu.digestOf("shop/api", "a2")))
                    .isLessThan(order.indexOf(emu.digestOf("shop/api", "sig")));
            assertThat(report.conflicts()).isEqualTo(1);
            assertThat(report.complete()).isFalse();
            assertThat(report.repositories()).filteredOn(r -> r.repository().equals("shop/api")).singleElement()
                    .satisfies(r -> {
                        assertThat(r.manifests()).isEqualTo(5); // a1 a2 sig idx c1
                        assertThat(r.bytes()).isEqualTo(1000 + 2000 + 10 + 300
                                + emuSize(registry, emu, "idx"));
                    });
        }
    }

    private static long emuSize(AcrRegistry registry, AcrEmulator emu, String id) {
        return registry.manifest("shop/api", emu.digestOf("shop/api", id)).orElseThrow().imageSize();
    }

    @Test
    void shouldMoveAConflictingTagOnlyWithForce() {
        AcrEmulator emu = EMU.emulator();
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            Instant t = accident(emu, registry);

            RecoveryReport report = recovery(registry, emu).run(new RecoveryRequest(t, "shop/api", null, true, false,
                    null));

            assertThat(registry.tag("shop/api", "stable").orElseThrow().digest())
                    .isEqualTo(emu.digestOf("shop/api", "a1"));
            assertThat(report.complete()).as(report.toString()).isTrue();
            assertThat(report.conflicts()).isZero();
        }
    }

    @Test
    void shouldReportAnItemPastItsExpiryWithoutCallingTheRegistry() {
        AcrEmulator emu = EMU.emulator();
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            Instant t = accident(emu, registry);
            long before = restoreCalls(emu);
            // seven days on, the items are past deletedAt + 7 days but the registry's daily purge has not run yet
            Clock later = Clock.fixed(emu.clock().now().plus(Duration.ofDays(7)), ZoneOffset.UTC);

            RecoveryReport report = new PointInTimeRecovery(registry, EngineLog.SILENT, later)
                    .run(new RecoveryRequest(t, "other", null, false, false, null));

            assertThat(report.items()).singleElement().satisfies(i -> {
                assertThat(i.outcome()).isEqualTo(RestoreOutcome.EXPIRED);
                assertThat(i.tags()).extracting(RecoveryResult.TagResult::outcome)
                        .containsExactly(RestoreOutcome.EXPIRED);
            });
            assertThat(restoreCalls(emu)).isEqualTo(before);
            assertThat(report.complete()).isFalse();
        }
    }

    @Test
    void shouldContinueAKilledRunFromItsJournalWithoutSendingAnyCallTwice(@TempDir Path dir) throws Exception {
        AcrEmulator emu = EMU.emulator();
        Path journal = dir.resolve("restore.jsonl");
        long clean;
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            Instant t = accident(emu, registry);
            long start = restoreCalls(emu);
            recovery(registry, emu).run(new RecoveryRequest(t, null, "shop/.*", false, false, null));
            clean = restoreCalls(emu) - start;
        }
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            Instant t = accident(emu, registry);
            long start = restoreCalls(emu);
            // killed on the 4th restore call, before it is sent
            Registry dying = killedAt(registry, "restore", 4);
            RecoveryRequest request = new RecoveryRequest(t, null, "shop/.*", false, false, journal);
            assertThatThrownBy(() -> recovery(dying, emu).run(request)).hasMessageContaining("killed");

            RecoveryReport rerun = recovery(registry, emu).run(request);

            assertThat(restoreCalls(emu) - start).isEqualTo(clean);
            assertThat(rerun.resumed()).isEqualTo(3);
            assertThat(tags(registry, "shop/web")).hasSize(3);
            assertThat(registry.manifest("shop/api", emu.digestOf("shop/api", "sig"))).isPresent();
            assertThat(Files.readAllLines(journal).get(0)).contains("restore-since journal", emu.loginServer());
        }
    }

    @Test
    void shouldRemoveATemporaryTagThatAKilledRunLeftBehind(@TempDir Path dir) {
        AcrEmulator emu = EMU.emulator();
        Path journal = dir.resolve("restore.jsonl");
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            Instant t = accident(emu, registry);
            // killed right after the signature came back under its temporary tag, before the tag was removed
            Registry dying = killedAt(registry, "deleteTag", 1);
            RecoveryRequest request = new RecoveryRequest(t, "shop/api", null, false, false, journal);
            assertThatThrownBy(() -> recovery(dying, emu).run(request)).hasMessageContaining("killed");
            assertThat(tags(registry, "shop/api").keySet()).anyMatch(tag -> tag.startsWith("acrl-restore-"));

            recovery(registry, emu).run(request);

            assertThat(tags(registry, "shop/api").keySet()).noneMatch(tag -> tag.startsWith("acrl-restore-"));
            assertThat(registry.manifest("shop/api", emu.digestOf("shop/api", "sig"))).isPresent();
        }
    }

    @Test
    void shouldRefuseAJournalOfAnotherRecovery(@TempDir Path dir) throws Exception {
        AcrEmulator emu = EMU.emulator();
        Path journal = dir.resolve("restore.jsonl");
        Files.writeString(journal, "{\"journal\":\"" + RecoveryJournal.KIND + "\",\"version\":1,"
                + "\"registry\":\"elsewhere.azurecr.io\",\"since\":\"2026-01-01T00:00:00Z\"}\n");
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            Instant t = accident(emu, registry);
            long before = restoreCalls(emu);

            assertThatThrownBy(() -> recovery(registry, emu).run(new RecoveryRequest(t, null, null, false, false,
                    journal))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("elsewhere.azurecr.io").hasMessageContaining("use a new journal file");
            assertThat(restoreCalls(emu)).isEqualTo(before);
        }
    }

    @Test
    void shouldBringBackWhatAPurgeDeleted(@TempDir Path dir) {
        AcrEmulator emu = EMU.emulator();
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            emu.reset();
            emu.seed(SEED);
            Map<String, String> before = tags(registry, "shop/web");
            Instant t = emu.clock().now();
            emu.clock().advance(Duration.ofSeconds(1));
            var purge = io.acrlifecycle.engine.purge.PurgeService.run(registry,
                    io.acrlifecycle.engine.purge.PurgeRequest.builder().filter("shop/web:.*").ago("0d")
                            .untagged(true).journal(dir.resolve("purge.jsonl")).build(),
                    null, EngineLog.SILENT);
            assertThat(purge.totals().manifestsDeleted()).isEqualTo(2);

            RecoveryReport report = recovery(registry, emu).run(new RecoveryRequest(t, "shop/web", null, false, false,
                    null));

            assertThat(report.complete()).as(report.toString()).isTrue();
            assertThat(tags(registry, "shop/web")).isEqualTo(before);
        }
    }

    private static RecoveryResult find(RecoveryReport report, String repo, String digest) {
        return report.items().stream().filter(i -> i.repository().equals(repo) && i.digest().equals(digest))
                .findFirst().orElseThrow();
    }

    /** The registry, except that the n-th call of {@code method} throws as if the process died before sending it. */
    static Registry killedAt(Registry registry, String method, int n) {
        AtomicInteger calls = new AtomicInteger();
        return (Registry) Proxy.newProxyInstance(Registry.class.getClassLoader(), new Class<?>[] {Registry.class},
                (proxy, m, args) -> {
                    if (m.getName().equals(method) && calls.incrementAndGet() == n) {
                        throw new IllegalStateException("killed before " + method + " #" + n);
                    }
                    try {
                        return m.invoke(registry, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
