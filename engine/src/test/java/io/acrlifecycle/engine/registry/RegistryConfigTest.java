package io.acrlifecycle.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import java.net.URI;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class RegistryConfigTest {
    private static final TokenCredential CRED = r -> Mono.just(new AccessToken("t", OffsetDateTime.now().plusHours(1)));
    private static final String RID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/"
            + "providers/Microsoft.ContainerRegistry/registries/myregistry";

    @Test
    void shouldDeriveLoginServerAndEndpointsFromRegistryNameAndCloud() {
        RegistryConfig china = RegistryConfig.builder().registryName("MyRegistry", AzureCloud.CHINA)
                .credential(CRED).build();

        assertThat(china.loginServer()).isEqualTo("myregistry.azurecr.cn");
        assertThat(china.endpoint()).isEqualTo(URI.create("https://myregistry.azurecr.cn"));
        assertThat(china.armEndpoint()).isEqualTo(URI.create("https://management.chinacloudapi.cn"));
        assertThat(china.cloud().acrScope()).isEqualTo("https://containerregistry.azure.cn/.default");
        assertThat(china.cloud().authorityHost()).isEqualTo("https://login.chinacloudapi.cn/");
    }

    @Test
    void shouldInferTheCloudFromTheLoginServerSuffix() {
        assertThat(AzureCloud.ofLoginServer("x.azurecr.us")).isEqualTo(AzureCloud.US_GOVERNMENT);
        assertThat(AzureCloud.ofLoginServer("x.azurecr.io")).isEqualTo(AzureCloud.PUBLIC);
        assertThat(AzureCloud.ofLoginServer("127.0.0.1:8443")).isEqualTo(AzureCloud.PUBLIC);
        assertThat(AzureCloud.US_GOVERNMENT.armScope()).isEqualTo("https://management.usgovcloudapi.net/.default");
    }

    @Test
    void shouldSendDataPlaneAndArmToTheEndpointOverride() {
        RegistryConfig c = RegistryConfig.builder().loginServer("myregistry.azurecr.io")
                .endpoint(URI.create("https://127.0.0.1:8443")).resourceId(RID).credential(CRED).build();

        assertThat(c.endpoint()).isEqualTo(URI.create("https://127.0.0.1:8443"));
        assertThat(c.armEndpoint()).isEqualTo(URI.create("https://127.0.0.1:8443"));
        assertThat(c.resourceName()).isEqualTo("myregistry");
    }

    @Test
    void shouldNameTheFieldForBadInput() {
        assertThatThrownBy(() -> RegistryConfig.builder().credential(CRED).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("loginServer:");
        assertThatThrownBy(() -> RegistryConfig.builder().loginServer("r.azurecr.io").build())
                .hasMessageStartingWith("credential:");
        assertThatThrownBy(() -> RegistryConfig.builder().loginServer("r.azurecr.io").credential(CRED)
                .resourceId("/subscriptions/x/rg").build())
                .hasMessageStartingWith("resourceId:").hasMessageContaining("Microsoft.ContainerRegistry/registries");
        assertThatThrownBy(() -> RegistryConfig.builder().loginServer("r.azurecr.io").credential(CRED)
                .endpoint(URI.create("http://127.0.0.1:80")).build())
                .hasMessageStartingWith("endpoint:").hasMessageContaining("https");
        assertThatThrownBy(() -> RegistryConfig.builder().registryName("a/b", AzureCloud.PUBLIC))
                .hasMessageStartingWith("registryName:");
        assertThatThrownBy(() -> RegistryConfig.builder().loginServer("r.azurecr.io").credential(CRED)
                .usernamePassword("u", "p".toCharArray()).build())
                .hasMessageContaining("not both");
    }

    @Test
    void shouldNeverPrintThePassword() {
        char[] secret = "S3cr3t-P@ss".toCharArray();
        RegistryConfig.Builder b = RegistryConfig.builder().loginServer("r.azurecr.io")
                .usernamePassword("admin", secret);
        RegistryConfig c = b.build();
        secret[0] = 'X'; // the config keeps its own copy

        assertThat(c.toString()).contains("admin").doesNotContain("S3cr3t").contains("****");
        assertThat(b.toString()).doesNotContain("S3cr3t");
        assertThat(new String(c.password())).isEqualTo("S3cr3t-P@ss");
    }

    @Test
    void shouldExplainWhichOptionArmCallsNeed() {
        AcrRegistry noId = Registries.open(RegistryConfig.builder().loginServer("r.azurecr.io").credential(CRED)
                .build());
        AcrRegistry password = Registries.open(RegistryConfig.builder().loginServer("r.azurecr.io").resourceId(RID)
                .usernamePassword("u", "p".toCharArray()).build());

        assertThatThrownBy(noId::policies).isInstanceOf(RegistryException.class).hasMessageContaining("resourceId");
        assertThatThrownBy(password::usages).isInstanceOf(RegistryException.class)
                .hasMessageContaining("Azure AD credential");
    }
}
