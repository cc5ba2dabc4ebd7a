package io.acrlifecycle.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.CredentialUnavailableException;
import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/**
 * When the azure-identity credential itself cannot get a token, the engine reports an authentication failure that
 * names the credential, not "no response from the registry", and no secret.
 */
class CredentialFailureAgainstEmulatorTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    static final String SEED = """
            {"repositories": [{"name": "app", "manifests": [{"id": "a1", "tags": ["v1"]}]}]}
            """;
    static final String SECRET = "Sup3r-Secret-Value-42";

    /** Like a ClientSecretCredential whose secret AAD refuses; the exception text quotes the secret on purpose. */
    static final class RefusedSecretCredential implements TokenCredential {
        @Override
        public Mono<AccessToken> getToken(TokenRequestContext request) {
            return Mono.error(refusal());
        }

        @Override
        public AccessToken getTokenSync(TokenRequestContext request) {
            throw refusal();
        }

        private static ClientAuthenticationException refusal() {
            return new ClientAuthenticationException("AADSTS7000215: Invalid client secret provided: " + SECRET,
                    null);
        }
    }

    /** Like a managed identity on a machine without one. */
    static final class NoIdentityCredential implements TokenCredential {
        @Override
        public Mono<AccessToken> getToken(TokenRequestContext request) {
            return Mono.error(new CredentialUnavailableException("no identity endpoint; secret " + SECRET));
        }

        @Override
        public AccessToken getTokenSync(TokenRequestContext request) {
            throw new CredentialUnavailableException("no identity endpoint; secret " + SECRET);
        }
    }

    private static List<String> tags(AcrRegistry registry) {
        List<String> out = new ArrayList<>();
        registry.tags("app", false).forEach(t -> out.add(t.name()));
        return out;
    }

    @Test
    void shouldReportARefusedCredentialOnTheDataPlaneAsAuthenticationFailure() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        try (AcrRegistry registry = Registries.open(EmulatorRegistries.config(emu)
                .credential(new RefusedSecretCredential()).build())) {
            assertThatThrownBy(() -> tags(registry))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("Azure credential RefusedSecretCredential could not get a token")
                    .hasMessageContaining("ClientAuthenticationException AADSTS7000215")
                    .hasMessageContaining(emu.loginServer())
                    .hasMessageContaining("Check")
                    .hasNoCause()
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET)
                            .doesNotContain("no response from the registry"));
            // the token exchange was never attempted
            assertThat(emu.requestLog().count("POST", "/oauth2/.*")).isZero();
        }
    }

    @Test
    void shouldReportAnUnavailableCredentialOnArmAsAuthenticationFailure() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        try (AcrRegistry registry = Registries.open(EmulatorRegistries.config(emu)
                .credential(new NoIdentityCredential()).build())) {
            assertThatThrownBy(registry::policies)
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("Azure credential NoIdentityCredential could not get a token for "
                            + "https://management.azure.com/.default")
                    .hasMessageContaining("CredentialUnavailableException")
                    .hasMessageContaining("not available in this environment")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET)
                            .doesNotContain("no response from the registry"));
            assertThatThrownBy(() -> tags(registry)).isInstanceOf(AuthenticationFailedException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
            assertThat(emu.requestLog().count("GET", "/subscriptions/.*")).isZero(); // no ARM call went out
        }
    }

    @Test
    void shouldReportARealClientSecretCredentialThatAadRefusesWithItsClassName() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        // a real azure-identity credential whose authority (the emulator) has no AAD endpoints: MSAL fails
        TokenCredential real = new ClientSecretCredentialBuilder().authorityHost(emu.endpoint().toString())
                .tenantId("00000000-0000-0000-0000-000000000001").clientId("00000000-0000-0000-0000-000000000002")
                .clientSecret(SECRET).disableInstanceDiscovery().maxRetry(0)
                .httpClient(new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
                        .sslContext(emu.sslContext())).connectionTimeout(Duration.ofSeconds(5)).build())
                .build();
        try (AcrRegistry registry = Registries.open(EmulatorRegistries.config(emu).credential(real).build())) {
            assertThatThrownBy(registry::policies)
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("Azure credential ClientSecretCredential could not get a token")
                    .hasMessageContaining("client secret")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
            assertThatThrownBy(() -> tags(registry))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("ClientSecretCredential")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        }
    }
}
