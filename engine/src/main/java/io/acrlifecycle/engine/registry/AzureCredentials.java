package io.acrlifecycle.engine.registry;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import java.nio.file.Path;

/**
 * Factory methods for the azure-identity credentials the tool supports. Each takes the cloud (for the AAD authority
 * host) and an optional HTTP client so the AAD calls use the same (e.g. proxy-aware) client as the registry calls.
 * Secrets are passed straight to azure-identity and kept nowhere else.
 */
public final class AzureCredentials {
    private AzureCredentials() {
    }

    /** The default chain: environment variables, workload identity, managed identity, Azure CLI, ... */
    public static TokenCredential defaultChain(AzureCloud cloud, HttpClient httpClient) {
        DefaultAzureCredentialBuilder b = new DefaultAzureCredentialBuilder().authorityHost(cloud.authorityHost());
        if (httpClient != null) {
            b.httpClient(httpClient);
        }
        return b.build();
    }

    /** A service principal with a client secret. */
    public static TokenCredential clientSecret(AzureCloud cloud, String tenantId, String clientId, String secret,
            HttpClient httpClient) {
        require("tenantId", tenantId);
        require("clientId", clientId);
        require("clientSecret", secret);
        ClientSecretCredentialBuilder b = new ClientSecretCredentialBuilder().authorityHost(cloud.authorityHost())
                .tenantId(tenantId).clientId(clientId).clientSecret(secret);
        if (httpClient != null) {
            b.httpClient(httpClient);
        }
        return b.build();
    }

    /**
     * A service principal with a certificate: a PEM file (key + certificate), or a PFX/PKCS12 file with its
     * password (null for PEM).
     */
    public static TokenCredential clientCertificate(AzureCloud cloud, String tenantId, String clientId,
            Path certificate, String pfxPassword, HttpClient httpClient) {
        require("tenantId", tenantId);
        require("clientId", clientId);
        if (certificate == null) {
            throw new IllegalArgumentException("certificate: missing; give a PEM or PFX file");
        }
        ClientCertificateCredentialBuilder b = new ClientCertificateCredentialBuilder()
                .authorityHost(cloud.authorityHost()).tenantId(tenantId).clientId(clientId);
        String name = certificate.toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".pfx") || name.endsWith(".p12")) {
            b.pfxCertificate(certificate.toString()).clientCertificatePassword(pfxPassword);
        } else {
            b.pemCertificate(certificate.toString());
        }
        if (httpClient != null) {
            b.httpClient(httpClient);
        }
        return b.build();
    }

    /** The system-assigned managed identity, or a user-assigned one when {@code clientId} is given. */
    public static TokenCredential managedIdentity(String clientId, HttpClient httpClient) {
        ManagedIdentityCredentialBuilder b = new ManagedIdentityCredentialBuilder();
        if (clientId != null && !clientId.isBlank()) {
            b.clientId(clientId);
        }
        if (httpClient != null) {
            b.httpClient(httpClient);
        }
        return b.build();
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": missing; it is required for this credential type");
        }
    }
}
