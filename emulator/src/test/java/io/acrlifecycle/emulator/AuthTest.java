package io.acrlifecycle.emulator;

import static io.acrlifecycle.emulator.RawClient.errorCode;
import static io.acrlifecycle.emulator.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Challenges, token grants and scope enforcement. */
class AuthTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private RawClient admin;

    @BeforeEach
    void setUp() {
        EMU.emulator().seed("{\"repositories\":[{\"name\":\"a\",\"manifests\":[{\"id\":\"x\",\"tags\":[\"v1\"]}]},"
                + "{\"name\":\"b\",\"manifests\":[{\"id\":\"y\",\"tags\":[\"v1\"]}]}]}");
        admin = new RawClient(EMU.emulator());
    }

    @Test
    void shouldChallengeWithRealmServiceAndScope() {
        // when
        HttpResponse<String> r = admin.call("GET", "/acr/v1/a/_tags", null, null);
        // then
        AcrEmulator emu = EMU.emulator();
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"https://127.0.0.1:" + emu.endpoint().getPort()
                + "/oauth2/token\",service=\"" + emu.loginServer() + "\",scope=\"repository:a:metadata_read\"");
        assertThat(errorCode(r)).isEqualTo("UNAUTHORIZED");
        assertThat(json(r).path("errors").get(0).path("detail").get(0).path("Action").asText()).isEqualTo("metadata_read");
    }

    @Test
    void shouldMintTokensWhoseSegmentsDecodeWithBothBase64Alphabets() {
        // when
        String token = admin.token("repository:a:pull", "registry:catalog:*");
        String[] parts = token.split("\\.");
        // then
        assertThat(parts).hasSize(3);
        for (String p : new String[] {parts[0], parts[1]}) {
            assertThat(p).doesNotContain("+", "/", "-", "_", "=");
            assertThat(Base64.getUrlDecoder().decode(p)).isEqualTo(Base64.getDecoder().decode(p));
        }
        var claims = io.acrlifecycle.emulator.base.Json.parse(Base64.getDecoder().decode(parts[1]));
        assertThat(claims.path("exp").asLong()).isGreaterThan(System.currentTimeMillis() / 1000);
        assertThat(claims.path("aud").asText()).isEqualTo(EMU.emulator().loginServer());
        assertThat(claims.path("access").get(0).path("name").asText()).isEqualTo("a");
    }

    @Test
    void shouldNotLetAScopedTokenDeleteInAnotherRepository() {
        // given
        EMU.emulator().addScopedToken("ci", "pw", Map.of("a", Set.of("pull", "delete", "metadata_read")));
        RawClient ci = new RawClient(EMU.emulator(), "ci", "pw");
        String token = ci.token("repository:a:delete", "repository:b:delete");
        // when
        HttpResponse<String> inB = ci.call("DELETE", "/acr/v1/b/_tags/v1", null, token);
        HttpResponse<String> inBBasic = ci.basic("DELETE", "/acr/v1/b/_tags/v1", null);
        HttpResponse<String> inA = ci.call("DELETE", "/acr/v1/a/_tags/v1", null, token);
        // then
        assertThat(inB.statusCode()).isEqualTo(401);
        assertThat(inB.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"insufficient_scope\"");
        assertThat(inBBasic.statusCode()).isEqualTo(401);
        assertThat(inA.statusCode()).isEqualTo(202);
    }

    @Test
    void shouldRefuseAnExpiredAadTokenAndAcceptAFreshOne() {
        // when
        HttpResponse<String> expired = exchange(EMU.emulator().aadToken(Duration.ofMinutes(-5)));
        HttpResponse<String> fresh = exchange(EMU.emulator().aadToken());
        HttpResponse<String> arm = admin.send(HttpRequest.newBuilder(admin.uri(EMU.emulator().resourceId() + "?api-version=2025-05-01-preview"))
                .header("Authorization", "Bearer " + EMU.emulator().aadToken(Duration.ofMinutes(-5))).GET().build());
        // then
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(errorCode(expired)).isEqualTo("UNAUTHORIZED");
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(json(fresh).path("refresh_token").asText()).contains(".");
        assertThat(arm.statusCode()).isEqualTo(401);
        assertThat(json(arm).path("error").path("code").asText()).isEqualTo("AuthenticationFailed");
    }

    @Test
    void shouldRefuseAWrongPassword() {
        // given
        RawClient wrong = new RawClient(EMU.emulator(), EMU.emulator().adminUsername(), "not-the-password");
        // when
        HttpResponse<String> token = wrong.send(HttpRequest.newBuilder(wrong.uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&service=x&scope=repository:a:pull&username="
                        + wrong.user + "&password=nope")).build());
        HttpResponse<String> basic = wrong.basic("GET", "/acr/v1/a/_tags", null);
        // then
        assertThat(token.statusCode()).isEqualTo(401);
        assertThat(errorCode(token)).isEqualTo("UNAUTHORIZED");
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(admin.basic("GET", "/acr/v1/a/_tags", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAllowAnonymousPullOnlyWhenEnabled() {
        // given
        HttpResponse<String> before = admin.call("GET", "/v2/a/manifests/v1", null, null);
        EMU.emulator().registry().setAnonymousPullEnabled(true);
        // when
        HttpResponse<String> after = admin.call("GET", "/v2/a/manifests/v1", null, null);
        HttpResponse<String> delete = admin.call("DELETE", "/acr/v1/a/_tags/v1", null, null);
        // then
        assertThat(before.statusCode()).isEqualTo(401);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(delete.statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> exchange(String aad) {
        String form = "grant_type=access_token&service=" + RawClient.enc(EMU.emulator().loginServer()) + "&access_token=" + aad;
        return admin.send(HttpRequest.newBuilder(admin.uri("/oauth2/exchange?api-version=2021-07-01"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build());
    }
}
