package io.acrlifecycle.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.acrlifecycle.cli.Io;
import io.acrlifecycle.cli.Main;
import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.registry.Registries;
import io.acrlifecycle.engine.registry.RegistryConfig;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known secrets (an admin password, a scoped token's password, an AAD access token, a password inside a URL, a
 * service principal's client secret) are fed through every command, succeeding and failing, text and JSON, with
 * reports, journals and {@code ACRLC_DEBUG} stack traces; none may appear in stdout, stderr, a report file, a journal
 * or an exception (issue 10). Each secret is also checked in pieces: a password cut in half or base64-encoded
 * (as Basic auth would carry it) must not appear either.
 */
class SecretsTest {
    static final String PASSWORD = "Adm1n-Pw-7f3c9e2d";
    static final String SCOPED_PASSWORD = "Sc0ped-Pw-5b8a1c4e";
    static final String URL_PASSWORD = "Url-Pw-9d2e6f1a";
    static final String CLIENT_SECRET = "Cl1ent-Secret-3e7b9a0c";
    static final AtomicInteger RUNS = new AtomicInteger();
    static final AtomicInteger LEAKS = new AtomicInteger();

    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension(io.acrlifecycle.emulator.EmulatorOptions.defaults()
            .adminPassword(PASSWORD));

    @TempDir
    Path dir;

    @BeforeEach
    void seed() {
        EMU.emulator().seed(BadInputCatalogueTest.SEED);
        EMU.emulator().addScopedToken("ci", SCOPED_PASSWORD, Map.of("app", Set.of("metadata_read", "content/read")));
    }

    @AfterAll
    static void figures() {
        System.out.printf("secrets: %d runs checked, %d leaks found%n", RUNS.get(), LEAKS.get());
    }

    /** Every command a user runs, with reports and a journal. */
    private List<List<String>> commands(String tag) {
        Path reports = dir.resolve("reports-" + tag);
        Path journal = dir.resolve("journal-" + tag + ".jsonl");
        return List.of(
                List.of("list-deleted", "-n", "app", "--report-dir", reports.toString()),
                List.of("list-deleted", "-o", "json"),
                List.of("purge", "-f", "app:^v", "--ago", "30d", "--untagged", "--journal", journal.toString(),
                        "--execute", "--allow-permanent-delete", "--report-dir", reports.toString(), "-o", "json"),
                List.of("undo", "--journal", journal.toString(), "--report-dir", reports.toString()),
                List.of("restore", "-n", "app", "-t", "v0", "--report-dir", reports.toString()),
                List.of("guard", "--image", "app:latest", "--report-dir", reports.toString(), "-o", "json"),
                List.of("lock", "--image", "app:latest"),
                List.of("unlock", "--image", "app:latest", "-o", "json"),
                List.of("usage"),
                List.of("soft-delete", "show", "-o", "json"));
    }

    private void check(String what, String text, String... secrets) {
        for (String s : secrets) {
            for (String form : forms(s)) {
                if (text.contains(form)) {
                    LEAKS.incrementAndGet();
                }
                assertThat(text).as(what + " leaks a secret").doesNotContain(form);
            }
        }
    }

    /** The secret, its halves and its base64 (as Basic auth would carry it with a user name). */
    static List<String> forms(String s) {
        return List.of(s, s.substring(0, s.length() / 2 + 1), s.substring(s.length() / 2 - 1),
                java.util.Base64.getEncoder().encodeToString(("admin:" + s).getBytes(StandardCharsets.UTF_8)),
                java.util.Base64.getEncoder().encodeToString(("ci:" + s).getBytes(StandardCharsets.UTF_8)));
    }

    private void runAll(String tag, List<String> connection, Map<String, String> env, String stdin, String... secrets)
            throws Exception {
        for (List<String> command : commands(tag)) {
            for (boolean debug : new boolean[] {false, true}) {
                List<String> args = new ArrayList<>(command);
                args.addAll(connection);
                Map<String, String> e = new HashMap<>(env);
                if (debug) {
                    e.put("ACRLC_DEBUG", "true");
                }
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = Main.run(new Io(new PrintWriter(out, true), new PrintWriter(err, true),
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), e, false),
                        args.toArray(String[]::new));
                RUNS.incrementAndGet();
                String what = tag + " " + String.join(" ", command) + (debug ? " (ACRLC_DEBUG)" : "") + " exit " + code;
                check(what + " stdout", out.toString(), secrets);
                check(what + " stderr", err.toString(), secrets);
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                check("file " + f, Files.readString(f, StandardCharsets.ISO_8859_1), secrets);
            }
        }
    }

    private List<String> emulator() {
        AcrEmulator emu = EMU.emulator();
        return List.of("--endpoint", emu.endpoint().toString(), "--ca-file", emu.caCertificatePem().toString(),
                "--resource-id", emu.resourceId());
    }

    @Test
    void shouldNotLeakTheAdminPasswordFromStdinOrTheEnvironment() throws Exception {
        List<String> c = new ArrayList<>(emulator());
        c.addAll(List.of("-u", EMU.emulator().adminUsername(), "--password-stdin"));
        runAll("stdin", c, Map.of(), PASSWORD + "\n", PASSWORD);
        List<String> e = new ArrayList<>(emulator());
        e.addAll(List.of("-u", EMU.emulator().adminUsername()));
        runAll("env", e, Map.of("ACR_PASSWORD", PASSWORD), "", PASSWORD);
    }

    @Test
    void shouldNotLeakAWrongPassword() throws Exception {
        List<String> c = new ArrayList<>(emulator());
        c.addAll(List.of("-u", EMU.emulator().adminUsername(), "--password-stdin"));
        runAll("wrong", c, Map.of(), "Wr0ng-" + PASSWORD + "\n", "Wr0ng-" + PASSWORD, PASSWORD);
    }

    @Test
    void shouldNotLeakAScopedTokenPasswordRefusedForMostCommands() throws Exception {
        List<String> c = new ArrayList<>(emulator());
        c.addAll(List.of("-u", "ci", "--password-stdin"));
        runAll("scoped", c, Map.of(), SCOPED_PASSWORD + "\n", SCOPED_PASSWORD);
    }

    @Test
    void shouldNotLeakAnAadTokenValidOrExpired() throws Exception {
        String token = EMU.emulator().aadToken();
        String expired = EMU.emulator().aadToken(Duration.ofMinutes(-5));
        // a JWT's signature is the secret part; its header is the same for every token
        String sig = token.substring(token.lastIndexOf('.') + 1);
        String expiredSig = expired.substring(expired.lastIndexOf('.') + 1);
        runAll("token", emulator(), Map.of("AZURE_ACCESS_TOKEN", token), "", sig);
        runAll("expired", emulator(), Map.of("AZURE_ACCESS_TOKEN", expired), "", expiredSig);
    }

    @Test
    void shouldNotLeakAPasswordInsideAUrl() throws Exception {
        AcrEmulator emu = EMU.emulator();
        for (String endpoint : List.of("https://admin:" + URL_PASSWORD + "@" + emu.endpoint().getAuthority(),
                "http://admin:" + URL_PASSWORD + "@" + emu.endpoint().getAuthority(),
                "https://admin:" + URL_PASSWORD + " x@" + emu.endpoint().getAuthority())) {
            runAll("url", List.of("--endpoint", endpoint, "--ca-file", emu.caCertificatePem().toString()),
                    Map.of("AZURE_ACCESS_TOKEN", emu.aadToken()), "", URL_PASSWORD);
            runAll("registry-url", List.of("-r", endpoint.replaceFirst("^https?://", "")),
                    Map.of("AZURE_ACCESS_TOKEN", emu.aadToken()), "", URL_PASSWORD);
        }
    }

    @Test
    void shouldNotLeakAClientSecretThatAadRefuses() {
        AcrEmulator emu = EMU.emulator();
        // a real azure-identity credential whose authority (the emulator) has no AAD endpoints
        TokenCredential real = new ClientSecretCredentialBuilder().authorityHost(emu.endpoint().toString())
                .tenantId("00000000-0000-0000-0000-000000000001").clientId("00000000-0000-0000-0000-000000000002")
                .clientSecret(CLIENT_SECRET).disableInstanceDiscovery().maxRetry(0)
                .httpClient(new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
                        .sslContext(emu.sslContext())).connectionTimeout(Duration.ofSeconds(5)).build())
                .build();
        try (AcrRegistry registry = Registries.open(RegistryConfig.builder().loginServer(emu.loginServer())
                .endpoint(emu.endpoint()).resourceId(emu.resourceId()).sslContext(emu.sslContext())
                .credential(real).build())) {
            for (Runnable call : List.<Runnable>of(registry::policies, () -> registry.tags("app", true).iterator()
                    .hasNext(), () -> registry.deleteTag("app", "v1"))) {
                Throwable t = catchThrowable(call::run);
                assertThat(t).isNotNull();
                StringWriter trace = new StringWriter();
                t.printStackTrace(new PrintWriter(trace));
                RUNS.incrementAndGet();
                check("client secret exception", t + "\n" + trace, CLIENT_SECRET);
            }
        }
        // the DELETE went out unauthenticated (the challenge) and was answered 401: nothing was deleted
        assertThat(EMU.emulator().requestLog().entries()).filteredOn(e -> e.method().equals("DELETE"))
                .allMatch(e -> e.status() == 401);
    }
}
