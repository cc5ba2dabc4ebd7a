package io.acrlifecycle.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.ProxyOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Jenkins' proxy settings as azure-core's ProxyOptions; the client itself runs in jenkins-twin/. */
class NettyHttpClientTest {

    @Test
    void shouldPassTheProxyUserOnlyWithAPassword() {
        ProxyOptions withPassword = NettyHttpClient.proxyOptions(
                new NettyHttpClient.Proxy("proxy.corp", 3128, "jenkins", "s3cret", null));
        ProxyOptions withoutPassword = NettyHttpClient.proxyOptions(
                new NettyHttpClient.Proxy("proxy.corp", 3128, "jenkins", "", null));

        assertThat(withPassword.getAddress().getHostString()).isEqualTo("proxy.corp");
        assertThat(withPassword.getAddress().getPort()).isEqualTo(3128);
        assertThat(withPassword.getUsername()).isEqualTo("jenkins");
        assertThat(withPassword.getPassword()).isEqualTo("s3cret");
        assertThat(withoutPassword.getUsername()).isNull();
        assertThat(NettyHttpClient.proxyOptions(null)).isNull();
    }

    @Test
    void shouldSplitNoProxyHostsAsJenkinsWritesThem() {
        ProxyOptions options = NettyHttpClient.proxyOptions(new NettyHttpClient.Proxy("proxy.corp", 3128, null, null,
                "*.internal, registry.corp\n127.0.0.1"));

        assertThat(options.getNonProxyHosts()).contains("internal").contains("registry").contains("127")
                .doesNotContain(",").doesNotContain("\n");
    }

    @Test
    void shouldNeverShowTheProxyPassword() {
        assertThat(new NettyHttpClient.Proxy("proxy.corp", 3128, "jenkins", "s3cret", null).toString())
                .contains("jenkins").doesNotContain("s3cret");
    }

    @Test
    void shouldNameTheTrustStoreItCannotRead() {
        assertThatThrownBy(() -> NettyHttpClient.build(null, Path.of("missing.p12"), new char[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trustStore")
                .hasMessageContaining("missing.p12");
    }
}
