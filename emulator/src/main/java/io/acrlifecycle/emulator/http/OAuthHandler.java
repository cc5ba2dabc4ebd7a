package io.acrlifecycle.emulator.http;

import io.acrlifecycle.emulator.auth.AuthService;
import io.acrlifecycle.emulator.auth.Principal;
import io.acrlifecycle.emulator.auth.Scope;
import io.acrlifecycle.emulator.base.AcrErrors;
import io.acrlifecycle.emulator.base.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** {@code /oauth2/exchange} and {@code /oauth2/token} (form POST, or GET with Basic as docker clients do). */
public final class OAuthHandler {
    private final AuthService auth;

    public OAuthHandler(AuthService auth) {
        this.auth = auth;
    }

    public void handle(Call c) {
        String what = c.segments().size() == 2 ? c.segments().get(1) : "";
        if (what.equals("exchange") && c.method().equals("POST")) {
            Map<String, List<String>> f = c.form();
            String grant = first(f, "grant_type");
            if ("refresh_token".equals(grant) || "access_token_refresh_token".equals(grant)) {
                // Grants ACR still answers but has deprecated; the emulator implements only access_token.
                throw AcrErrors.unsupported("POST /oauth2/exchange with grant_type=" + grant + " (deprecated by ACR;"
                        + " use grant_type=access_token)");
            }
            if (!"access_token".equals(grant)) {
                throw AcrErrors.badRequest("UNSUPPORTED", "grant_type '" + grant + "' is not supported; accepted: access_token");
            }
            String refresh = auth.exchange(first(f, "access_token"));
            c.json(200, Json.object().put("refresh_token", refresh));
            return;
        }
        if (what.equals("token") && c.method().equals("POST")) {
            Map<String, List<String>> f = c.form();
            List<Scope> scopes = scopes(f.getOrDefault("scope", List.of()));
            String grant = first(f, "grant_type");
            Principal p;
            if ("refresh_token".equals(grant)) {
                p = auth.refreshPrincipal(first(f, "refresh_token"));
            } else if ("password".equals(grant)) {
                p = auth.password(first(f, "username"), first(f, "password"));
            } else {
                throw AcrErrors.badRequest("UNSUPPORTED", "grant_type '" + grant + "' is not supported; accepted: refresh_token, password");
            }
            c.json(200, Json.object().put("access_token", auth.accessToken(p, scopes)));
            return;
        }
        if (what.equals("token") && c.method().equals("GET")) {
            Principal p = Principal.ANONYMOUS;
            String a = c.authorization();
            if (a != null && a.regionMatches(true, 0, "Basic ", 0, 6)) {
                String[] up = userPassword(a.substring(6).trim());
                p = auth.password(up[0], up[1]);
            } else {
                p = auth.password(null, null);
            }
            String token = auth.accessToken(p, scopes(c.queryAll("scope")));
            c.json(200, Json.object().put("token", token).put("access_token", token)
                    .put("expires_in", AuthService.ACCESS_TOKEN_SECONDS));
            return;
        }
        throw AcrErrors.methodUnknown(c.method(), c.path());
    }

    private static List<Scope> scopes(List<String> values) {
        try {
            return Scope.parseAll(values);
        } catch (IllegalArgumentException e) {
            throw AcrErrors.badRequest("INVALID_REQUEST", e.getMessage() + "; accepted: repository:<name>:<action>[,<action>]");
        }
    }

    private static String[] userPassword(String basic) {
        try {
            String d = new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8);
            int i = d.indexOf(':');
            return i < 0 ? new String[] {d, ""} : new String[] {d.substring(0, i), d.substring(i + 1)};
        } catch (IllegalArgumentException e) {
            throw AcrErrors.unauthorized("malformed Basic credentials", Json.array());
        }
    }

    private static String first(Map<String, List<String>> f, String k) {
        List<String> v = f.get(k);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
