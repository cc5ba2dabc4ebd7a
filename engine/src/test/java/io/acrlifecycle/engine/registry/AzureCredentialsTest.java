package io.acrlifecycle.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Builds the azure-identity credentials without talking to Azure AD (no token is requested). */
class AzureCredentialsTest {

    @Test
    void shouldBuildEachSupportedCredentialType() {
        assertThat(AzureCredentials.defaultChain(AzureCloud.CHINA, null)).isNotNull();
        assertThat(AzureCredentials.clientSecret(AzureCloud.PUBLIC, "tenant", "client", "secret", null)).isNotNull();
        assertThat(AzureCredentials.clientCertificate(AzureCloud.US_GOVERNMENT, "tenant", "client",
                Path.of("sp.pem"), null, null)).isNotNull();
        assertThat(AzureCredentials.managedIdentity("client-id", null)).isNotNull();
        assertThat(AzureCredentials.managedIdentity(null, null)).isNotNull();
    }

    @Test
    void shouldNameTheMissingFieldWithoutEchoingSecrets() {
        assertThatThrownBy(() -> AzureCredentials.clientSecret(AzureCloud.PUBLIC, "t", "c", " ", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("clientSecret: missing");
        assertThatThrownBy(() -> AzureCredentials.clientSecret(AzureCloud.PUBLIC, null, "c", "s3cr3t", null))
                .hasMessageStartingWith("tenantId: missing").satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("s3cr3t"));
        assertThatThrownBy(() -> AzureCredentials.clientCertificate(AzureCloud.PUBLIC, "t", "c", null, null, null))
                .hasMessageStartingWith("certificate: missing");
    }
}
