package io.acrlifecycle.engine.registry;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import io.acrlifecycle.engine.log.EngineLog;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Everything needed to reach one registry: where (login server or registry name + cloud, optional endpoint override
 * for private endpoints and the emulator), the ARM resource id (only for management calls), one credential
 * (an azure-core {@link TokenCredential} or an ACR username/password), the HTTP client and the retry settings.
 * Immutable; the password is copied in and never printed ({@link #toString()} redacts it).
 *
 * <p>There is deliberately no option to switch TLS verification off: private CAs are trusted by giving an
 * {@link SSLContext} or a trust store.
 */
public final class RegistryConfig {
    private static final Pattern RESOURCE_ID = Pattern.compile(
            "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.ContainerRegistry/registries/([^/]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern REGISTRY_NAME = Pattern.compile("[a-zA-Z0-9]{5,50}");

    private final String loginServer;
    private final AzureCloud cloud;
    private final URI endpoint;
    private final URI armEndpoint;
    private final String resourceId;
    private final TokenCredential credential;
    private final String username;
    private final char[] password;
    private final HttpClient httpClient;
    private final SSLContext sslContext;
    private final RetrySettings retry;
    private final Duration timeout;
    private final EngineLog log;
    private final int pageSize;

    /** Listing page size ({@code n}) unless configured. */
    public static final int DEFAULT_PAGE_SIZE = 100;

    private RegistryConfig(Builder b) {
        this.cloud = b.cloud == null ? AzureCloud.ofLoginServer(b.loginServer) : b.cloud;
        this.loginServer = b.loginServer;
        this.endpoint = b.endpoint == null ? URI.create("https://" + loginServer) : b.endpoint;
        this.armEndpoint = b.endpoint == null ? URI.create(cloud.armEndpoint()) : b.endpoint;
        this.resourceId = b.resourceId;
        this.credential = b.credential;
        this.username = b.username;
        this.password = b.password == null ? null : b.password.clone();
        this.httpClient = b.httpClient;
        this.sslContext = b.sslContext;
        this.retry = b.retry;
        this.timeout = b.timeout;
        this.log = b.log;
        this.pageSize = b.pageSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String loginServer() {
        return loginServer;
    }

    public AzureCloud cloud() {
        return cloud;
    }

    /** Where data-plane calls go: {@code https://<loginServer>} unless overridden. */
    public URI endpoint() {
        return endpoint;
    }

    /** Where ARM calls go: the cloud's ARM endpoint, or the endpoint override when one is given. */
    public URI armEndpoint() {
        return armEndpoint;
    }

    /** The ARM resource id, or null when management calls are not needed. */
    public String resourceId() {
        return resourceId;
    }

    public TokenCredential credential() {
        return credential;
    }

    public String username() {
        return username;
    }

    /** A copy of the password (the caller should wipe it after use), or null. */
    char[] password() {
        return password == null ? null : password.clone();
    }

    public boolean usesPassword() {
        return username != null;
    }

    /** The injected HTTP client, or null to build the default JDK client. */
    public HttpClient httpClient() {
        return httpClient;
    }

    public SSLContext sslContext() {
        return sslContext;
    }

    public RetrySettings retry() {
        return retry;
    }

    public Duration timeout() {
        return timeout;
    }

    public EngineLog log() {
        return log;
    }

    /** The {@code n} sent on listings (default 100, as az CLI). */
    public int pageSize() {
        return pageSize;
    }

    @Override
    public String toString() {
        return "RegistryConfig{loginServer=" + loginServer + ", cloud=" + cloud + ", endpoint=" + endpoint
                + ", resourceId=" + resourceId + ", credential="
                + (credential != null ? credential.getClass().getSimpleName()
                        : "username/password(" + username + ", ****)")
                + ", retry=" + retry + "}";
    }

    /** Builds a {@link RegistryConfig}; {@link #build()} validates and names the option at fault. */
    public static final class Builder {
        private String loginServer;
        private AzureCloud cloud;
        private URI endpoint;
        private String resourceId;
        private TokenCredential credential;
        private String username;
        private char[] password;
        private HttpClient httpClient;
        private SSLContext sslContext;
        private RetrySettings retry = RetrySettings.DEFAULTS;
        private Duration timeout = Duration.ofSeconds(60);
        private EngineLog log = EngineLog.SILENT;
        private int pageSize = DEFAULT_PAGE_SIZE;

        private Builder() {
        }

        /** The login server, e.g. {@code myregistry.azurecr.io}; the cloud follows from its suffix. */
        public Builder loginServer(String loginServer) {
            this.loginServer = loginServer == null ? null : loginServer.trim().toLowerCase(Locale.ROOT)
                    .replaceFirst("^https://", "").replaceFirst("/+$", "");
            return this;
        }

        /** The registry name and its cloud: {@code myregistry} + CHINA gives {@code myregistry.azurecr.cn}. */
        public Builder registryName(String name, AzureCloud cloud) {
            Objects.requireNonNull(cloud, "cloud");
            if (name == null || !REGISTRY_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("registryName: '" + name
                        + "' is not a registry name; accepted: 5-50 letters and digits, e.g. myregistry");
            }
            this.cloud = cloud;
            return loginServer(name.toLowerCase(Locale.ROOT) + cloud.loginServerSuffix());
        }

        public Builder cloud(AzureCloud cloud) {
            this.cloud = cloud;
            return this;
        }

        /**
         * Sends data-plane AND ARM calls to this URI instead (private endpoint, reverse proxy, emulator).
         * Must be https: tokens and passwords never travel in clear text.
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** {@code /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerRegistry/registries/{name}}. */
        public Builder resourceId(String resourceId) {
            this.resourceId = resourceId == null || resourceId.isBlank() ? null : resourceId.trim();
            return this;
        }

        /** Any azure-core/azure-identity credential (see {@link AzureCredentials}). */
        public Builder credential(TokenCredential credential) {
            this.credential = credential;
            return this;
        }

        /** ACR admin user or repository-scoped token; the password is copied, wipe yours afterwards. */
        public Builder usernamePassword(String username, char[] password) {
            this.username = username;
            this.password = password == null ? null : password.clone();
            return this;
        }

        /** The HTTP client to use for every call (e.g. a proxy-aware one); default: the JDK client. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** TLS context for the default JDK client, e.g. to trust a private CA. Ignored with an injected client. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /** Trusts the certificates of a trust store (PKCS12 or JKS) in addition to nothing else. */
        public Builder trustStore(Path file, char[] storePassword) {
            try (InputStream in = Files.newInputStream(file)) {
                KeyStore ks = KeyStore.getInstance(file.toString().toLowerCase(Locale.ROOT).endsWith(".jks")
                        ? "JKS" : "PKCS12");
                ks.load(in, storePassword);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, tmf.getTrustManagers(), null);
                this.sslContext = ctx;
                return this;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("trustStore: cannot read '" + file + "' as a PKCS12 or JKS "
                        + "trust store (" + e.getClass().getSimpleName() + ")", e);
            }
        }

        public Builder retry(RetrySettings retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** Per-request response timeout (default 60 s); a timeout counts as a retriable IO error. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder log(EngineLog log) {
            this.log = log == null ? EngineLog.SILENT : log;
            return this;
        }

        /** Items per listing page ({@code n}), 1..1000. */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1 || pageSize > 1000) {
                throw new IllegalArgumentException("pageSize: " + pageSize + " is out of range; accepted: 1..1000");
            }
            this.pageSize = pageSize;
            return this;
        }

        public RegistryConfig build() {
            if (loginServer == null || loginServer.isBlank()) {
                throw new IllegalArgumentException("loginServer: missing; give the login server "
                        + "(e.g. myregistry.azurecr.io) or registryName(name, cloud)");
            }
            if (loginServer.contains("/") || loginServer.contains(" ")) {
                throw new IllegalArgumentException("loginServer: '" + loginServer
                        + "' is not a host name; accepted: myregistry.azurecr.io (no scheme, no path)");
            }
            if (endpoint != null && !"https".equalsIgnoreCase(endpoint.getScheme())) {
                throw new IllegalArgumentException("endpoint: '" + endpoint
                        + "' must use https (credentials are never sent in clear text)");
            }
            if (credential == null && username == null) {
                throw new IllegalArgumentException("credential: missing; give a TokenCredential (credential(...)) "
                        + "or an ACR username and password (usernamePassword(...))");
            }
            if (credential != null && username != null) {
                throw new IllegalArgumentException("credential: give either a TokenCredential or a username and "
                        + "password, not both");
            }
            if (username != null && (username.isBlank() || password == null || password.length == 0)) {
                throw new IllegalArgumentException("usernamePassword: the username and the password must both "
                        + "be non-empty");
            }
            if (resourceId != null && !RESOURCE_ID.matcher(resourceId).matches()) {
                throw new IllegalArgumentException("resourceId: '" + resourceId + "' is not a registry resource id;"
                        + " accepted: /subscriptions/<id>/resourceGroups/<rg>/providers/"
                        + "Microsoft.ContainerRegistry/registries/<name>");
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout: must be positive, e.g. PT60S");
            }
            return new RegistryConfig(this);
        }

        @Override
        public String toString() {
            return "RegistryConfig.Builder{loginServer=" + loginServer + ", password=" + (password == null ? "none"
                    : "****") + "}";
        }
    }

    /** The registry name segment of the resource id, or null. */
    String resourceName() {
        if (resourceId == null) {
            return null;
        }
        Matcher m = RESOURCE_ID.matcher(resourceId);
        return m.matches() ? m.group(3) : null;
    }

    static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
