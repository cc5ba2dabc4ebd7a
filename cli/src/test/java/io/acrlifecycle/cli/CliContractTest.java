package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.emulator.EmulatorOptions;
import io.acrlifecycle.engine.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue 6's promises that cut across commands: JSON envelope, auth, registry forms, trust, progress. */
class CliContractTest {

    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    @TempDir
    Path dir;

    @BeforeEach
    void seed() {
        EMU.emulator().seed(EmulatorArgs.SEED);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }

    /** Every command that talks to a registry, in an order that works on the seed, with its JSON envelope. */
    private Map<String, JsonNode> runEveryRegistryCommandAsJson() throws Exception {
        Path journal = dir.resolve("j.jsonl");
        List<String[]> commands = List.of(
                new String[] {"soft-delete", "show"},
                new String[] {"soft-delete", "ensure", "--days", "14"},
                new String[] {"list-deleted"},
                new String[] {"usage"},
                new String[] {"guard", "--image", "app:v4", "--lock"},
                new String[] {"forecast", "--window", "30d"},
                new String[] {"lock", "--image", "app:v4"},
                new String[] {"unlock", "--image", "app:v4"},
                new String[] {"purge", "-f", "app:^v1$", "--ago", "1d", "--untagged"},
                new String[] {"purge", "-f", "app:^v1$", "--ago", "1d", "--execute", "--journal", journal.toString()},
                new String[] {"undo", "--journal", journal.toString()},
                new String[] {"restore", "-n", "app", "-t", "v0"});
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        for (String[] command : commands) {
            String[] args = Stream.concat(Stream.of(command), Stream.of("-o", "json")).toArray(String[]::new);
            CliRun run = EmulatorArgs.run(EMU.emulator(), args);
            String name = command[0].equals("soft-delete") ? "soft-delete " + command[1] : command[0];
            assertThat(run.exitCode()).as(name + ": " + run).isZero();
            JsonNode json = Json.mapper().readTree(run.out());
            out.merge(name, json, (dry, real) -> {
                // purge twice: keep both results (the dry run has the plan)
                ((com.fasterxml.jackson.databind.node.ObjectNode) real).set("dryRunResult", dry.get("result"));
                return real;
            });
        }
        return out;
    }

    @Test
    void shouldPrintTheDocumentedEnvelopeForEveryRegistryCommand() throws Exception {
        // when
        Map<String, JsonNode> outputs = runEveryRegistryCommandAsJson();

        // then: one JSON document on stdout, fields in the documented order (docs/cli.md "JSON envelope")
        assertThat(outputs).hasSize(11);
        outputs.forEach((name, json) -> {
            assertThat(fieldNames(json).subList(0, 5)).as(name).containsExactly("command", "status", "exitCode",
                    "registry", "result");
            assertThat(json.get("command").asText()).isEqualTo(name);
            assertThat(json.get("exitCode").asInt()).isZero();
            assertThat(json.get("registry").asText()).isEqualTo(EMU.emulator().loginServer());
            assertThat(json.get("result").isObject()).as(name).isTrue();
        });
    }

    /** Field names used anywhere in a JSON tree. */
    private static void fields(JsonNode node, java.util.Set<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                into.add(e.getKey());
                fields(e.getValue(), into);
            });
        } else if (node.isArray()) {
            node.forEach(n -> fields(n, into));
        }
    }

    @Test
    void shouldHaveEveryResultFieldThatDocsCliMdDocuments() throws Exception {
        // given the field names each command's section of docs/cli.md lists after `result`
        String doc = Files.readString(Path.of("..", "docs", "cli.md"));
        java.util.regex.Pattern field = java.util.regex.Pattern.compile("[`\"]([a-z][A-Za-z]+)(?:\\[])?[`\"]");
        // present only when they apply (null fields are left out of the JSON, docs/cli.md says so)
        java.util.Set<String> conditional = java.util.Set.of("error", "message", "liveDigest", "detail",
                "earliestDeletion", "note", "reason");
        Map<String, JsonNode> outputs = runEveryRegistryCommandAsJson();
        List<String> missing = new ArrayList<>();

        for (Map.Entry<String, JsonNode> e : outputs.entrySet()) {
            String heading = e.getKey().equals("lock") || e.getKey().equals("unlock") ? "## lock and unlock"
                    : "## " + e.getKey();
            int at = doc.indexOf(heading + "\n");
            assertThat(at).as("docs/cli.md section " + heading).isNotNegative();
            String section = doc.substring(at, doc.indexOf("\n## ", at + 1));
            int result = section.indexOf("`result`");
            assertThat(result).as("docs/cli.md documents the result of " + e.getKey()).isNotNegative();
            String documented = section.substring(result + "`result`".length());
            java.util.Set<String> actual = new java.util.HashSet<>();
            fields(e.getValue().get("result"), actual);
            if (e.getValue().has("dryRunResult")) {
                fields(e.getValue().get("dryRunResult"), actual);
            }
            java.util.regex.Matcher m = field.matcher(documented);
            while (m.find()) {
                String name = m.group(1);
                boolean other = (e.getKey().equals("lock") && name.equals("unlocked"))
                        || (e.getKey().equals("unlock") && name.equals("locked"));
                if (!actual.contains(name) && !conditional.contains(name) && !other) {
                    missing.add(e.getKey() + ": " + name);
                }
            }
        }

        // then
        assertThat(missing).isEmpty();
    }

    @Test
    void shouldUnlockAndSayWhatAsJson() throws Exception {
        // given
        assertThat(EmulatorArgs.run(EMU.emulator(), "lock", "--image", "app:v2").exitCode()).isZero();

        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "unlock", "--image", "app:v2", "-o", "json");

        // then: {"image", "unlocked": [{kind, repository, tag, digest}]}, the tag and its manifest
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode result = Json.mapper().readTree(run.out()).get("result");
        assertThat(fieldNames(result)).containsExactly("image", "unlocked");
        assertThat(result.get("image").asText()).isEqualTo("app:v2");
        List<String> kinds = new ArrayList<>();
        result.get("unlocked").forEach(i -> kinds.add(i.get("kind").asText()));
        assertThat(kinds).contains("tag", "manifest");
        assertThat(result.at("/unlocked/0/digest").asText()).isEqualTo(EMU.emulator().digestOf("app", "a2"));
        // and it is really writable again: a purge may untag it
        assertThat(EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:^v2$", "--ago", "1d").out())
                .contains("Number of tags to be deleted: 1");
    }

    @Test
    void shouldRestoreASoftDeletedImageWhenTheGuardIsAskedTo() throws Exception {
        // given app:v0 is soft-deleted (seed)

        // when
        CliRun first = EmulatorArgs.run(EMU.emulator(), "guard", "--image", "app:v0", "--restore", "--no-tasks",
                "-o", "json");

        // then: restored, and the same run judges the restored image (docs/guard.md, check soft-deleted)
        assertThat(first.exitCode()).as(first.toString()).isZero();
        JsonNode softDeleted = null;
        for (JsonNode check : Json.mapper().readTree(first.out()).at("/result/checks")) {
            if (check.get("name").asText().equals("soft-deleted")) {
                softDeleted = check;
            }
        }
        assertThat(softDeleted).isNotNull();
        assertThat(softDeleted.get("reason").asText()).startsWith("restored app:v0@" + EMU.emulator().digestOf("app",
                "gone")).contains("the other checks judged the restored image");
        assertThat(EmulatorArgs.run(EMU.emulator(), "list-deleted", "-n", "app").out())
                .contains("0 soft-deleted manifest(s)");

        // when the guard runs again, nothing is left to restore and it still passes
        CliRun second = EmulatorArgs.run(EMU.emulator(), "guard", "--image", "app:v0", "--no-tasks");

        // then the image is there
        assertThat(second.exitCode()).as(second.toString()).isZero();
    }

    @Test
    void shouldBlockASoftDeletedImageWithoutRestore() {
        // when
        CliRun run = EmulatorArgs.run(EMU.emulator(), "guard", "--image", "app:v0", "--no-tasks");

        // then: without --restore nothing is restored
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.GUARD_BLOCKED);
        assertThat(EmulatorArgs.run(EMU.emulator(), "list-deleted", "-n", "app").out())
                .contains("1 soft-deleted manifest(s)");
    }

    @Test
    void shouldNeverPrintOrWriteThePasswordFromTheEnvironment() throws Exception {
        // given the admin password in ACR_PASSWORD, JSON output, report files and stack traces on
        String password = EMU.emulator().adminPassword();
        Path reports = dir.resolve("reports");
        Map<String, String> env = Map.of("ACR_PASSWORD", password, "ACRLC_DEBUG", "true");

        // when: a command that works, and one that fails on the ARM call a password cannot make
        CliRun ok = CliRun.run(env, "", EmulatorArgs.args(EMU.emulator(), "list-deleted", "-n", "app", "-u",
                EMU.emulator().adminUsername(), "-o", "json", "--report-dir", reports.toString()));
        CliRun failed = CliRun.run(env, "", EmulatorArgs.args(EMU.emulator(), "usage", "-u",
                EMU.emulator().adminUsername(), "-o", "json", "--report-dir", reports.toString()));

        // then
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(failed.exitCode()).as(failed.toString()).isNotZero();
        assertThat(ok.out() + ok.err() + failed.out() + failed.err()).doesNotContain(password);
        try (Stream<Path> files = Files.list(reports)) {
            List<Path> written = files.toList();
            assertThat(written).extracting(p -> p.getFileName().toString())
                    .contains("list-deleted.json", "list-deleted.html");
            for (Path file : written) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(password);
            }
        }
    }

    @Test
    void shouldTakeARegistryNameWithItsCloudOrALoginServer() throws Exception {
        // given an emulator answering as a China cloud registry
        try (AcrEmulator china = AcrEmulator.start(EmulatorOptions.defaults().loginServer("myregistry.azurecr.cn"))) {
            china.seed(EmulatorArgs.SEED);
            Map<String, String> env = Map.of("AZURE_ACCESS_TOKEN", china.aadToken());

            // when: by name with --cloud, and by login server
            CliRun byName = CliRun.run(env, "", EmulatorArgs.args(china, "list-deleted", "-r", "myregistry",
                    "--cloud", "AzureChinaCloud", "-o", "json"));
            CliRun byServer = CliRun.run(env, "", EmulatorArgs.args(china, "list-deleted", "-r",
                    "myregistry.azurecr.cn", "-o", "json"));
            CliRun publicCloud = CliRun.run(env, "", EmulatorArgs.args(china, "list-deleted", "-r", "myregistry",
                    "--cloud", "AzureCloud", "-o", "json"));

            // then
            assertThat(byName.exitCode()).as(byName.toString()).isZero();
            assertThat(Json.mapper().readTree(byName.out()).get("registry").asText())
                    .isEqualTo("myregistry.azurecr.cn");
            assertThat(byServer.exitCode()).as(byServer.toString()).isZero();
            assertThat(Json.mapper().readTree(byServer.out()).get("registry").asText())
                    .isEqualTo("myregistry.azurecr.cn");
            // the cloud picks the suffix of a bare name (the emulator answers to any login server name)
            assertThat(Json.mapper().readTree(publicCloud.out()).get("registry").asText())
                    .isEqualTo("myregistry.azurecr.io");
        }
    }

    @Test
    void shouldRefuseAnUnknownCloudNamingTheFlagAndTheAcceptedValues() {
        // when
        CliRun run = CliRun.run(Map.of("AZURE_ACCESS_TOKEN", "x"), "", "usage", "-r", "myregistry", "--cloud",
                "Mars");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--cloud", "Mars", "AzureCloud", "AzureChinaCloud", "AzureUSGovernment");
    }

    @Test
    void shouldAddTrustWithoutSwitchingVerificationOff() throws Exception {
        // given a PEM with a real CA that did not sign the emulator's certificate (emulators in one JVM share theirs)
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((java.security.KeyStore) null);
        java.security.cert.X509Certificate someCa = ((javax.net.ssl.X509TrustManager) tmf.getTrustManagers()[0])
                .getAcceptedIssuers()[0];
        Path otherCa = Files.writeString(dir.resolve("other-ca.pem"), "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(someCa.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        java.net.http.HttpRequest v2 = java.net.http.HttpRequest.newBuilder(EMU.emulator().endpoint().resolve("/v2/"))
                .build();

        // when: what --ca-file builds, with the wrong CA and with the emulator's
        java.net.http.HttpClient wrong = java.net.http.HttpClient.newBuilder().sslContext(Trust.withPem(otherCa))
                .build();
        java.net.http.HttpClient right = java.net.http.HttpClient.newBuilder()
                .sslContext(Trust.withPem(EMU.emulator().caCertificatePem())).build();

        // then: the server certificate is still verified: refused with the wrong CA, accepted with the right one
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrong.send(v2,
                java.net.http.HttpResponse.BodyHandlers.discarding())).isInstanceOf(javax.net.ssl.SSLException.class);
        assertThat(right.send(v2, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldPointAtTheFlagsInRegistryErrors() {
        assertThat(Main.cliWords("the TLS handshake with h failed (SSLHandshakeException). If the registry or a proxy "
                + "uses a private CA, give it with sslContext(...) or trustStore(file, password); TLS verification "
                + "cannot be switched off.")).contains("give its CA certificates with --ca-file PEM")
                .doesNotContain("sslContext");
        assertThat(Main.cliWords("no ARM resource id was given; set resourceId (...) in the registry configuration"))
                .endsWith("on the command line: --resource-id ID or $ACR_RESOURCE_ID");
    }

    @Test
    void shouldRefuseACaFileThatHoldsNoCertificate() throws Exception {
        // given
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");

        // when
        CliRun run = CliRun.run(Map.of("AZURE_ACCESS_TOKEN", "x"), "", "usage", "-r", "myregistry", "--ca-file",
                notPem.toString());

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--ca-file", "PEM");
    }

    @Test
    void shouldShowProgressLinesForUndoAndRestore() throws Exception {
        // given a purge with a journal
        Path journal = dir.resolve("j.jsonl");
        assertThat(EmulatorArgs.run(EMU.emulator(), "purge", "-f", "app:^v", "--ago", "30d", "--untagged",
                "--execute", "--journal", journal.toString()).exitCode()).isZero();

        // when
        CliRun undo = EmulatorArgs.run(EMU.emulator(), "undo", "--journal", journal.toString());
        CliRun restore = EmulatorArgs.run(EMU.emulator(), "restore", "-n", "app", "-t", "v0");

        // then: a start line, a line per manifest and the percentage lines on stderr (not a terminal)
        assertThat(undo.exitCode()).as(undo.toString()).isZero();
        assertThat(undo.err()).containsPattern("undo: restoring \\d+ manifest\\(s\\) recorded in ")
                .contains("restore app@sha256:", "undo: ", "(100%)");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(restore.err()).contains("restore: app tag v0 ...", "restore: done, 1 manifest(s) handled");
    }
}
