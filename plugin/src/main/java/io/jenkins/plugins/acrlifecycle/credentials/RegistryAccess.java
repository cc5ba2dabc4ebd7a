package io.jenkins.plugins.acrlifecycle.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.microsoft.azure.util.AzureBaseCredentials;
import com.microsoft.azure.util.AzureCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.ProxyConfiguration;
import hudson.model.Run;
import hudson.util.Secret;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.registry.Registries;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.registry.RegistryConfig;
import io.acrlifecycle.steps.NettyHttpClient;
import io.jenkins.plugins.azuresdk.HttpClientRetriever;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import jenkins.model.Jenkins;
import jenkins.util.SystemProperties;

/**
 * Opens the engine's registry client as the build may: credentials are looked up in the build's context (so job
 * authorisation and credentials parameters apply, and usage is tracked), Azure credentials become an azure-core
 * TokenCredential the way the Azure Credentials plugin builds them, and HTTP goes through the azure-sdk plugin's
 * proxy-aware client.
 */
public final class RegistryAccess {
    /**
     * A PKCS12 trust store for a registry behind a private CA (and for the plugin's tests, the emulator's CA).
     * When set, the client is built as the azure-sdk plugin builds it (Netty, Jenkins' proxy) and trusts this store
     * instead of the JVM's; jenkins-twin/ tests exactly that client.
     */
    public static final String TRUST_STORE = RegistryAccess.class.getName() + ".trustStore";

    public static final String TRUST_STORE_PASSWORD = RegistryAccess.class.getName() + ".trustStorePassword";

    private RegistryAccess() {
    }

    public static Registry open(Run<?, ?> run, String registry, @CheckForNull String credentialsId,
            @CheckForNull String resourceId, @CheckForNull String endpoint, EngineLog log) throws AbortException {
        if (credentialsId == null) {
            throw new AbortException("credentialsId: required; an Azure credential or a username with password");
        }
        RegistryConfig.Builder config = RegistryConfig.builder().loginServer(registry).resourceId(resourceId).log(log);
        if (endpoint != null) {
            config.endpoint(URI.create(endpoint));
        }
        StandardCredentials credentials =
                CredentialsProvider.findCredentialById(credentialsId, StandardCredentials.class, run);
        if (credentials == null) {
            throw new AbortException("credentialsId: no credentials '" + credentialsId + "' that this build may use");
        }
        CredentialsProvider.track(run, credentials);
        if (credentials instanceof AzureBaseCredentials azure) {
            config.credential(AzureCredentials.getTokenCredential(azure));
        } else if (credentials instanceof StandardUsernamePasswordCredentials user) {
            char[] password = user.getPassword().getPlainText().toCharArray();
            config.usernamePassword(user.getUsername(), password);
            Arrays.fill(password, '\0');
        } else {
            throw new AbortException("credentialsId: '" + credentialsId + "' is not usable for ACR; accepted: an Azure "
                    + "service principal or managed identity (Azure Credentials plugin), or a username with password "
                    + "(ACR token or admin user)");
        }
        String trustStore = SystemProperties.getString(TRUST_STORE);
        if (trustStore != null) {
            // HttpClientRetriever takes no CA: the same Netty client, with Jenkins' proxy, trusting the store
            String password = SystemProperties.getString(TRUST_STORE_PASSWORD, "");
            config.httpClient(NettyHttpClient.build(proxy(Jenkins.get().proxy), Path.of(trustStore),
                    password.toCharArray()));
        } else {
            config.httpClient(HttpClientRetriever.get());
        }
        return Registries.open(config.build());
    }

    /** Jenkins' proxy in the form the steps module takes; null when none is configured. */
    @CheckForNull
    static NettyHttpClient.Proxy proxy(@CheckForNull ProxyConfiguration proxy) {
        if (proxy == null || proxy.getName() == null) {
            return null;
        }
        Secret password = proxy.getSecretPassword();
        return new NettyHttpClient.Proxy(proxy.getName(), proxy.getPort(), proxy.getUserName(),
                password == null ? null : password.getPlainText(), proxy.getNoProxyHost());
    }
}
