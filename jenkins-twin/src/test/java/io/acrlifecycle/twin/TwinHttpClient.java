package io.acrlifecycle.twin;

import com.azure.core.http.HttpClient;
import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.engine.testing.EmulatorHttpClient;
import io.acrlifecycle.steps.NettyHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The client every re-run engine test gets (registered in META-INF/services): the plugin's client, built as
 * {@code RegistryAccess} builds it with the trust-store properties docs/jenkins.md tells users to set (the
 * emulator's PKCS12 trust store) and a Jenkins proxy that asks for a user and password.
 */
public final class TwinHttpClient implements EmulatorHttpClient {
    static final String PROXY_USER = "jenkins";
    static final String PROXY_PASSWORD = "proxy-secret";

    /** One proxy for the whole run, like one Jenkins controller's proxy. */
    static final ConnectProxy PROXY = start();

    @Override
    public HttpClient create(AcrEmulator emu) {
        return NettyHttpClient.build(jenkinsProxy(), emu.trustStorePkcs12(), emu.trustStorePassword().toCharArray());
    }

    static NettyHttpClient.Proxy jenkinsProxy() {
        return new NettyHttpClient.Proxy("127.0.0.1", PROXY.port(), PROXY_USER, PROXY_PASSWORD, null);
    }

    private static ConnectProxy start() {
        try {
            return new ConnectProxy(PROXY_USER, PROXY_PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
