package io.acrlifecycle.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.emulator.RequestLog;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.registry.AuthenticationFailedException;
import io.acrlifecycle.engine.registry.AuthorizationFailedException;
import io.acrlifecycle.engine.registry.Registries;
import io.acrlifecycle.engine.registry.RegistryConfig;
import io.acrlifecycle.engine.registry.RegistryException;
import io.acrlifecycle.engine.softdelete.SoftDeleteEnsure;
import io.acrlifecycle.engine.softdelete.SoftDeleteRequest;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A wrong password, an expired AAD token and a token scoped to another repository are refused with a typed error
 * before anything changes: soft-delete ensure and restore send no mutating request at all; a tag delete sends its
 * DELETE only as ACR's unauthenticated challenge round (answered 401), never with a token that is honoured.
 */
class RefusedCredentialsAgainstEmulatorTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    static final String SEED = """
            {"registry": {"sku": "Premium", "softDelete": {"enabled": false, "retentionDays": 7}},
             "repositories": [
              {"name": "app", "manifests": [
                {"id": "a1", "tags": ["v1"]},
                {"id": "gone", "tags": ["v0"], "deleted": true, "deletedAt": "-1d"}]},
              {"name": "other", "manifests": [{"id": "o1", "tags": ["v1"]}]}
            ]}
            """;
    private static final List<String> MUTATING = List.of("PATCH", "PUT", "POST", "DELETE");

    private static List<RequestLog.Entry> mutating(AcrEmulator emu) {
        return emu.requestLog().entries().stream().filter(e -> MUTATING.contains(e.method()))
                .filter(e -> !e.path().startsWith("/oauth2/")).toList();
    }

    private static RegistryConfig wrongPassword(AcrEmulator emu) {
        return EmulatorRegistries.config(emu).credential(null)
                .usernamePassword(emu.adminUsername(), ("x" + emu.adminPassword()).toCharArray()).build();
    }

    private static RegistryConfig expiredToken(AcrEmulator emu) {
        return EmulatorRegistries.config(emu).credential(EmulatorRegistries.token(emu.aadToken(Duration.ofMinutes(-5))))
                .build();
    }

    private static RegistryConfig scopedToOther(AcrEmulator emu) {
        emu.addScopedToken("ci", "ci-Secret-1", Map.of("other",
                Set.of("pull", "delete", "metadata_read", "metadata_write")));
        return EmulatorRegistries.config(emu).credential(null).usernamePassword("ci", "ci-Secret-1".toCharArray())
                .build();
    }

    /** Runs ensure, restore and a tag delete with the config; returns what each threw. */
    private static List<RuntimeException> runAll(AcrEmulator emu, RegistryConfig config) {
        String gone = emu.digestOf("app", "gone");
        try (AcrRegistry registry = Registries.open(config)) {
            emu.requestLog().clear();
            RuntimeException ensure = catching(() -> new SoftDeleteEnsure(registry, EngineLog.SILENT)
                    .ensure(SoftDeleteRequest.enable(14)));
            RuntimeException restore = catching(() -> new RestoreService(registry, EngineLog.SILENT)
                    .restore(RestoreRequest.digest("app", gone, "v0")));
            assertThat(mutating(emu)).as("ensure and restore send no mutating request").isEmpty();
            RuntimeException delete = catching(() -> registry.deleteTag("app", "v1"));
            assertThat(mutating(emu)).as("the DELETE went out only as the challenge round")
                    .allSatisfy(e -> assertThat(e.status()).isEqualTo(401));
            return List.of(ensure, restore, delete);
        } finally {
            // nothing changed: soft delete still off, the manifest still soft-deleted, the tag still live
            try (AcrRegistry admin = EmulatorRegistries.open(emu)) {
                assertThat(emu.registry().softDeleteEnabled()).isFalse();
                assertThat(admin.manifest("app", gone)).isEmpty();
                assertThat(admin.tag("app", "v1")).isPresent();
            }
        }
    }

    private static RuntimeException catching(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void shouldRefuseAWrongPasswordBeforeAnyChange() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);

        List<RuntimeException> e = runAll(emu, wrongPassword(emu));

        // ensure needs ARM, which a username/password cannot reach: refused before any call
        assertThat(e.get(0)).isExactlyInstanceOf(RegistryException.class)
                .hasMessageContaining("ARM needs an Azure AD credential");
        assertThat(e.get(1)).isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("Check the credential");
        assertThat(e.get(2)).isInstanceOf(AuthenticationFailedException.class);
        assertThat(e).allSatisfy(x -> assertThat(x.getMessage()).doesNotContain(emu.adminPassword()));
    }

    @Test
    void shouldRefuseAnExpiredAadTokenBeforeAnyChange() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);

        List<RuntimeException> e = runAll(emu, expiredToken(emu));

        assertThat(e.get(0)).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("read registry policies");
        assertThat(e.get(1)).isInstanceOf(AuthenticationFailedException.class);
        assertThat(e.get(2)).isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("Azure AD");
        assertThat(e).allSatisfy(x -> assertThat(x.getMessage()).doesNotContain("eyJ"));
    }

    @Test
    void shouldRefuseATokenScopedToAnotherRepositoryBeforeAnyChange() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);

        List<RuntimeException> e = runAll(emu, scopedToOther(emu));

        assertThat(e.get(0)).isExactlyInstanceOf(RegistryException.class)
                .hasMessageContaining("ARM needs an Azure AD credential");
        assertThat(e.get(1)).isInstanceOf(AuthorizationFailedException.class).hasMessageContaining("repository app")
                .hasMessageContaining("scope map");
        assertThat(e.get(2)).isInstanceOf(AuthorizationFailedException.class)
                .hasMessageContaining("repository:app:delete");
        assertThat(e).allSatisfy(x -> assertThat(x.getMessage()).doesNotContain("ci-Secret-1"));
    }
}
