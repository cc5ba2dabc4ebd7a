package io.acrlifecycle.cli;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.OffsetDateTime;
import reactor.core.publisher.Mono;

/**
 * {@code $AZURE_ACCESS_TOKEN}: an AAD access token fetched beforehand (e.g. {@code az account get-access-token
 * --query accessToken -o tsv}, or the token the emulator prints). Used as is for every scope; when it expires the
 * registry answers 401 and the command fails with that message.
 */
public final class StaticTokenCredential implements TokenCredential {
    private final String token;

    public StaticTokenCredential(String token) {
        this.token = token.trim();
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.just(accessToken());
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        return accessToken();
    }

    private AccessToken accessToken() {
        // the expiry is unknown without decoding the JWT; an hour makes the SDK reuse it instead of asking again
        return new AccessToken(token, OffsetDateTime.now().plusHours(1));
    }

    @Override
    public String toString() {
        return "StaticTokenCredential(****)";
    }
}
