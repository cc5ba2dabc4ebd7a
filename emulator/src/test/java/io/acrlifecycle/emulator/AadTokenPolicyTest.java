package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.errorCode;
import static io.acrlifecycle.emulator.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Which AAD tokens /oauth2/exchange (and ARM) take: emulator-signed only by default, any unexpired JWT when asked. */
class AadTokenPolicyTest {

    /** A JWT as another issuer (a fake AAD) would mint it: RS256 header, base64url segments, a signature we cannot check. */
    private static String foreignJwt(long expEpochSecond) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"fake-aad-key\"}";
        String payload = "{\"aud\":\"https://management.azure.com/\",\"iss\":\"https://sts.windows.net/11111111-2222-3333-4444-555555555555/\","
                + "\"oid\":\"99999999-0000-0000-0000-000000000001\",\"iat\":" + (expEpochSecond - 3600) + ",\"exp\":" + expEpochSecond + "}";
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("not-a-signature-this-emulator-can-verify".getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> exchange(RawClient raw, String aad) {
        String form = "grant_type=access_token&service=" + RawClient.enc(raw.emu.loginServer()) + "&access_token=" + RawClient.enc(aad);
        return raw.send(HttpRequest.newBuilder(raw.uri("/oauth2/exchange?api-version=2021-07-01"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build());
    }

    private static HttpResponse<String> armGet(RawClient raw, String bearer) {
        return raw.send(HttpRequest.newBuilder(raw.uri(raw.emu.resourceId() + "?api-version=2025-05-01-preview"))
                .header("Authorization", "Bearer " + bearer).GET().build());
    }

    private static long inOneHour() {
        return Instant.now().plusSeconds(3600).getEpochSecond();
    }

    @Test
    void shouldRefuseAForeignJwtWithTheDefaultPolicy() {
        // given
        try (AcrEmulator emu = AcrEmulator.start(EmulatorOptions.defaults())) {
            RawClient raw = new RawClient(emu);
            assertThat(EmulatorOptions.defaults().aadTokenPolicy()).isEqualTo(AadTokenPolicy.EMULATOR_SIGNED);
            // when
            HttpResponse<String> foreign = exchange(raw, foreignJwt(inOneHour()));
            HttpResponse<String> own = exchange(raw, emu.aadToken());
            HttpResponse<String> arm = armGet(raw, foreignJwt(inOneHour()));
            // then
            assertThat(foreign.statusCode()).isEqualTo(401);
            assertThat(errorCode(foreign)).isEqualTo("UNAUTHORIZED");
            assertThat(own.statusCode()).isEqualTo(200);
            assertThat(arm.statusCode()).isEqualTo(401);
            assertThat(json(arm).path("error").path("code").asText()).isEqualTo("AuthenticationFailed");
        }
    }

    @Test
    void shouldAcceptAForeignUnexpiredJwtAndRefuseAnExpiredOneWithAnyUnexpiredJwt() {
        // given
        try (AcrEmulator emu = AcrEmulator.start(EmulatorOptions.defaults().aadTokenPolicy(AadTokenPolicy.ANY_UNEXPIRED_JWT))) {
            emu.seed("{\"repositories\":[{\"name\":\"app\",\"manifests\":[{\"id\":\"a\",\"tags\":[\"v1\"]}]}]}");
            RawClient raw = new RawClient(emu);
            // when
            HttpResponse<String> fresh = exchange(raw, foreignJwt(inOneHour()));
            HttpResponse<String> expired = exchange(raw, foreignJwt(Instant.now().minusSeconds(60).getEpochSecond()));
            HttpResponse<String> notJwt = exchange(raw, "opaque-not-a-jwt");
            HttpResponse<String> armFresh = armGet(raw, foreignJwt(inOneHour()));
            HttpResponse<String> armExpired = armGet(raw, foreignJwt(Instant.now().minusSeconds(60).getEpochSecond()));
            // then
            assertThat(fresh.statusCode()).isEqualTo(200);
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(errorCode(expired)).isEqualTo("UNAUTHORIZED");
            assertThat(notJwt.statusCode()).isEqualTo(401);
            assertThat(armFresh.statusCode()).isEqualTo(200);
            assertThat(armExpired.statusCode()).isEqualTo(401);
            // and the refresh token the foreign AAD token bought is good for an access token that reads the registry
            String refresh = json(fresh).path("refresh_token").asText();
            HttpResponse<String> access = raw.send(HttpRequest.newBuilder(raw.uri("/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&service=" + RawClient.enc(emu.loginServer())
                            + "&scope=" + RawClient.enc("repository:app:metadata_read") + "&refresh_token=" + RawClient.enc(refresh)))
                    .build());
            assertThat(access.statusCode()).isEqualTo(200);
            HttpResponse<String> tags = raw.call("GET", "/acr/v1/app/_tags", null, json(access).path("access_token").asText());
            assertThat(tags.statusCode()).isEqualTo(200);
            assertThat(json(tags).path("tags").get(0).path("name").asText()).isEqualTo("v1");
        }
    }
}
