package io.acrlifecycle.engine.registry;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import reactor.core.publisher.Mono;

/**
 * Wraps the credential that ARM's {@code BearerTokenAuthenticationPolicy} uses, so that a failure inside
 * {@code getToken} (ClientAuthenticationException, CredentialUnavailableException, ...) becomes an
 * {@link AuthenticationFailedException} naming the credential, instead of passing as "no response from the registry".
 */
final class GuardedCredential implements TokenCredential {
    private final TokenCredential delegate;
    private final String registry;

    GuardedCredential(TokenCredential delegate, String registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        Mono<AccessToken> token;
        try {
            token = delegate.getToken(request);
        } catch (RuntimeException e) {
            return Mono.error(failed(request, e));
        }
        return token == null ? Mono.error(failed(request, null)) : token.onErrorMap(e -> failed(request, e));
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        AccessToken token;
        try {
            token = delegate.getTokenSync(request);
        } catch (RuntimeException e) {
            throw failed(request, e);
        }
        if (token == null || token.getToken() == null) {
            throw failed(request, null);
        }
        return token;
    }

    private RuntimeException failed(TokenRequestContext request, Throwable e) {
        if (e instanceof RegistryException re) {
            return re;
        }
        return RegistryErrors.credentialFailed(registry, delegate, String.join(" ", request.getScopes()), e);
    }

    @Override
    public String toString() {
        return "GuardedCredential{" + delegate.getClass().getSimpleName() + "}";
    }
}
