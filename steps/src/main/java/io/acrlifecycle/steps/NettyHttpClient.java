package io.acrlifecycle.steps;

import com.azure.core.http.HttpClient;
import com.azure.core.http.ProxyOptions;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManagerFactory;

/**
 * The HTTP client a CI server gives the engine: Netty with the server's proxy, built as the Azure SDK plugin's
 * {@code HttpClientRetriever.get(ProxyConfiguration)} builds it (an HTTP proxy, its user and password, the
 * no-proxy hosts joined with {@code |}), and, for a registry behind a private CA, that CA trusted on this client
 * only (the JVM's own trust store, which every other plugin uses, is left alone).
 *
 * <p>Jenkins-free so that {@code jenkins-twin/} can run the engine's integration tests through it, on the library
 * versions Jenkins loads.
 */
public final class NettyHttpClient {
    private NettyHttpClient() {
    }

    /**
     * A proxy as Jenkins' {@code ProxyConfiguration} holds it.
     *
     * @param noProxyHost host patterns separated by spaces, tabs, new lines, commas or {@code |}; may be null
     */
    public record Proxy(String host, int port, String username, String password, String noProxyHost) {
        @Override
        public String toString() {
            return "Proxy[" + host + ":" + port + (username == null ? "" : ", user " + username + ", password ****")
                    + (noProxyHost == null ? "" : ", noProxyHost " + noProxyHost) + "]";
        }
    }

    /**
     * @param proxy      null for a direct connection
     * @param trustStore a PKCS12 (or {@code .jks}) trust store whose certificates this client trusts instead of the
     *                   JVM's; null for the JVM's trust store
     */
    public static HttpClient build(Proxy proxy, Path trustStore, char[] trustStorePassword) {
        NettyAsyncHttpClientBuilder builder = trustStore == null ? new NettyAsyncHttpClientBuilder()
                : new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
                        .secure(spec -> spec.sslContext(sslContext(trustStore, trustStorePassword))));
        return builder.proxy(proxyOptions(proxy)).build();
    }

    /** Jenkins' proxy as azure-core's {@link ProxyOptions}, the way HttpClientRetriever converts it. */
    static ProxyOptions proxyOptions(Proxy proxy) {
        if (proxy == null) {
            return null;
        }
        ProxyOptions options = new ProxyOptions(ProxyOptions.Type.HTTP,
                new InetSocketAddress(proxy.host(), proxy.port()));
        if (proxy.password() != null && !proxy.password().isEmpty()) {
            options.setCredentials(proxy.username(), proxy.password());
        }
        if (proxy.noProxyHost() != null && !proxy.noProxyHost().isBlank()) {
            options.setNonProxyHosts(Arrays.stream(proxy.noProxyHost().split("[ \t\n,|]+"))
                    .filter(s -> !s.isEmpty()).collect(Collectors.joining("|")));
        }
        return options;
    }

    private static SslContext sslContext(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(
                    file.toString().toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12");
            store.load(in, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return SslContextBuilder.forClient().trustManager(trust).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("trustStore: cannot read '" + file + "' as a PKCS12 or JKS trust store ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }
}
