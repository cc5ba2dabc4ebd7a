package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.json.Json;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.registry.Registries;
import io.acrlifecycle.engine.registry.RegistryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code restore --since} end to end: an accidental loop of deletes, then one command brings everything back. */
class RestoreSinceCommandTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    static final String SEED = """
            {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
             "repositories": [
               {"name": "shop/api", "manifests": [
                 {"id": "a1", "tags": ["1.0"], "size": 1000},
                 {"id": "a2", "tags": ["1.1", "latest"], "size": 2000},
                 {"id": "sig", "subject": "a2", "artifactType": "application/vnd.cncf.notary.signature", "size": 10}
               ]},
               {"name": "shop/web", "manifests": [{"id": "w1", "tags": ["1.0"], "size": 100}]},
               {"name": "tools", "manifests": [{"id": "t1", "tags": ["1.0"], "size": 7}]}
             ]}
            """;

    private static AcrRegistry open(AcrEmulator emu) {
        return Registries.open(RegistryConfig.builder().loginServer(emu.loginServer()).endpoint(emu.endpoint())
                .resourceId(emu.resourceId()).sslContext(emu.sslContext())
                .credential(new StaticTokenCredential(emu.aadToken())).build());
    }

    /** Seeds, then deletes every manifest of every repository in a loop, as a wrong script would; returns T. */
    private static String accident(AcrEmulator emu) {
        emu.seed(SEED);
        String t = emu.clock().now().toString();
        emu.clock().advance(Duration.ofSeconds(1));
        try (AcrRegistry registry = open(emu)) {
            for (String repo : new String[] {"shop/api", "shop/web", "tools"}) {
                for (var m : registry.manifests(repo)) {
                    registry.deleteManifest(repo, m.digest());
                }
            }
        }
        return t;
    }

    private static long restoreCalls(AcrEmulator emu) {
        return emu.requestLog().entries().stream().filter(e -> e.method().equals("POST")
                && e.path().startsWith("/acr/v1/_deleted/") && e.status() != 401).count();
    }

    @Test
    void shouldPrintThePlanAndRestoreNothingByDefault() {
        AcrEmulator emu = EMU.emulator();
        String t = accident(emu);

        CliRun run = EmulatorArgs.run(emu, "restore", "--since", t, "--filter", "shop/.*");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("WOULD_RESTORE: shop/api@" + emu.digestOf("shop/api", "a2"),
                "tags 1.1 WOULD_RESTORE, latest WOULD_RESTORE", "shop/web: would bring back 1 manifest(s), 1 tag(s)",
                "dry run: nothing restored; add --execute to restore").doesNotContain("tools");
        assertThat(restoreCalls(emu)).isZero();
    }

    @Test
    void shouldBringEverythingBackWithOneCommand(@TempDir Path dir) throws Exception {
        AcrEmulator emu = EMU.emulator();
        String t = accident(emu);
        Path journal = dir.resolve("restore.jsonl");

        CliRun run = EmulatorArgs.run(emu, "restore", "--since", t, "--filter", "shop/.*", "--execute",
                "--journal", journal.toString(), "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.at("/status").asText()).isEqualTo("done");
        assertThat(json.at("/result/repositories/0/repository").asText()).isEqualTo("shop/api");
        assertThat(json.at("/result/repositories/0/manifests").asInt()).isEqualTo(3);
        assertThat(json.at("/result/repositories/0/tags").asInt()).isEqualTo(3);
        assertThat(json.at("/result/repositories/0/bytes").asLong()).isEqualTo(3010);
        try (AcrRegistry registry = open(emu)) {
            assertThat(registry.tag("shop/api", "latest").orElseThrow().digest())
                    .isEqualTo(emu.digestOf("shop/api", "a2"));
            assertThat(registry.tag("shop/api", "1.0").orElseThrow().digest())
                    .isEqualTo(emu.digestOf("shop/api", "a1"));
            assertThat(registry.manifest("shop/api", emu.digestOf("shop/api", "sig"))).isPresent();
            assertThat(registry.tag("shop/web", "1.0")).isPresent();
            assertThat(registry.tag("tools", "1.0")).isEmpty();
        }
        assertThat(Files.readString(journal)).contains("\"intent\":\"restore\"", "\"outcome\":\"RESTORED\"");

        // a second run finds nothing left to do and sends nothing
        long calls = restoreCalls(emu);
        CliRun again = EmulatorArgs.run(emu, "restore", "--since", t, "--filter", "shop/.*", "--execute",
                "--journal", journal.toString());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("nothing was deleted since");
        assertThat(restoreCalls(emu)).isEqualTo(calls);
    }

    @Test
    void shouldRefuseBadSinceInputsBeforeAnyCall() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String[][] bad = {
            {"--since", "yesterday"},
            {"--since", "2999-01-01T00:00:00Z"},
            {"--since", "2h", "--tag", "1.0", "-n", "shop/api"},
            {"--since", "2h", "-n", "shop/api", "--filter", "shop/.*"},
            {"--since", "2h", "--filter", "shop/("},
            {"--since", "2h", "-n", "Shop API"},
            {"--filter", "shop/.*", "-n", "shop/api", "--tag", "1.0"},
        };
        String[] named = {"--since: 'yesterday' is not a time", "--since: '2999-01-01T00:00:00Z' is in the future",
            "--since and --digest/--tag", "--repository and --filter", "--filter", "--repository: 'Shop API'",
            "--filter, --execute and --journal go with --since"};
        for (int i = 0; i < bad.length; i++) {
            String[] args = new String[bad[i].length + 1];
            args[0] = "restore";
            System.arraycopy(bad[i], 0, args, 1, bad[i].length);
            emu.requestLog().clear();

            CliRun run = EmulatorArgs.run(emu, args);

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).as(run.toString()).contains(named[i]);
            assertThat(emu.requestLog().entries()).as("no call for " + String.join(" ", bad[i])).isEmpty();
        }
    }
}
