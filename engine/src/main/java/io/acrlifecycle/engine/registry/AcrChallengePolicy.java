package io.acrlifecycle.engine.registry;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.engine.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * ACR's challenge-driven auth, one instance per registry, used by the SDK clients and by our raw calls alike.
 *
 * <p>A request goes out with the access token last used for the same method and path (or none). On a 401 with
 * {@code WWW-Authenticate: Bearer realm,service,scope} it gets an access token for that scope and sends the request
 * once more:
 * <ul>
 * <li>TokenCredential: AAD token for the ACR audience → {@code POST /oauth2/exchange} (refresh token, cached
 * until its {@code exp}) → {@code POST /oauth2/token} with {@code grant_type=refresh_token};</li>
 * <li>username/password (admin user, repository-scoped token): {@code POST /oauth2/token} with
 * {@code grant_type=password}.</li>
 * </ul>
 * Access tokens are cached per scope until 5 minutes before their JWT {@code exp}. Like the Java SDK, token calls go
 * to the configured endpoint, never to the challenge's {@code realm}: a server cannot redirect our credentials.
 * Token calls run on their own pipeline (retry, no auth) so they do not recurse into this policy.
 */
final class AcrChallengePolicy implements HttpPipelinePolicy {
    private static final Duration REFRESH_EARLY = Duration.ofMinutes(5);
    private static final Duration OPAQUE_TOKEN_LIFETIME = Duration.ofMinutes(5);
    /** Routes hold digests, so a long purge would grow the map without bound; forgetting costs one 401 round. */
    private static final int MAX_ROUTES = 10_000;

    private final String endpoint;
    private final String registry;
    private final TokenCredential credential;
    private final String aadScope;
    private final String username;
    private final char[] password;
    private final HttpPipeline tokenPipeline;
    private final Clock clock;
    private final Map<String, Cached> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, String> scopeByRoute = new ConcurrentHashMap<>();
    private volatile Cached refreshToken;

    /** A cached token; its toString leaves the token out, so a debugger, log line or dump cannot show it. */
    record Cached(String token, Instant refreshAt) {
        @Override
        public String toString() {
            return "Cached{token=****, refreshAt=" + refreshAt + "}";
        }
    }

    AcrChallengePolicy(String endpoint, String registry, TokenCredential credential, String aadScope,
            String username, char[] password, HttpPipeline tokenPipeline, Clock clock) {
        this.endpoint = endpoint.replaceFirst("/+$", "");
        this.registry = registry;
        this.credential = credential;
        this.aadScope = aadScope;
        this.username = username;
        this.password = password;
        this.tokenPipeline = tokenPipeline;
        this.clock = clock;
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        String route = route(context.getHttpRequest());
        authorize(context.getHttpRequest(), cachedFor(scopeByRoute.get(route)));
        HttpResponse response = next.clone().processSync();
        Challenge challenge = challengeOf(response);
        if (challenge == null) {
            return response;
        }
        response.close();
        String token = accessToken(challenge, true);
        remember(route, challenge.scope());
        authorize(context.getHttpRequest(), token);
        return next.clone().processSync();
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        String route = route(context.getHttpRequest());
        authorize(context.getHttpRequest(), cachedFor(scopeByRoute.get(route)));
        return next.clone().process().flatMap(response -> {
            Challenge challenge = challengeOf(response);
            if (challenge == null) {
                return Mono.just(response);
            }
            response.close();
            return Mono.fromCallable(() -> accessToken(challenge, true))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMap(token -> {
                        remember(route, challenge.scope());
                        authorize(context.getHttpRequest(), token);
                        return next.clone().process();
                    });
        });
    }

    private void remember(String route, String scope) {
        if (scopeByRoute.size() >= MAX_ROUTES) {
            scopeByRoute.clear();
        }
        scopeByRoute.put(route, scope);
    }

    private static Challenge challengeOf(HttpResponse response) {
        if (response.getStatusCode() != 401) {
            return null;
        }
        Challenge c = Challenge.parse(response.getHeaderValue(HttpHeaderName.WWW_AUTHENTICATE));
        return c == null || c.service() == null || c.scope() == null ? null : c;
    }

    /**
     * The scope ACR asks for depends on the method, the repository and the kind of item, not on which tag or digest:
     * {@code DELETE /v2/app/manifests/<any digest>} always needs {@code repository:app:delete}. So the item segment
     * is replaced by {@code *}, and a purge of 10,000 manifests costs one challenge round, not 10,000.
     */
    static String route(HttpRequest request) {
        return request.getHttpMethod() + " " + routePath(request.getUrl().getPath());
    }

    static String routePath(String path) {
        String[] seg = path.split("/", -1);
        for (int i = 1; i < seg.length; i++) {
            switch (seg[i - 1]) {
                case "_tags", "_manifests", "manifests", "referrers", "blobs" -> seg[i] = "*";
                default -> {
                }
            }
        }
        return String.join("/", seg);
    }

    private static void authorize(HttpRequest request, String token) {
        if (token != null) {
            request.setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + token);
        }
    }

    private String cachedFor(String scope) {
        if (scope == null) {
            return null;
        }
        Cached c = accessTokens.get(scope);
        return c != null && clock.instant().isBefore(c.refreshAt()) ? c.token() : null;
    }

    /** An access token for the challenge's scope; {@code afterRefusal} skips the cache (it was just refused). */
    String accessToken(Challenge challenge, boolean afterRefusal) {
        String scope = challenge.scope();
        if (!afterRefusal) {
            String cached = cachedFor(scope);
            if (cached != null) {
                return cached;
            }
        }
        String form;
        if (credential != null) {
            form = "grant_type=refresh_token&service=" + Paths.query(challenge.service()) + "&scope="
                    + Paths.query(scope) + "&refresh_token=" + Paths.query(refreshToken(challenge.service(), false));
        } else {
            form = "grant_type=password&service=" + Paths.query(challenge.service()) + "&scope="
                    + Paths.query(scope) + "&username=" + Paths.query(username) + "&password="
                    + Paths.query(new String(password));
        }
        JsonNode body = post("/oauth2/token", form, "get an ACR access token for scope " + scope);
        if (body == null && credential != null) {
            // the cached refresh token was refused (revoked or expired early): exchange once more
            refreshToken = null;
            form = form.replaceFirst("refresh_token=[^&]*$", "refresh_token="
                    + Paths.query(refreshToken(challenge.service(), true)));
            body = post("/oauth2/token", form, "get an ACR access token for scope " + scope);
        }
        if (body == null) {
            throw refused("get an ACR access token for scope " + scope, 401, null);
        }
        String token = text(body, "access_token");
        accessTokens.put(scope, new Cached(token, refreshAt(token)));
        return token;
    }

    private String refreshToken(String service, boolean force) {
        Cached c = refreshToken;
        if (!force && c != null && clock.instant().isBefore(c.refreshAt())) {
            return c.token();
        }
        AccessToken aad;
        try {
            aad = credential.getTokenSync(new TokenRequestContext().addScopes(aadScope));
        } catch (RegistryException e) {
            throw e;
        } catch (RuntimeException e) {
            // ClientAuthenticationException, CredentialUnavailableException, ...: the credential, not the registry
            throw RegistryErrors.credentialFailed(registry, credential, aadScope, e);
        }
        if (aad == null || aad.getToken() == null) {
            throw refused("get an Azure AD token for " + aadScope, 401, null);
        }
        String form = "grant_type=access_token&service=" + Paths.query(service) + "&access_token="
                + Paths.query(aad.getToken());
        JsonNode body = post("/oauth2/exchange", form, "exchange the Azure AD token for an ACR refresh token");
        if (body == null) {
            throw refused("exchange the Azure AD token for an ACR refresh token", 401, null);
        }
        String token = text(body, "refresh_token");
        refreshToken = new Cached(token, refreshAt(token));
        return token;
    }

    /** POSTs a form; returns the JSON body, null on 401, throws a typed exception on other errors. */
    private JsonNode post(String path, String form, String what) {
        HttpRequest request = new HttpRequest(HttpMethod.POST, endpoint + path + "?api-version=2021-07-01")
                .setHeader(HttpHeaderName.CONTENT_TYPE, "application/x-www-form-urlencoded")
                .setHeader(HttpHeaderName.ACCEPT, "application/json")
                .setBody(BinaryData.fromBytes(form.getBytes(StandardCharsets.UTF_8)));
        try (HttpResponse response = tokenPipeline.sendSync(request, Context.NONE)) {
            int status = response.getStatusCode();
            String body = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
            if (status == 401) {
                return null;
            }
            if (status != 200) {
                throw RegistryErrors.fromResponse(registry, new Operation(what, null, Operation.Kind.READ), status,
                        body, AcrRetryPolicy.serverDelay(response.getHeaders()));
            }
            JsonNode node = Json.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw refused(what, status, "the token endpoint answered without a JSON object");
            }
            return node;
        } catch (RegistryException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw refused(what, 200, "the token endpoint answered with unreadable JSON");
        } catch (RuntimeException e) {
            throw RegistryErrors.unavailable(registry, new Operation(what, null, Operation.Kind.READ), e);
        }
    }

    private Instant refreshAt(String token) {
        Instant exp = Jwt.expiry(token);
        Instant now = clock.instant();
        if (exp == null) {
            return now.plus(OPAQUE_TOKEN_LIFETIME);
        }
        Instant early = exp.minus(REFRESH_EARLY);
        // short-lived tokens (< 5 min): use them until shortly before they end
        return early.isAfter(now) ? early : now.plus(Duration.between(now, exp).dividedBy(2));
    }

    private String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.asText().isBlank()) {
            throw refused("read the " + field + " from the token endpoint", 200, "the answer had no " + field);
        }
        return v.asText();
    }

    private RegistryException refused(String what, int status, String detail) {
        String who = credential != null ? "the Azure AD credential (" + credential.getClass().getSimpleName() + ")"
                : "the username/password of '" + username + "'";
        return new AuthenticationFailedException("authenticate on registry " + registry + " failed: could not "
                + what + (detail == null ? ": the registry refused " + who : ": " + detail)
                + ". Check the credential: it may be wrong, expired or disabled, or belong to another tenant.",
                status, status == 401 ? "UNAUTHORIZED" : null, null);
    }
}
