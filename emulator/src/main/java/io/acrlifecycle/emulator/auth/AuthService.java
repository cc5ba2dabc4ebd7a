package io.acrlifecycle.emulator.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.emulator.arm.RegistryResource;
import io.acrlifecycle.emulator.base.AcrErrors;
import io.acrlifecycle.emulator.base.AcrException;
import io.acrlifecycle.emulator.base.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** ACR's token service and the per-request check of {@code Authorization} against the scope an operation needs. */
public final class AuthService {
    public static final long ACCESS_TOKEN_SECONDS = 4500;
    public static final long REFRESH_TOKEN_SECONDS = 3 * 3600;
    private static final String TENANT = "00000000-0000-0000-0000-0000000000aa";

    private final Tokens tokens;
    private final String loginServer;
    private final String adminUsername;
    private final String adminPassword;
    private final RegistryResource registry;
    /** Any unexpired JWT-shaped token is an AAD token (AadTokenPolicy.ANY_UNEXPIRED_JWT), else only ours. */
    private final boolean anyUnexpiredJwt;
    private final boolean https;
    private final Map<String, ScopedToken> scopedTokens = new ConcurrentHashMap<>();

    /** A repository-scoped token (ACR "token" + scope map): a name, a password and actions per repository. */
    public record ScopedToken(String name, String password, Map<String, Set<String>> actions) {
    }

    public AuthService(Tokens tokens, String loginServer, String adminUsername, String adminPassword,
            RegistryResource registry, boolean anyUnexpiredJwt, boolean https) {
        this.tokens = tokens;
        this.loginServer = loginServer;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
        this.registry = registry;
        this.anyUnexpiredJwt = anyUnexpiredJwt;
        this.https = https;
    }

    public void addScopedToken(ScopedToken token) {
        scopedTokens.put(token.name(), token);
    }

    public Map<String, ScopedToken> scopedTokens() {
        return Map.copyOf(scopedTokens);
    }

    public void clearScopedTokens() {
        scopedTokens.clear();
    }

    /** An AAD-like token this emulator accepts (negative validity: already expired). */
    public String aadToken(Duration validity) {
        ObjectNode c = Json.object()
                .put("aud", "https://containerregistry.azure.net")
                .put("iss", "https://sts.windows.net/" + TENANT + "/")
                .put("tid", TENANT)
                .put("oid", "00000000-0000-0000-0000-00000000e001")
                .put("appid", "acr-emulator-client")
                .put(Tokens.KIND, "aad");
        return tokens.mint(c, validity.getSeconds());
    }

    public boolean acceptsAad(String token) {
        if (token == null || token.isBlank()) {
            return false;
        }
        if (anyUnexpiredJwt) {
            return Tokens.decodeUnverified(token).filter(Tokens::unexpired).isPresent();
        }
        return tokens.verify(token).filter(c -> "aad".equals(c.path(Tokens.KIND).asText())).isPresent();
    }

    /** {@code /oauth2/exchange}: an AAD token for an ACR refresh token. */
    public String exchange(String aadToken) {
        if (!acceptsAad(aadToken)) {
            throw AcrErrors.unauthorized("the AAD access token is invalid or expired", Json.array());
        }
        ObjectNode c = Json.object().put("iss", "Azure Container Registry").put("aud", loginServer)
                .put("sub", "aad-identity").put("grant_type", "refresh_token").put("tenant", TENANT)
                .put(Tokens.KIND, "refresh");
        return tokens.mint(c, REFRESH_TOKEN_SECONDS);
    }

    /** The principal behind one of our refresh tokens (any holder of a valid one is the AAD identity). */
    public Principal refreshPrincipal(String refreshToken) {
        return tokens.verify(refreshToken == null ? "" : refreshToken)
                .filter(c -> "refresh".equals(c.path(Tokens.KIND).asText()))
                .map(c -> Principal.aad(c.path("sub").asText()))
                .orElseThrow(() -> AcrErrors.unauthorized("the refresh token is invalid or expired", Json.array()));
    }

    /** Password grant / Basic: admin user, scoped token, or (no user at all) anonymous when anonymous pull is on. */
    public Principal password(String username, String password) {
        if ((username == null || username.isEmpty()) && (password == null || password.isEmpty())) {
            if (registry.anonymousPullEnabled()) {
                return Principal.ANONYMOUS;
            }
            throw AcrErrors.unauthorized("authentication required (anonymous pull is not enabled)", Json.array());
        }
        if (registry.adminUserEnabled() && adminUsername.equals(username) && same(adminPassword, password)) {
            return Principal.admin(username);
        }
        ScopedToken t = username == null ? null : scopedTokens.get(username);
        if (t != null && same(t.password(), password)) {
            return new Principal(Principal.Kind.SCOPED, t.name(), t.actions());
        }
        throw AcrErrors.unauthorized("invalid username or password", Json.array());
    }

    /** An access token for what {@code principal} may do of the requested scopes. */
    public String accessToken(Principal principal, List<Scope> scopes) {
        ArrayNode access = Json.array();
        for (Scope s : scopes) {
            ArrayNode actions = Json.array();
            for (String a : s.actions()) {
                if (principal.allows(s.type(), s.name(), a)) {
                    actions.add(a);
                }
            }
            if (!actions.isEmpty()) {
                access.addObject().put("type", s.type()).put("name", s.name()).set("actions", actions);
            }
        }
        ObjectNode c = Json.object().put("iss", "Azure Container Registry").put("aud", loginServer)
                .put("sub", principal.name()).put("grant_type", principal.kind() == Principal.Kind.AAD ? "refresh_token" : "password")
                .put(Tokens.KIND, "access");
        c.set("access", access);
        return tokens.mint(c, ACCESS_TOKEN_SECONDS);
    }

    /**
     * Checks the {@code Authorization} header for {@code action} on {@code type:name}; throws the 401 challenge
     * (asking for {@code challengeActions}) when it is missing, invalid, expired or too narrow.
     */
    public void require(String authorization, String host, String type, String name, String action, String challengeActions) {
        String scope = type + ":" + name + ":" + challengeActions;
        if (authorization == null || authorization.isBlank()) {
            if (registry.anonymousPullEnabled() && Principal.ANONYMOUS.allows(type, name, action)) {
                return;
            }
            throw challenge(host, scope, null, type, name, challengeActions);
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            Principal p = basic(authorization.substring(6).trim());
            if (p == null) {
                throw challenge(host, scope, "invalid_token", type, name, challengeActions);
            }
            if (!p.allows(type, name, action)) {
                throw challenge(host, scope, "insufficient_scope", type, name, challengeActions);
            }
            return;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<JsonNode> claims = tokens.verify(authorization.substring(7).trim())
                    .filter(c -> "access".equals(c.path(Tokens.KIND).asText()));
            if (claims.isEmpty()) {
                throw challenge(host, scope, "invalid_token", type, name, challengeActions);
            }
            if (!grants(claims.get().path("access"), type, name, action)) {
                throw challenge(host, scope, "insufficient_scope", type, name, challengeActions);
            }
            return;
        }
        throw challenge(host, scope, "invalid_token", type, name, challengeActions);
    }

    /** Whether the header authenticates anyone at all ({@code GET /v2/}). */
    public boolean authenticated(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return false;
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(authorization.substring(6).trim()) != null;
        }
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && tokens.verify(authorization.substring(7).trim()).filter(c -> "access".equals(c.path(Tokens.KIND).asText())).isPresent();
    }

    /** The principal of a Basic credential (user:password, base64), or null. */
    public Principal basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return password(decoded.substring(0, colon), decoded.substring(colon + 1));
        } catch (IllegalArgumentException | AcrException e) {
            return null;
        }
    }

    private static boolean grants(JsonNode access, String type, String name, String action) {
        for (JsonNode e : access) {
            if (!type.equals(e.path("type").asText())) {
                continue;
            }
            String n = e.path("name").asText();
            if (!n.equals(name) && !n.equals("*")) {
                continue;
            }
            for (JsonNode a : e.path("actions")) {
                if (a.asText().equals(action) || a.asText().equals("*")) {
                    return true;
                }
            }
        }
        return false;
    }

    public AcrException challenge(String host, String scope, String error, String type, String name, String actions) {
        ArrayNode detail = Json.array();
        if (type != null) {
            for (String a : actions.split(",")) {
                detail.addObject().put("Type", type).put("Name", name).put("Action", a);
            }
        }
        AcrException e = AcrErrors.unauthorized(
                "authentication required, visit https://aka.ms/acr/authorization for more information.", detail);
        StringBuilder h = new StringBuilder("Bearer realm=\"").append(https ? "https://" : "http://").append(host)
                .append("/oauth2/token\",service=\"").append(loginServer).append('"');
        if (scope != null) {
            h.append(",scope=\"").append(scope).append('"');
        }
        if (error != null) {
            h.append(",error=\"").append(error).append('"');
        }
        return e.header("WWW-Authenticate", h.toString());
    }

    private static boolean same(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
