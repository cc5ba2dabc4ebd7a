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
