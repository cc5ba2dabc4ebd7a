package io.acrlifecycle.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistryErrorsTest {

    @Test
    void shouldMapStatusesToTypedExceptionsNamingRegistryRepositoryOperationAndCode() {
        RegistryException e = RegistryErrors.fromResponse("r.azurecr.io",
                new Operation("delete tag v1", "team/app", Operation.Kind.DELETE), 405,
                "{\"errors\":[{\"code\":\"REGISTRY_DISALLOWED_OPERATION\",\"message\":\"The operation is disallowed\"}]}");

        assertThat(e).isInstanceOf(LockedException.class);
        assertThat(e.status()).isEqualTo(405);
        assertThat(e.errorCode()).isEqualTo("REGISTRY_DISALLOWED_OPERATION");
        assertThat(e.getMessage()).contains("delete tag v1", "r.azurecr.io", "team/app", "405",
                "REGISTRY_DISALLOWED_OPERATION", "locked", "--delete-enabled true");
    }

    @Test
    void shouldNameTheMissingRoleOn403() {
        RegistryException delete = RegistryErrors.fromResponse("r", new Operation("delete", "a",
                Operation.Kind.DELETE), 403, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"no\"}]}");
        RegistryException read = RegistryErrors.fromResponse("r", Operation.read("list", "a"), 403, "");
        RegistryException arm = RegistryErrors.fromResponse("r", new Operation("patch", null,
                Operation.Kind.ARM_WRITE), 403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"x\"}}");

        assertThat(delete).isInstanceOf(AuthorizationFailedException.class);
        assertThat(delete.getMessage()).contains("AcrDelete");
        assertThat(read.getMessage()).contains("AcrPull", "Container Registry Data Importer and Data Reader");
        assertThat(arm.getMessage()).contains("Contributor", "AuthorizationFailed");
    }

    @Test
    void shouldCoverEveryTypedStatus() {
        Operation op = Operation.read("x", null);
        assertThat(RegistryErrors.fromResponse("r", op, 400, "")).isInstanceOf(InvalidRequestException.class);
        assertThat(RegistryErrors.fromResponse("r", op, 401, "")).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("Check the credential");
        assertThat(RegistryErrors.fromResponse("r", op, 404, "")).isInstanceOf(NotFoundException.class);
        assertThat(RegistryErrors.fromResponse("r", op, 409, "")).isInstanceOf(ConflictException.class);
        assertThat(RegistryErrors.fromResponse("r", op, 429, "")).isInstanceOf(ThrottledException.class);
        assertThat(RegistryErrors.fromResponse("r", op, 503, "not json")).isInstanceOf(
                RegistryUnavailableException.class);
        assertThat(RegistryErrors.unavailable("r", op, new java.io.IOException("x")).status()).isZero();
    }
}
