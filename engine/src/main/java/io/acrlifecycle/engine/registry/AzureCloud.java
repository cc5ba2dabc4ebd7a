package io.acrlifecycle.engine.registry;

/**
 * The Azure clouds a registry can live in. Values come from azure-sdk-for-java ({@code AzureAuthorityHosts},
 * {@code ContainerRegistryAudience}) and the ACR suffixes az CLI and acr-cli use ({@code .azurecr.io/.cn/.us},
 * {@code https://containerregistry.azure.net/.cn/.us}).
 */
public enum AzureCloud {
    PUBLIC(".azurecr.io", "https://management.azure.com", "https://login.microsoftonline.com/",
            "https://containerregistry.azure.net"),
    CHINA(".azurecr.cn", "https://management.chinacloudapi.cn", "https://login.chinacloudapi.cn/",
            "https://containerregistry.azure.cn"),
    US_GOVERNMENT(".azurecr.us", "https://management.usgovcloudapi.net", "https://login.microsoftonline.us/",
            "https://containerregistry.azure.us");

    private final String loginServerSuffix;
    private final String armEndpoint;
    private final String authorityHost;
    private final String acrAudience;

    AzureCloud(String loginServerSuffix, String armEndpoint, String authorityHost, String acrAudience) {
        this.loginServerSuffix = loginServerSuffix;
        this.armEndpoint = armEndpoint;
        this.authorityHost = authorityHost;
        this.acrAudience = acrAudience;
    }

    /** {@code .azurecr.io}, {@code .azurecr.cn} or {@code .azurecr.us}. */
    public String loginServerSuffix() {
        return loginServerSuffix;
    }

    /** Azure Resource Manager endpoint, without a trailing slash. */
    public String armEndpoint() {
        return armEndpoint;
    }

    /** The Azure AD (Entra ID) authority host for azure-identity credentials. */
    public String authorityHost() {
        return authorityHost;
    }

    /** The AAD audience of ACR data-plane tokens; the scope asked for is {@code audience + "/.default"}. */
    public String acrAudience() {
        return acrAudience;
    }

    public String acrScope() {
        return acrAudience + "/.default";
    }

    public String armScope() {
        return armEndpoint + "/.default";
    }

    /** The cloud a login server belongs to, by suffix; {@link #PUBLIC} when no suffix matches (private DNS). */
    public static AzureCloud ofLoginServer(String loginServer) {
        String host = loginServer.toLowerCase(java.util.Locale.ROOT);
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        for (AzureCloud cloud : values()) {
            if (host.endsWith(cloud.loginServerSuffix)) {
                return cloud;
            }
        }
        return PUBLIC;
    }
}
