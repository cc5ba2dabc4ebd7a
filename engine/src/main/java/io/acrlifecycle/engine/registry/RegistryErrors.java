package io.acrlifecycle.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.engine.json.Json;

/**
 * Turns an ACR ({@code {"errors":[{"code","message"}]}}) or ARM ({@code {"error":{"code","message"}}}) error
 * response into a typed {@link RegistryException}. The message names registry, repository, operation, status, error
 * code and what to do. It is built only from our own words and the service's error code and message, never from
 * request headers, so no token or password can leak into it.
 */
final class RegistryErrors {
    private static final int MAX_SERVICE_MESSAGE = 300;

    private RegistryErrors() {
    }

    /** As below, with the wait the answer asked for (null: none), kept on the exception for callers' pacing. */
    static RegistryException fromResponse(String registry, Operation op, int status, String body,
            java.time.Duration retryAfter) {
        return fromResponse(registry, op, status, body).retryAfter(retryAfter);
    }

    static RegistryException fromResponse(String registry, Operation op, int status, String body) {
        String code = null;
        String serviceMessage = null;
        try {
            JsonNode root = body == null || body.isBlank() ? null : Json.mapper().readTree(body);
            if (root != null && root.has("errors") && root.get("errors").isArray() && root.get("errors").size() > 0) {
                code = text(root.get("errors").get(0), "code");
                serviceMessage = text(root.get("errors").get(0), "message");
            } else if (root != null && root.has("error")) {
                code = text(root.get("error"), "code");
                serviceMessage = text(root.get("error"), "message");
            }
        } catch (Exception ignored) {
            // not JSON: keep the status alone
        }
        if (serviceMessage != null && serviceMessage.length() > MAX_SERVICE_MESSAGE) {
            serviceMessage = serviceMessage.substring(0, MAX_SERVICE_MESSAGE) + "...";
        }
        String text = where(registry, op) + " failed: HTTP " + status + (code == null ? "" : " " + code)
                + (serviceMessage == null || serviceMessage.isBlank() ? "" : " (" + serviceMessage + ")") + ". "
                + advice(registry, op, status);
        return create(text, status, code, null);
    }

    /**
     * A 401 on a request that already carried an access token: the credential itself was accepted (we got a token),
     * but the token ACR issued does not grant this scope. That is an authorization problem, so it is reported as
     * {@link AuthorizationFailedException} (status stays 401) naming the scope and the role.
     */
    static RegistryException insufficientScope(String registry, Operation op, String scope) {
        return new AuthorizationFailedException(where(registry, op) + " failed: HTTP 401 UNAUTHORIZED: the credential "
                + "was accepted, but the token ACR issued does not grant " + (scope == null ? "this operation"
                        : "scope " + scope) + ". The identity needs " + op.kind().role + "; a repository-scoped token "
                + "needs a scope map that covers this repository and action.", 401, "UNAUTHORIZED", null);
    }

    static RegistryException unavailable(String registry, Operation op, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof RegistryException re) {
                return re; // e.g. a credential failure that a pipeline policy wrapped
            }
            if (t instanceof com.azure.core.exception.ClientAuthenticationException) {
                return credentialFailed(registry, null, "the registry or ARM", t);
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return new RegistryUnavailableException(where(registry, op) + " failed: the TLS handshake with "
                        + registry + " failed (" + t.getClass().getSimpleName() + "). If the registry or a proxy "
                        + "uses a private CA, give it with sslContext(...) or trustStore(file, password); TLS "
                        + "verification cannot be switched off.", 0, null, cause);
            }
        }
        String kind = cause == null ? "no response" : cause.getClass().getSimpleName();
        return new RegistryUnavailableException(where(registry, op) + " failed: no response from the registry ("
                + kind + ") after the configured retries. Check the network path to " + registry
                + " (DNS, proxy, firewall, private endpoint) and try again later.", 0, null, cause);
    }

    /**
     * An azure-identity credential could not get a token (ClientAuthenticationException,
     * CredentialUnavailableException, or any other failure inside {@code getToken}). No HTTP request reached the
     * registry, so this is not "no response from the registry". The message names the credential's class, the
     * failure's class and any AADSTS code, and what to check; the credential's own message is left out (and not
     * kept as the cause), as azure-identity and MSAL may quote request details in it.
     */
    static RegistryException credentialFailed(String registry, Object credential, String scope, Throwable failure) {
        String type = credential == null ? "TokenCredential" : credential.getClass().getSimpleName();
        StringBuilder codes = new StringBuilder();
        for (Throwable t = failure; t != null && codes.length() < 60; t = t.getCause()) {
            java.util.regex.Matcher m = AADSTS.matcher(String.valueOf(t.getMessage()));
            while (m.find() && codes.indexOf(m.group()) < 0) {
                codes.append(codes.length() == 0 ? "" : ", ").append(m.group());
            }
        }
        String kind = failure == null ? "no token" : failure.getClass().getSimpleName();
        boolean unavailable = kind.equals("CredentialUnavailableException");
        return new AuthenticationFailedException("authenticate on registry " + registry + " failed: the Azure "
                + "credential " + type + " could not get a token for " + scope + " (" + kind
                + (codes.length() == 0 ? "" : " " + codes) + (unavailable ? ": it is not available in this "
                        + "environment" : "") + "); no request reached the registry. " + credentialAdvice(type),
                401, codes.length() == 0 ? null : codes.toString(), null);
    }

    private static final java.util.regex.Pattern AADSTS = java.util.regex.Pattern.compile("AADSTS\\d{4,}");

    private static String credentialAdvice(String type) {
        String common = " Also check the Azure cloud (authority host) and that this machine can reach Azure AD "
                + "(login.microsoftonline.com or the sovereign cloud's login host, through the proxy if one is used).";
        return switch (type) {
            case "ClientSecretCredential" -> "Check the tenant id, the client id and the client secret (the secret's "
                    + "value, not its id; it may have expired) of the service principal." + common;
            case "ClientCertificateCredential" -> "Check the tenant id, the client id and the certificate (file, "
                    + "password, expiry, and that it is uploaded to the app registration)." + common;
            case "ManagedIdentityCredential" -> "Check that a managed identity is assigned to this machine or agent "
                    + "(and, for a user-assigned identity, its client id)." + common;
            case "AzureCliCredential" -> "Check that the Azure CLI is installed and logged in (az login) as the "
                    + "user this runs as." + common;
            case "DefaultAzureCredential", "ChainedTokenCredential" -> "None of the chain's sources gave a token: "
                    + "set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or a certificate), assign a "
                    + "managed identity, or log in with az login." + common;
            default -> "Check the credential's configuration (tenant, client id, secret or certificate, managed "
                    + "identity)." + common;
        };
    }

    static String where(String registry, Operation op) {
        return op.name() + " on registry " + registry
                + (op.repository() == null ? "" : ", repository " + op.repository());
    }

    static RegistryException create(String text, int status, String code, Throwable cause) {
        return switch (status) {
            case 400 -> new InvalidRequestException(text, status, code, cause);
            case 401 -> new AuthenticationFailedException(text, status, code, cause);
            case 403 -> new AuthorizationFailedException(text, status, code, cause);
            case 404 -> new NotFoundException(text, status, code, cause);
            case 405 -> new LockedException(text, status, code, cause);
            case 409 -> new ConflictException(text, status, code, cause);
            case 429 -> new ThrottledException(text, status, code, cause);
            default -> status >= 500 || status == 0 ? new RegistryUnavailableException(text, status, code, cause)
                    : new RegistryException(text, status, code, cause);
        };
    }

    private static String advice(String registry, Operation op, int status) {
        boolean arm = op.kind() == Operation.Kind.ARM_READ || op.kind() == Operation.Kind.ARM_WRITE;
        return switch (status) {
            case 400 -> "Check the request values; the registry rejected them as invalid.";
            case 401 -> "Check the credential: the password or token may be wrong, expired or revoked, or the "
                    + "identity may belong to another tenant" + (arm ? "" : "; for an admin user or repository-scoped "
                    + "token, check that it is enabled and that its scope map covers this repository and action")
                    + ".";
            case 403 -> "The identity is not allowed to do this: it needs " + op.kind().role
                    + (arm ? "" : ", and a repository-scoped token needs a scope map that covers this repository")
                    + "; also check the registry's firewall and network rules.";
            case 404 -> arm ? "Check the ARM resource id (subscription, resource group, registry name) and that "
                    + "the identity can see it." : "The item does not exist (or was already deleted); check the "
                    + "name and digest.";
            case 405 -> "The item is locked (deleteEnabled=false or writeEnabled=false). Unlock it first, e.g. "
                    + "az acr repository update --name " + shortName(registry) + " --image "
                    + (op.repository() == null ? "<repo>:<tag>" : op.repository() + ":<tag>")
                    + " --delete-enabled true --write-enabled true (or the same for --repository).";
            case 409 -> "The registry's current state conflicts with this change; read it again and decide.";
            case 429 -> "ACR throttled the requests (per-SKU rate limit) and the retries ran out; run with less "
                    + "concurrency, later, or on a higher SKU.";
            default -> status >= 500 ? "The registry had a server error after the configured retries; try again later."
                    : "See the registry's message above.";
        };
    }

    private static String shortName(String registry) {
        int dot = registry.indexOf('.');
        return dot > 0 ? registry.substring(0, dot) : registry;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
