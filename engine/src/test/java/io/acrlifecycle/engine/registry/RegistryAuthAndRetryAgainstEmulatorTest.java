package io.acrlifecycle.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.emulator.FaultRule;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.DeleteOutcome;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Credentials, typed errors, retries and secret hygiene against the emulator over HTTPS. */
class RegistryAuthAndRetryAgainstEmulatorTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    static final String SEED = """
            {"repositories": [
              {"name": "app", "manifests": [{"id": "a1", "tags": ["v1"]}, {"id": "a2", "tags": ["v2"]}]},
              {"name": "other", "manifests": [{"id": "o1", "tags": ["v1"]}]}
            ]}
            """;

    /** Collects every log line, to prove no secret reaches it. */
    static final class Lines implements EngineLog {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void info(String line) {
            lines.add(line);
        }

        @Override
        public void warn(String line) {
            lines.add(line);
        }
    }

    private static List<String> tags(AcrRegistry registry, String repo) {
        List<String> out = new ArrayList<>();
        registry.tags(repo, false).forEach(t -> out.add(t.name()));
        return out;
    }

    @Test
    void shouldWorkWithTheAdminUsernameAndPassword() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        try (AcrRegistry registry = Registries.open(EmulatorRegistries.config(emu).credential(null)
                .usernamePassword(emu.adminUsername(), emu.adminPassword().toCharArray()).build())) {
            assertThat(tags(registry, "app")).containsExactly("v1", "v2");
            // the SDK path too: catalog and single tag go through the SDK with our challenge policy
            assertThat(registry.repositories()).containsExactly("app", "other");
            assertThat(registry.tag("app", "v1")).isPresent();
        }
    }

    @Test
    void shouldTrustThePrivateCaFromATrustStoreAndExplainAnUntrustedCertificate() {
        assumeFalse(EmulatorRegistries.swapsHttpClient(), "the default JDK client's trust store");
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        RegistryConfig.Builder base = EmulatorRegistries.config(emu).sslContext(null);
        try (AcrRegistry trusted = Registries.open(EmulatorRegistries.config(emu).sslContext(null)
                .trustStore(emu.trustStorePkcs12(), emu.trustStorePassword().toCharArray()).build());
                AcrRegistry untrusted = Registries.open(base.build())) {
            assertThat(tags(trusted, "app")).containsExactly("v1", "v2");

            assertThatThrownBy(() -> tags(untrusted, "app")).isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("TLS handshake").hasMessageContaining("trustStore");
        }
    }

    @Test
    void shouldCacheTokensInsteadOfAskingAadPerRequest() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        EmulatorRegistries.FixedToken token = (EmulatorRegistries.FixedToken) EmulatorRegistries.token(emu.aadToken());
        try (AcrRegistry registry = Registries.open(EmulatorRegistries.config(emu).credential(token).build())) {
            for (int i = 0; i < 5; i++) {
                assertThat(tags(registry, "app")).hasSize(2);
            }
            registry.deleteTag("app", "v1");
            registry.deleteTag("app", "v2");

            assertThat(token.calls()).isEqualTo(1);
            assertThat(emu.requestLog().count("POST", "/oauth2/exchange")).isEqualTo(1);
            assertThat(emu.requestLog().count("POST", "/oauth2/token")).isEqualTo(2); // metadata_read, delete
            // one challenge round per route and scope, not per tag
            assertThat(emu.requestLog().entries()).filteredOn(e -> e.status() == 401).hasSize(2);
        }
    }

    @Test
    void shouldReportAWrongPasswordWithoutLeakingIt() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String wrong = "Wr0ng-" + emu.adminPassword();
        Lines log = new Lines();
        try (AcrRegistry registry = Registries.open(EmulatorRegistries.config(emu).credential(null).log(log)
                .usernamePassword(emu.adminUsername(), wrong.toCharArray()).build())) {
            assertThatThrownBy(() -> tags(registry, "app"))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining(emu.loginServer()).hasMessageContaining("Check the credential")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong)
                            .doesNotContain(emu.adminPassword()));
            assertThat(registry.toString() + registry.config()).doesNotContain(wrong);
            assertThat(log.lines).noneMatch(l -> l.contains(wrong));
        }
    }

    @Test
    void shouldReportAnExpiredAadTokenAsAuthenticationFailure() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String expired = emu.aadToken(Duration.ofMinutes(-5));
        try (AcrRegistry registry = Registries.open(EmulatorRegistries.config(emu)
                .credential(EmulatorRegistries.token(expired)).build())) {
            assertThatThrownBy(() -> tags(registry, "app"))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("Azure AD")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(expired));
            assertThatThrownBy(registry::policies).isInstanceOf(AuthenticationFailedException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(expired));
        }
    }

    @Test
    void shouldRefuseARepositoryOutsideTheScopedTokensScopeMap() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        emu.addScopedToken("ci", "ci-Secret-1", Map.of("app", Set.of("pull", "metadata_read", "delete")));
        try (AcrRegistry registry = Registries.open(EmulatorRegistries.config(emu).credential(null)
                .usernamePassword("ci", "ci-Secret-1".toCharArray()).build())) {
            assertThat(tags(registry, "app")).containsExactly("v1", "v2");

            assertThatThrownBy(() -> tags(registry, "other"))
                    .isInstanceOf(AuthorizationFailedException.class)
                    .hasMessageContaining("repository other").hasMessageContaining("scope map")
                    .hasMessageContaining("repository:other:metadata_read").hasMessageContaining("AcrPull")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ci-Secret-1"));
        }
    }

    @Test
    void shouldRetryThrottlingHonouringRetryAfter() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            tags(registry, "app"); // warm the token cache
            emu.requestLog().clear();
            emu.faults().add(FaultRule.status("DELETE", "/acr/v1/.*", 429).retryAfterSeconds(1).times(2));

            long start = System.nanoTime();
            DeleteOutcome outcome = registry.deleteTag("app", "v1");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(outcome).isEqualTo(DeleteOutcome.DELETED);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1900)); // two waits of Retry-After: 1
            // the faults fire before auth; the 401 is the challenge round for the new delete scope
            assertThat(emu.requestLog().entries()).filteredOn(e -> e.method().equals("DELETE"))
                    .extracting(e -> e.status()).filteredOn(s -> s != 401).containsExactly(429, 429, 202);
        }
    }

    @Test
    void shouldRetryServerErrorsThenSucceed() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            emu.faults().add(FaultRule.status("GET", "/acr/v1/app/_tags", 503).times(2));

            assertThat(tags(registry, "app")).containsExactly("v1", "v2");
            assertThat(emu.requestLog().entries()).filteredOn(e -> e.path().equals("/acr/v1/app/_tags"))
                    .extracting(e -> e.status()).contains(503, 503, 200);
        }
    }

    @Test
    void shouldRetryADroppedConnection() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            tags(registry, "app");
            emu.faults().add(FaultRule.drop("DELETE", "/acr/v1/.*").times(1));

            assertThat(registry.deleteTag("app", "v2")).isIn(DeleteOutcome.DELETED, DeleteOutcome.NOT_FOUND);
            assertThat(registry.tag("app", "v2")).isEmpty();
        }
    }

    @Test
    void shouldRetryACallThatTimedOut() throws InterruptedException {
        assumeFalse(EmulatorRegistries.swapsHttpClient(), "the default JDK client's response timeout");
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        try (AcrRegistry registry = Registries.open(EmulatorRegistries.config(emu)
                .timeout(Duration.ofMillis(300)).build())) {
            tags(registry, "app");
            long before = emu.requestLog().count("GET", "/acr/v1/app/_tags"); // int or long: both widen
            emu.faults().add(FaultRule.latency("GET", "/acr/v1/app/_tags", Duration.ofMillis(1500)).times(1));
            long start = System.nanoTime();

            assertThat(tags(registry, "app")).containsExactly("v1", "v2");
            // the slow first attempt is logged by the emulator only when its latency is over: let it finish
            // (bounded) so that it does not land in the next test's log
            Thread.sleep(Math.max(0, 1700 - Duration.ofNanos(System.nanoTime() - start).toMillis()));
            assertThat((long) emu.requestLog().count("GET", "/acr/v1/app/_tags")).isBetween(before + 2, before + 4);
        }
    }

    @Test
    void shouldGiveUpAfterTheConfiguredRetriesWithAThrottledError() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        try (AcrRegistry registry = Registries.open(EmulatorRegistries.config(emu)
                .retry(new RetrySettings(2, Duration.ofMillis(5), Duration.ofMillis(50))).build())) {
            emu.faults().add(FaultRule.status("GET", "/acr/v1/app/_tags", 429).times(100));

            assertThatThrownBy(() -> tags(registry, "app")).isInstanceOf(ThrottledException.class)
                    .hasMessageContaining("list tags").hasMessageContaining("repository app")
                    .hasMessageContaining("429");
            assertThat(emu.requestLog().entries()).filteredOn(e -> e.path().equals("/acr/v1/app/_tags")
                    && e.status() == 429).hasSize(3); // the first attempt and maxRetries=2

        }
    }

    @Test
    void shouldNeverPutPasswordsOrTokensIntoMessagesOrLogs() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        String aad = emu.aadToken();
        Lines log = new Lines();
        List<String> messages = new ArrayList<>();
        try (AcrRegistry registry = Registries.open(EmulatorRegistries.config(emu).log(log)
                .credential(EmulatorRegistries.token(aad)).build())) {
            emu.faults().add(FaultRule.status(null, "/acr/v1/app/_tags", 503).times(2));
            tags(registry, "app");
            try {
                registry.deleteManifest("nope", "sha256:" + "1".repeat(64));
                tags(registry, "nope");
            } catch (RegistryException e) {
                messages.add(e.getMessage());
            }
        }
        try (AcrRegistry registry = Registries.open(EmulatorRegistries.config(emu).log(log).credential(null)
                .usernamePassword(emu.adminUsername(), "bad-Pass-123".toCharArray()).build())) {
            tags(registry, "app");
        } catch (RegistryException e) {
            messages.add(e.getMessage());
        }

        assertThat(log.lines).isNotEmpty(); // the retries were logged
        assertThat(messages).hasSize(2);
        List<String> everything = new ArrayList<>(log.lines);
        everything.addAll(messages);
        assertThat(everything).allSatisfy(text -> assertThat(text)
                .doesNotContain(aad).doesNotContain(aad.split("\\.")[1])
                .doesNotContain("bad-Pass-123").doesNotContain(emu.adminPassword())
                .doesNotContainIgnoringCase("bearer ").doesNotContain("eyJ"));
    }
}
