package io.acrlifecycle.engine.registry;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import java.time.Clock;
import java.time.Duration;

/** Opens registries: builds the one HTTP client and the pipelines from a {@link RegistryConfig}. */
public final class Registries {
    static final String USER_AGENT = "acr-lifecycle/0.1.0";

    private Registries() {
    }

    public static AcrRegistry open(RegistryConfig config) {
        HttpClient client = config.httpClient() != null ? config.httpClient() : defaultClient(config);
        Throttles throttles = new Throttles();
        AcrRetryPolicy retry = new AcrRetryPolicy(config.retry(), config.log(), throttles);
        UserAgentPolicy userAgent = new UserAgentPolicy(USER_AGENT);

        HttpPipeline tokenPipeline = new HttpPipelineBuilder().httpClient(client).policies(userAgent, retry).build();
        char[] password = config.password();
        AcrChallengePolicy challenge = new AcrChallengePolicy(config.endpoint().toString(), config.loginServer(),
                config.credential(), config.cloud().acrScope(), config.username(), password, tokenPipeline,
                Clock.systemUTC());
        HttpPipeline dataPipeline = new HttpPipelineBuilder().httpClient(client)
                .policies(userAgent, retry, challenge).build();
        Rest data = new Rest(dataPipeline, config.endpoint().toString(), config.loginServer());

        Rest arm = null;
        String armUnavailable = null;
        if (config.resourceId() == null) {
            armUnavailable = "no ARM resource id was given; set resourceId (/subscriptions/<id>/resourceGroups/<rg>/"
                    + "providers/Microsoft.ContainerRegistry/registries/<name>) in the registry configuration";
        } else if (config.credential() == null) {
            armUnavailable = "ARM needs an Azure AD credential (service principal, managed identity or the default "
                    + "chain); a username/password only reaches the data plane";
        } else {
            HttpPipeline armPipeline = new HttpPipelineBuilder().httpClient(client).policies(userAgent, retry,
                    new BearerTokenAuthenticationPolicy(
                    new GuardedCredential(config.credential(), config.loginServer()), armScope(config))).build();
            arm = new Rest(armPipeline, config.armEndpoint().toString(), config.loginServer());
        }
        return new AcrRegistry(config, data, arm, armUnavailable, throttles);
    }

    /** {@code <armEndpoint>/.default}; with an endpoint override the cloud's ARM audience still applies. */
    static String armScope(RegistryConfig config) {
        return config.cloud().armScope();
    }

    static HttpClient defaultClient(RegistryConfig config) {
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
        if (config.sslContext() != null) {
            jdk.sslContext(config.sslContext());
        }
        return new JdkHttpClientBuilder(jdk).connectionTimeout(Duration.ofSeconds(20))
                .responseTimeout(config.timeout()).build();
    }
}
