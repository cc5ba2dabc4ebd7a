package io.acrlifecycle.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.acrlifecycle.cli.Io;
import io.acrlifecycle.cli.Main;
import io.acrlifecycle.cli.StaticTokenCredential;
import io.acrlifecycle.cli.reliability.FaultAndKillSuiteTest.CliRun;
import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.emulator.RequestLog;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.registry.Registries;
import io.acrlifecycle.engine.registry.RegistryConfig;
import io.acrlifecycle.steps.StepKind;
import io.acrlifecycle.steps.StepRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue (issue 10): every entry is a bad input to the CLI, a Jenkins step's parameters (through
 * {@link StepRunner}, which the plugin calls), a rules file, a journal, a credential or a registry state. Each
 * asserts the exit code (steps: refused with an exception), that the message names the field and the accepted
 * form, and, from the emulator's request log, that nothing mutating (no PUT, PATCH, DELETE, and no POST other than
 * the token exchange) was sent. {@code docs/errors.md} lists the catalogue; {@link #docsListEveryEntry} fails when
 * it drifts ({@code -Dacrlc.updateDocs=true} rewrites the list).
 */
class BadInputCatalogueTest {
    static final String SEED = """
            {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
             "repositories": [{"name": "app", "manifests": [
               {"id": "a1", "tags": ["v1"], "updated": "-40d"}, {"id": "a2", "tags": ["v2"], "updated": "-35d"},
               {"id": "a4", "tags": ["latest"], "updated": "-1d"}, {"id": "u1", "updated": "-50d"},
               {"id": "gone", "tags": ["v0"], "deleted": true, "deletedAt": "-2d", "updated": "-70d"}]}]}
            """;
    static final String SOFT_DELETE_OFF = SEED.replace("\"enabled\": true", "\"enabled\": false");
    static final List<String> REFUSED = new ArrayList<>();

    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    @TempDir
    static Path dir;

    /** Files the cases name. */
    static Path rulesBadAgo;
    static Path rulesBadYaml;
    static Path binary;
    static Path empty;
    static Path objects;
    static Path report;
    static Path otherRegistryJournal;
    static Path wellFormedJournal;

    @BeforeAll
    static void files() throws Exception {
        rulesBadAgo = Files.writeString(dir.resolve("bad-ago.yaml"), "rules:\n  - filter: [\"app:.*\"]\n    ago: 30x\n");
        rulesBadYaml = Files.writeString(dir.resolve("bad.yaml"), "rules: [ {filter: \n");
        binary = Files.write(dir.resolve("binary.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, '\n'});
        empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        objects = Files.writeString(dir.resolve("objects.jsonl"), "{}\n{}\n");
        report = Files.writeString(dir.resolve("purge.json"), "{\n  \"command\" : \"purge\",\n  \"exitCode\" : 0\n}\n");
        String intent = "{\"type\":\"intent\",\"run\":\"r\",\"at\":\"2026-11-26T01:00:00Z\",\"id\":\"manifest:app@sha256:"
                + "a".repeat(64) + "\",\"op\":\"delete\",\"registry\":\"REG\",\"repository\":\"app\",\"digest\":"
                + "\"sha256:" + "a".repeat(64) + "\",\"tags\":[\"v1\"]}\n";
        otherRegistryJournal = Files.writeString(dir.resolve("other.jsonl"), intent.replace("REG", "prod.azurecr.io"));
        wellFormedJournal = dir.resolve("well-formed.jsonl");
    }

    @BeforeEach
    void seed() {
        EMU.emulator().seed(SEED);
        EMU.emulator().requestLog().clear();
    }

    @AfterAll
    static void figures() {
        System.out.printf("bad-input catalogue: %d inputs refused with no mutating request%n", REFUSED.size());
    }

    /**
     * One catalogue entry. {@code args} are the command line after {@code acr-lifecycle} (connection flags to the
     * emulator are added unless {@code raw}); a step entry runs {@code StepRunner.run(verb, registry, params)} instead.
     */
    record Case(String id, String area, String input, int exit, List<String> names, Function<AcrEmulator, List<String>> args,
            boolean raw, Map<String, String> env, String stdin, String seed, StepKind verb, Map<String, Object> params) {

        @Override
        public String toString() {
            return id + " " + input;
        }
    }

    static Case cli(String id, String area, String input, int exit, List<String> names, String... args) {
        return new Case(id, area, input, exit, names, e -> List.of(args), false, null, "", null, null, null);
    }

    static Case cliWith(String id, String area, String input, int exit, List<String> names,
            Function<AcrEmulator, List<String>> args) {
        return new Case(id, area, input, exit, names, args, false, null, "", null, null, null);
    }

    static Case raw(String id, String area, String input, int exit, List<String> names,
            Function<AcrEmulator, List<String>> args, Map<String, String> env, String stdin) {
        return new Case(id, area, input, exit, names, args, true, env, stdin, null, null, null);
    }

    static Case state(String id, String input, int exit, List<String> names, String seed, String... args) {
        return new Case(id, "registry state", input, exit, names, e -> List.of(args), false, null, "", seed, null, null);
    }

    static Case step(String id, String input, StepKind verb, List<String> names, Object... kv) {
        Map<String, Object> p = new HashMap<>();
        p.put("registry", "REGISTRY");
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] == null) {
                p.remove((String) kv[i]);
            } else {
                p.put((String) kv[i], kv[i + 1]);
            }
        }
        return new Case(id, "step " + verb.stepName(), input, -1, names, null, false, null, "", null, verb, p);
    }

    static List<String> n(String... s) {
        return List.of(s);
    }

    static Stream<Case> catalogue() {
        String a256 = "a".repeat(256);
        String j = "/j.jsonl";
        return Stream.of(
                // purge flags
                cli("P01", "purge flags", "--ago 30x", 2, n("--ago", "accepted: 30d"), "purge", "-f", "app:.*", "--ago", "30x"),
                cli("P02", "purge flags", "--keep -1", 2, n("--keep", "accepted"), "purge", "-f", "app:.*", "--ago", "1d", "--keep", "-1"),
                cli("P03", "purge flags", "--filter with a bad regex", 2, n("--filter", "regular expression"), "purge", "-f", "app:v1[", "--ago", "1d"),
                cli("P04", "purge flags", "no --filter and no --rules", 2, n("--filter", "accepted: '<repository-regex>:<tag-regex>'"), "purge", "--ago", "1d"),
                cli("P05", "purge flags", "--filter without ':'", 2, n("--filter[0]", "accepted: '<repository-regex>:<tag-regex>'"), "purge", "-f", "app", "--ago", "1d"),
                cli("P06", "purge flags", "--concurrency 99", 2, n("concurrency", "accepted"), "purge", "-f", "app:.*", "--ago", "1d", "--concurrency", "99"),
                cli("P07", "purge flags", "--max-deletes -3", 2, n("--max-deletes", "accepted"), "purge", "-f", "app:.*", "--ago", "1d", "--max-deletes", "-3"),
                cli("P08", "purge flags", "--protect-image app@sha256:zz", 2, n("image reference", "accepted forms: repo:tag"), "purge", "-f", "app:.*", "--ago", "1d", "--protect-image", "app@sha256:zz"),
                cli("P09", "purge flags", "--exclude with a bad regex", 2, n("exclude", "regular expression"), "purge", "-f", "app:.*", "--ago", "1d", "--exclude", "app:(("),
                cli("P10", "purge flags", "--protect-tag with a bad regex", 2, n("protect", "regular expression"), "purge", "-f", "app:.*", "--ago", "1d", "--protect-tag", "(("),
                cli("P11", "purge flags", "--untaged (typo)", 2, n("--untaged", "did you mean: --untagged"), "purge", "-f", "app:.*", "--untaged"),
                cli("P12", "purge flags", "--untagged with --untagged-only", 2, n("untagged", "accepted"), "purge", "-f", "app:.*", "--ago", "1d", "--untagged", "--untagged-only"),
                cli("P13", "purge flags", "--ago missing with --filter", 2, n("ago", "accepted"), "purge", "-f", "app:.*"),
                cli("P14", "purge flags", "--rules with --filter", 2, n("rules", "not both"), "purge", "--rules", "x.yaml", "-f", "app:.*"),
                // rules and images files
                cliWith("R01", "rules file", "--rules naming a missing file", 2, n("--rules: '", "does not exist", "accepted"), e -> List.of("purge", "--rules", dir.resolve("missing.yaml").toString())),
                cliWith("R02", "rules file", "--rules naming a binary file", 2, n("--rules: '", "not UTF-8", "accepted"), e -> List.of("purge", "--rules", binary.toString())),
                cliWith("R03", "rules file", "--rules naming a directory", 2, n("--rules: '", "is a directory", "accepted"), e -> List.of("purge", "--rules", dir.toString())),
                cliWith("R04", "rules file", "a rule with ago: 30x", 2, n("ago", "accepted: 30d"), e -> List.of("purge", "--rules", rulesBadAgo.toString())),
                cliWith("R05", "rules file", "YAML that does not parse", 2, n("bad.yaml", "YAML"), e -> List.of("purge", "--rules", rulesBadYaml.toString())),
                cliWith("R06", "rules file", "--protect-images-file missing", 2, n("--protect-images-file", "does not exist", "accepted"), e -> List.of("purge", "-f", "app:.*", "--ago", "1d", "--protect-images-file", dir.resolve("none.txt").toString())),
                cliWith("R07", "rules file", "--protect-images-file binary", 2, n("--protect-images-file", "not UTF-8", "accepted"), e -> List.of("purge", "-f", "app:.*", "--ago", "1d", "--protect-images-file", binary.toString())),
                // journals
                cliWith("J01", "journal", "purge --journal naming a directory", 2, n("journal", "is a directory", "accepted"), e -> List.of("purge", "-f", "app:.*", "--ago", "1d", "--journal", dir.toString(), "--execute")),
                cli("J02", "journal", "purge --journal /dev/full", 2, n("journal", "not a regular file", "accepted"), "purge", "-f", "app:.*", "--ago", "1d", "--journal", "/dev/full", "--execute"),
                cliWith("J03", "journal", "purge --journal naming a purge.json report", 2, n("journal", "not a purge journal", "accepted"), e -> List.of("purge", "-f", "app:.*", "--ago", "1d", "--journal", report.toString(), "--execute")),
                cliWith("J04", "journal", "undo of a missing file", 2, n("--journal", "does not exist", "accepted"), e -> List.of("undo", "--journal", dir.resolve("none.jsonl").toString())),
                cliWith("J05", "journal", "undo of an empty file", 2, n("--journal", "is empty", "accepted"), e -> List.of("undo", "--journal", empty.toString())),
                cliWith("J06", "journal", "undo of {} lines", 2, n("--journal", "line 1", "accepted"), e -> List.of("undo", "--journal", objects.toString())),
                cliWith("J07", "journal", "undo of a purge.json report", 2, n("--journal", "line 1", "accepted"), e -> List.of("undo", "--journal", report.toString())),
                cliWith("J08", "journal", "undo of a binary file", 2, n("--journal", "UTF-8", "accepted"), e -> List.of("undo", "--journal", binary.toString())),
                cliWith("J09", "journal", "undo of a directory", 2, n("--journal", "is a directory", "accepted"), e -> List.of("undo", "--journal", dir.toString())),
                cli("J10", "journal", "undo of /dev/full", 2, n("--journal", "not a regular file", "accepted"), "undo", "--journal", "/dev/full"),
                cliWith("J11", "journal", "undo of a journal recorded for another registry", 4, n("--journal", "prod.azurecr.io", "--registry prod.azurecr.io"), e -> List.of("undo", "--journal", otherRegistryJournal.toString())),
                // restore, list-deleted, guard, lock
                cli("X01", "restore flags", "restore without --tag or --digest", 2, n("--digest or --tag", "accepted"), "restore", "-n", "app"),
                cli("X02", "restore flags", "--digest sha256:xyz", 2, n("--digest", "sha256:<64"), "restore", "-n", "app", "-d", "sha256:xyz"),
                cli("X03", "restore flags", "restore without --repository", 2, n("--repository"), "restore", "-t", "v0"),
                cli("X04", "restore flags", "--repository 'BAD NAME'", 2, n("--repository", "accepted"), "restore", "-n", "BAD NAME", "-t", "v0"),
                cli("X05", "restore flags", "--repository of 256 characters", 2, n("--repository", "255", "accepted"), "restore", "-n", a256, "-t", "v0"),
                cli("X06", "restore flags", "--tag 'bad tag!'", 2, n("--tag", "accepted"), "restore", "-n", "app", "-t", "bad tag!"),
                cli("X07", "list-deleted flags", "-n 'BAD NAME'", 2, n("--repository", "accepted"), "list-deleted", "-n", "BAD NAME"),
                cli("X08", "list-deleted flags", "-n of 256 characters", 2, n("--repository", "255"), "list-deleted", "-n", a256),
                cli("G01", "guard flags", "--image app (no tag or digest)", 2, n("--image", "accepted forms"), "guard", "--image", "app"),
                cli("G02", "guard flags", "--window 7x", 2, n("--window", "accepted"), "guard", "--image", "app:v1", "--window", "7x"),
                cli("G03", "guard flags", "--mode maybe", 2, n("--mode", "block"), "guard", "--image", "app:v1", "--mode", "maybe"),
                cli("G04", "guard flags", "--stage nope", 2, n("--stage", "deploy"), "guard", "--image", "app:v1", "--stage", "nope"),
                cli("G05", "guard flags", "--expected-digest sha256:1", 2, n("--expected-digest", "sha256:<64"), "guard", "--image", "app:v1", "--expected-digest", "sha256:1"),
                cli("G06", "guard flags", "--image of a 256-character repository", 2, n("--image", "255"), "guard", "--image", a256 + ":v1"),
                cli("G07", "lock flags", "lock --image APP:v1 (uppercase)", 2, n("--image", "accepted forms"), "lock", "--image", "APP:v1"),
                cli("G08", "lock flags", "unlock --image app@sha256:zz", 2, n("--image", "sha256:<64"), "unlock", "--image", "app@sha256:zz"),
                cli("S01", "soft-delete flags", "ensure --days 0", 2, n("--days", "1..90"), "soft-delete", "ensure", "--days", "0"),
                cli("S02", "soft-delete flags", "ensure --days 91", 2, n("--days", "1..90"), "soft-delete", "ensure", "--days", "91"),
                cli("S03", "soft-delete flags", "ensure --status maybe", 2, n("--status", "enabled"), "soft-delete", "ensure", "--status", "maybe"),
                cli("O01", "output flags", "-o yaml", 2, n("--output", "text"), "usage", "-o", "yaml"),
                // connection and credentials
                raw("C01", "connection", "--cloud Mars", 2, n("--cloud", "AzureCloud"), e -> List.of("usage", "-r", "myregistry", "--cloud", "Mars"), null, ""),
                raw("C02", "connection", "--endpoint http://host", 2, n("--endpoint", "https://host[:port]"), e -> List.of("usage", "--endpoint", "http://" + e.endpoint().getAuthority()), null, ""),
                raw("C03", "connection", "--endpoint https://user:PW@host", 2, n("--endpoint", "https://host[:port]"), e -> List.of("usage", "--endpoint", "https://u:Secret1@" + e.endpoint().getAuthority()), null, ""),
                raw("C04", "connection", "--endpoint 'https://bad host'", 2, n("--endpoint", "https://host[:port]"), e -> List.of("usage", "--endpoint", "https://bad host:1"), null, ""),
                raw("C05", "connection", "-r 'bad name!'", 2, n("--registry", "accepted"), e -> List.of("usage", "-r", "bad name!"), null, ""),
                raw("C06", "connection", "-r https://x.azurecr.io", 2, n("--registry", "--endpoint"), e -> List.of("usage", "-r", "https://x.azurecr.io"), null, ""),
                raw("C07", "connection", "--resource-id /bad", 2, n("--resource-id", "accepted"), e -> List.of("usage", "--endpoint", e.endpoint().toString(), "--ca-file", e.caCertificatePem().toString(), "--resource-id", "/bad"), null, ""),
                raw("C08", "connection", "--ca-file naming a missing file", 2, n("--ca-file", "does not exist", "accepted: a PEM file"), e -> List.of("usage", "--endpoint", e.endpoint().toString(), "--ca-file", dir.resolve("none.pem").toString()), null, ""),
                raw("C09", "credentials", "-u admin without a password", 2, n("--username", "--password-stdin"), e -> List.of("list-deleted", "--endpoint", e.endpoint().toString(), "--ca-file", e.caCertificatePem().toString(), "-u", "admin"), Map.of(), ""),
                raw("C10", "credentials", "--password-stdin with empty stdin", 2, n("--password-stdin", "pipe the password"), e -> List.of("list-deleted", "--endpoint", e.endpoint().toString(), "--ca-file", e.caCertificatePem().toString(), "-u", "admin", "--password-stdin"), Map.of(), ""),
                raw("C11", "credentials", "--password-stdin without --username", 2, n("--password-stdin", "--username"), e -> List.of("list-deleted", "--endpoint", e.endpoint().toString(), "--ca-file", e.caCertificatePem().toString(), "--password-stdin"), Map.of(), "x\n"),
                raw("C12", "credentials", "a wrong admin password", 1, n("username", "password"), e -> List.of("purge", "-f", "app:.*", "--ago", "1d", "--journal", dir.resolve("c12" + j.substring(1)).toString(), "--execute", "--allow-permanent-delete", "--endpoint", e.endpoint().toString(), "--ca-file", e.caCertificatePem().toString(), "-u", e.adminUsername(), "--password-stdin"), Map.of(), "wrong-password\n"),
                raw("C13", "credentials", "an expired AAD token", 1, n("credential", "token"), e -> List.of("purge", "-f", "app:.*", "--ago", "1d", "--journal", dir.resolve("c13.jsonl").toString(), "--execute", "--endpoint", e.endpoint().toString(), "--ca-file", e.caCertificatePem().toString(), "--resource-id", e.resourceId()), Map.of("AZURE_ACCESS_TOKEN", "EXPIRED"), ""),
                // registry states
                state("T01", "purge --execute with soft delete off", 4, n("soft delete is disabled", "--allow-permanent-delete"), SOFT_DELETE_OFF, "purge", "-f", "app:.*", "--ago", "30d", "--journal", "T01", "--execute"),
                state("T02", "purge --execute above --max-deletes", 4, n("--max-deletes", "nothing was deleted"), SEED, "purge", "-f", "app:.*", "--ago", "30d", "--journal", "T02", "--execute", "--max-deletes", "1"),
                state("T03", "soft delete with untagged retention", 4, n("untagged", "retention"), SEED, "soft-delete", "ensure", "--untagged-retention", "enabled", "--untagged-retention-days", "3"),
                state("T04", "unlock of an image the registry does not hold", 1, n("app:nope", "does not exist"), SEED, "unlock", "--image", "app:nope"),
                // Jenkins step parameters (StepRunner, called by the plugin)
                step("V01", "acrPurge without filter or rulesFile", StepKind.PURGE, n("filter", "repository-regex:tag-regex"), "ago", "1d"),
                step("V02", "acrPurge ago: '30x'", StepKind.PURGE, n("ago", "accepted"), "filter", "app:.*", "ago", "30x"),
                step("V03", "acrPurge keep: '-1'", StepKind.PURGE, n("keep", "whole number from 0"), "filter", "app:.*", "ago", "1d", "keep", "-1"),
                step("V04", "acrPurge concurrency: '99'", StepKind.PURGE, n("concurrency", "whole number from 1 to 32"), "filter", "app:.*", "ago", "1d", "concurrency", "99"),
                step("V05", "acrPurge protectImages: 'APP'", StepKind.PURGE, n("protectImages", "accepted forms"), "filter", "app:.*", "ago", "1d", "protectImages", "APP"),
                step("V06", "acrGuard image: 'app'", StepKind.GUARD, n("image", "accepted forms"), "image", "app"),
                step("V07", "acrGuard mode: 'maybe'", StepKind.GUARD, n("mode", "block"), "image", "app:v1", "mode", "maybe"),
                step("V08", "acrGuard window: '7x'", StepKind.GUARD, n("window", "accepted"), "image", "app:v1", "window", "7x"),
                step("V09", "acrRestore digest: 'sha256:x'", StepKind.RESTORE, n("digest", "sha256:<64"), "repository", "app", "digest", "sha256:x"),
                step("V10", "acrRestore without digest, tag or journal", StepKind.RESTORE, n("digest", "journal"), "repository", "app"),
                step("V11", "acrSoftDeleteEnsure retentionDays: '0'", StepKind.SOFT_DELETE_ENSURE, n("retentionDays", "1"), "retentionDays", "0"),
                step("V12", "acrSoftDeleteEnsure status: 'maybe'", StepKind.SOFT_DELETE_ENSURE, n("status", "enabled"), "status", "maybe"),
                step("V13", "endpoint: 'http://host'", StepKind.GUARD, n("endpoint", "https://host[:port]"), "image", "app:v1", "endpoint", "http://example.test"),
                step("V14", "endpoint with a password in it", StepKind.GUARD, n("endpoint", "https://host[:port]"), "image", "app:v1", "endpoint", "https://u:Secret1@example.test"),
                step("V15", "registry missing", StepKind.GUARD, n("registry"), "image", "app:v1", "registry", null),
                step("V16", "acrRestore journal of another registry", StepKind.RESTORE, n("journal", "prod.azurecr.io"), "journal", "OTHER_JOURNAL"),
                step("V17", "acrRestore journal that is a report", StepKind.RESTORE, n("journal", "not a purge journal", "accepted"), "journal", "REPORT"));
    }

    private static boolean mutating(RequestLog.Entry e) {
        String m = e.method();
        if (m.equals("GET") || m.equals("HEAD")) {
            return false;
        }
        return !(m.equals("POST") && e.path().startsWith("/oauth2/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldRefuseWithItsFieldAndAcceptedFormAndSendNothingMutating(Case c) throws Exception {
        AcrEmulator emu = EMU.emulator();
        if (c.seed() != null) {
            emu.seed(c.seed());
            emu.requestLog().clear();
        }
        String message;
        if (c.verb() != null) {
            message = step(emu, c);
        } else {
            List<String> args = new ArrayList<>(c.args().apply(emu));
            args.replaceAll(a -> a.equals(c.id()) ? dir.resolve(c.id() + ".jsonl").toString() : a);
            if (!c.raw()) {
                args.addAll(List.of("--endpoint", emu.endpoint().toString(), "--ca-file",
                        emu.caCertificatePem().toString(), "--resource-id", emu.resourceId()));
            }
            Map<String, String> env = c.env() == null ? Map.of("AZURE_ACCESS_TOKEN", emu.aadToken())
                    : c.env().containsKey("AZURE_ACCESS_TOKEN")
                            ? Map.of("AZURE_ACCESS_TOKEN", emu.aadToken(Duration.ofMinutes(-5))) : c.env();
            CliRun run = stdinRun(env, c.stdin(), args);
            assertThat(run.exitCode()).as(c + "\n" + run).isEqualTo(c.exit());
            message = run.err();
            assertThat(message).as(c + "\n" + run).doesNotContain("Exception", "Input length", "Secret1");
        }
        for (String name : c.names()) {
            assertThat(message).as(c.toString()).contains(name);
        }
        assertThat(emu.requestLog().entries()).as(c + ": mutating requests").noneMatch(BadInputCatalogueTest::mutating);
        synchronized (REFUSED) {
            REFUSED.add(c.id());
        }
    }

    private static String step(AcrEmulator emu, Case c) throws Exception {
        Map<String, Object> params = new HashMap<>(c.params());
        params.replaceAll((k, v) -> "REGISTRY".equals(v) ? emu.loginServer()
                : "OTHER_JOURNAL".equals(v) ? otherRegistryJournal.toString()
                : "REPORT".equals(v) ? report.toString() : v);
        try (AcrRegistry registry = Registries.open(RegistryConfig.builder().loginServer(emu.loginServer())
                .endpoint(emu.endpoint()).resourceId(emu.resourceId()).sslContext(emu.sslContext())
                .credential(new StaticTokenCredential(emu.aadToken())).build())) {
            Throwable t = catchThrowable(() -> StepRunner.run(c.verb(), registry, params, dir.resolve(c.id() + ".jsonl"),
                    EngineLog.SILENT));
            assertThat(t).as(c + ": refused").isNotNull().isInstanceOf(RuntimeException.class);
            assertThat(t.getMessage()).as(c.toString()).doesNotContain("Secret1");
            return t.getMessage();
        }
    }

    private static CliRun stdinRun(Map<String, String> env, String stdin, List<String> args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        Io io = new Io(new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true), new java.io.ByteArrayInputStream(stdin.getBytes(
                        StandardCharsets.UTF_8)), new HashMap<>(env), false);
        int code = Main.run(io, args.toArray(String[]::new));
        return new CliRun(code, out.toString(), err.toString());
    }

    // ---------------------------------------------------------------- docs/errors.md

    static final String START = "<!-- catalogue:start (generated by BadInputCatalogueTest) -->";
    static final String END = "<!-- catalogue:end -->";

    static String table() {
        StringBuilder b = new StringBuilder("| id | area | bad input | exit | the message names |\n|---|---|---|---|---|\n");
        catalogue().forEach(c -> b.append("| ").append(c.id()).append(" | ").append(c.area()).append(" | ")
                .append(c.input().replace("|", "\\|")).append(" | ").append(c.exit() < 0 ? "refused" : c.exit())
                .append(" | ").append(String.join(", ", c.names().stream().map(s -> "`" + s + "`").toList()))
                .append(" |\n"));
        return b.toString();
    }

    @Test
    void docsListEveryEntry() throws Exception {
        Path doc = Path.of("..", "docs", "errors.md");
        String text = Files.readString(doc);
        int s = text.indexOf(START);
        int e = text.indexOf(END);
        assertThat(s).as("docs/errors.md has the catalogue markers").isNotNegative();
        String generated = START + "\n" + table() + END;
        String current = text.substring(s, e + END.length());
        if (!current.equals(generated) && Boolean.getBoolean("acrlc.updateDocs")) {
            Files.writeString(doc, text.substring(0, s) + generated + text.substring(e + END.length()));
            return;
        }
        assertThat(current).as("docs/errors.md drifted from the catalogue; rerun with -Dacrlc.updateDocs=true")
                .isEqualTo(generated);
        assertThat(catalogue().count()).isGreaterThanOrEqualTo(60);
    }
}
