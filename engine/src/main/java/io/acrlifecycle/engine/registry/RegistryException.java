package io.acrlifecycle.engine.registry;

/**
 * A failed registry call. The message names the registry, repository, operation, HTTP status, ACR's error code
 * and what to do; it never contains a token, password or secret.
 */
public class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;

    public RegistryException(String message, int status, String errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** ACR's error code ({@code MANIFEST_UNKNOWN}, {@code REGISTRY_DISALLOWED_OPERATION}, ...) or null. */
    public String errorCode() {
        return errorCode;
    }
}
