package io.acrlifecycle.engine.testing;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.registry.Registries;
import io.acrlifecycle.engine.registry.RegistryConfig;
import io.acrlifecycle.engine.registry.RetrySettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * Opens engine registries against an {@link AcrEmulator}: HTTPS with the emulator's CA, data plane and ARM at
 * {@code emu.endpoint()}, the emulator's resource id, an AAD token credential from {@code emu.aadToken()}, and fast
 * retry settings (10 ms base, 1.5 s max, 3 retries) so fault-injection tests stay quick.
 *
 * <pre>{@code
 * @RegisterExtension static AcrEmulatorExtension EMU = new AcrEmulatorExtension();
 * try (AcrRegistry registry = EmulatorRegistries.open(EMU.emulator())) { ... }
 * // username/password instead:
 * EmulatorRegistries.config(emu).credential(null).usernamePassword(emu.adminUsername(), pw).build()
 * }</pre>
 */
public final class EmulatorRegistries {
    /**
     * A test classpath may swap the HTTP client every registry here uses: jenkins-twin/ registers the Netty client
     * Jenkins builds (proxy, trust store) and re-runs these tests with it. Absent here: the JDK client.
     */
    private static final Optional<EmulatorHttpClient> HTTP_CLIENT =
            ServiceLoader.load(EmulatorHttpClient.class).findFirst();

    private EmulatorRegistries() {
    }

    /**
     * True when a test classpath swapped the HTTP client: tests of the default JDK client's own settings (its
     * sslContext, its response timeout) do not apply then, and skip.
     */
    public static boolean swapsHttpClient() {
        return HTTP_CLIENT.isPresent();
    }

    /** A registry with the emulator's AAD identity (data plane and ARM). */
    public static AcrRegistry open(AcrEmulator emu) {
        return Registries.open(config(emu).build());
    }

    /** The configuration {@link #open} uses, to adjust before {@code build()} (credential, retry, page size, log). */
    public static RegistryConfig.Builder config(AcrEmulator emu) {
        RegistryConfig.Builder config = RegistryConfig.builder()
                .loginServer(emu.loginServer())
                .endpoint(emu.endpoint())
                .resourceId(emu.resourceId())
                .sslContext(emu.sslContext())
                .credential(token(emu.aadToken()))
                .retry(RetrySettings.fast());
        HTTP_CLIENT.ifPresent(client -> config.httpClient(client.create(emu)));
        return config;
    }

    /** A TokenCredential that always hands out this token (expiry read from its JWT {@code exp}). */
    public static TokenCredential token(String jwt) {
        return new FixedToken(jwt);
    }

    /** Counts how often the token was asked for: the engine should cache, not ask per request. */
    public static final class FixedToken implements TokenCredential {
        private final String jwt;
        private final AtomicInteger calls = new AtomicInteger();

        FixedToken(String jwt) {
            this.jwt = jwt;
        }

        @Override
        public Mono<AccessToken> getToken(com.azure.core.credential.TokenRequestContext request) {
            calls.incrementAndGet();
            return Mono.just(new AccessToken(jwt, expiry(jwt)));
        }

        public int calls() {
            return calls.get();
        }

        @Override
        public String toString() {
            return "FixedToken{****}";
        }

        private static OffsetDateTime expiry(String jwt) {
            try {
                String payload = jwt.split("\\.")[1].replace('-', '+').replace('_', '/');
                while (payload.length() % 4 != 0) {
                    payload += "=";
                }
                String json = new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"exp\"\\s*:\\s*(\\d+)").matcher(json);
                if (m.find()) {
                    return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Long.parseLong(m.group(1))), ZoneOffset.UTC);
                }
            } catch (RuntimeException ignored) {
                // opaque token: fall through
            }
            return OffsetDateTime.now(ZoneOffset.UTC).plusHours(1);
        }
    }
}
