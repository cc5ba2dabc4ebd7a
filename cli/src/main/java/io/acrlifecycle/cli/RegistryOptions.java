package io.acrlifecycle.cli;

import com.azure.core.credential.TokenCredential;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.log.Redact;
import io.acrlifecycle.engine.registry.AzureCloud;
import io.acrlifecycle.engine.registry.AzureCredentials;
import io.acrlifecycle.engine.registry.RegistryConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the registry is and who we are, shared by every command that talks to a registry. Names follow az:
 * {@code --registry/-r}, {@code --username/-u}, {@code --password-stdin}, {@code --cloud}. A password is never a flag
 * value (it would land in shell history and process lists): it comes from stdin or {@code ACR_PASSWORD}.
 */
public class RegistryOptions {

    /** az's cloud names. */
    public enum Cloud {
        AzureCloud(io.acrlifecycle.engine.registry.AzureCloud.PUBLIC),
        AzureChinaCloud(io.acrlifecycle.engine.registry.AzureCloud.CHINA),
        AzureUSGovernment(io.acrlifecycle.engine.registry.AzureCloud.US_GOVERNMENT);

        final io.acrlifecycle.engine.registry.AzureCloud engine;

        Cloud(io.acrlifecycle.engine.registry.AzureCloud engine) {
            this.engine = engine;
        }
    }

    @Option(names = {"--registry", "-r"}, paramLabel = "NAME|LOGIN_SERVER",
            description = "Registry name (myregistry -> myregistry.azurecr.io for --cloud) or login server. "
                    + "Default: $ACR_DEFAULT_REGISTRY, else the --endpoint host.")
    String registry;

    @Option(names = "--cloud", paramLabel = "CLOUD", defaultValue = "AzureCloud",
            description = "Cloud of a registry given by name: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Cloud cloud = Cloud.AzureCloud;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Send data-plane and ARM calls to this https URL instead (private endpoint, the emulator).")
    String endpoint;

    @Option(names = "--resource-id", paramLabel = "ID",
            description = "ARM id of the registry (/subscriptions/<id>/resourceGroups/<rg>/providers/"
                    + "Microsoft.ContainerRegistry/registries/<name>), needed for policies, tasks and usage. "
                    + "Default: $ACR_RESOURCE_ID.")
    String resourceId;

    @Option(names = {"--username", "-u"}, paramLabel = "USER",
            description = "ACR admin user or token name; the password comes from --password-stdin or $ACR_PASSWORD. "
                    + "Without it: an AAD access token from $AZURE_ACCESS_TOKEN, else a service principal from "
                    + "$AZURE_CLIENT_ID/$AZURE_CLIENT_SECRET/$AZURE_TENANT_ID, else the azure-identity default chain "
                    + "(az login, managed identity, workload identity, ...). ARM calls (policies, tasks, usage) need "
                    + "an AAD credential.")
    String username;

    @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
    boolean passwordStdin;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Also trust the CA certificates in this PEM file (TLS verification stays on).")
    Path caFile;

    /** The engine's config; every bad value is reported naming its flag. */
    public RegistryConfig toConfig(Io io, EngineLog log) {
        Map<String, String> env = io.env();
        RegistryConfig.Builder builder = RegistryConfig.builder().log(log);
        String name = registry != null ? registry : env.get("ACR_DEFAULT_REGISTRY");
        URI endpoint = endpointUri();
        if (name != null && Redact.hasUserInfo(name)) {
            // never echoed: what precedes the @ is a password more often than not
            throw CliException.usage("--registry: a user name or password inside the registry is not accepted (it "
                    + "would end up in logs and process lists); accepted: a registry name (myregistry) or login "
                    + "server (myregistry.azurecr.io), with --username and --password-stdin or $ACR_PASSWORD");
        }
        if (name != null && name.contains("://")) {
            throw CliException.usage("--registry: '" + Redact.url(name) + "' is a URL; accepted: a registry name "
                    + "(myregistry) or login server (myregistry.azurecr.io); a URL to send calls to goes in "
                    + "--endpoint https://host[:port]");
        }
        if (name == null || name.isBlank()) {
            if (endpoint == null) {
                throw CliException.usage("--registry: missing; accepted: a registry name (myregistry), a login "
                        + "server (myregistry.azurecr.io), or --endpoint https://host:port");
            }
            builder.loginServer(endpoint.getAuthority());
        } else if (name.contains(".") || name.contains(":")) {
            builder.loginServer(name);
        } else {
            try {
                builder.registryName(name, cloud.engine);
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--registry: '" + name + "' is neither a registry name nor a login server; "
                        + "accepted: a registry name (5-50 letters and digits, e.g. myregistry) or a login server "
                        + "(myregistry.azurecr.io)");
            }
        }
        if (endpoint != null) {
            builder.endpoint(endpoint);
        }
        String id = resourceId != null ? resourceId : env.get("ACR_RESOURCE_ID");
        builder.resourceId(id);
        if (caFile != null) {
            builder.sslContext(Trust.withPem(caFile));
        }
        credentials(builder, io);
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(flagNames(e.getMessage()));
        }
    }

    /**
     * The {@code --endpoint} URL, parsed here rather than by picocli so that no message (picocli's "cannot convert"
     * included) ever echoes a password typed into it.
     */
    private URI endpointUri() {
        if (endpoint == null) {
            return null;
        }
        if (Redact.hasUserInfo(endpoint)) {
            throw CliException.usage("--endpoint: a user name or password inside the URL is not accepted (it would "
                    + "end up in logs and process lists); accepted: https://host[:port], with --username and "
                    + "--password-stdin or $ACR_PASSWORD");
        }
        URI uri;
        try {
            uri = new URI(endpoint.trim());
        } catch (java.net.URISyntaxException e) {
            throw CliException.usage("--endpoint: '" + Redact.url(endpoint) + "' is not a URL; accepted: "
                    + "https://host[:port]");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw CliException.usage("--endpoint: '" + Redact.url(endpoint) + "' is not an https URL; accepted: "
                    + "https://host[:port]");
        }
        return uri;
    }

    private void credentials(RegistryConfig.Builder builder, Io io) {
        Map<String, String> env = io.env();
        if (username != null) {
            char[] password = passwordStdin ? readStdin(io) : envPassword(env);
            try {
                builder.usernamePassword(username, password);
            } finally {
                Arrays.fill(password, '\0');
            }
            return;
        }
        if (passwordStdin) {
            throw CliException.usage("--password-stdin: needs --username USER");
        }
        AzureCloud azureCloud = cloud.engine;
        TokenCredential credential;
        if (present(env, "AZURE_ACCESS_TOKEN")) {
            credential = new StaticTokenCredential(env.get("AZURE_ACCESS_TOKEN"));
        } else if (present(env, "AZURE_CLIENT_ID") && present(env, "AZURE_CLIENT_SECRET")
                && present(env, "AZURE_TENANT_ID")) {
            credential = AzureCredentials.clientSecret(azureCloud, env.get("AZURE_TENANT_ID"),
                    env.get("AZURE_CLIENT_ID"), env.get("AZURE_CLIENT_SECRET"), null);
        } else {
            credential = AzureCredentials.defaultChain(azureCloud, null);
        }
        builder.credential(credential);
    }

    private static boolean present(Map<String, String> env, String key) {
        String value = env.get(key);
        return value != null && !value.isBlank();
    }

    private static char[] envPassword(Map<String, String> env) {
        String value = env.get("ACR_PASSWORD");
        if (value == null || value.isEmpty()) {
            throw CliException.usage("--username: needs a password; accepted: --password-stdin (first line of "
                    + "stdin) or the ACR_PASSWORD environment variable (never a flag value)");
        }
        return value.toCharArray();
    }

    private static char[] readStdin(Io io) {
        try {
            String line = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw CliException.usage("--password-stdin: stdin is empty; pipe the password in, e.g. "
                        + "echo \"$PW\" | acr-lifecycle ... --username USER --password-stdin");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "--password-stdin: cannot read stdin: " + e.getMessage());
        }
    }

    /** The engine names builder fields (resourceId: ...); the user typed flags. */
    private static String flagNames(String message) {
        return message.replaceFirst("^resourceId:", "--resource-id:").replaceFirst("^loginServer:", "--registry:")
                .replaceFirst("^endpoint:", "--endpoint:").replaceFirst("^usernamePassword:", "--username:");
    }
}
