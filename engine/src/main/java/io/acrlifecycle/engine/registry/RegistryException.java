package io.acrlifecycle.engine.registry;

/**
 * A failed registry call. The message names the registry, repository, operation, HTTP status, ACR's error code
 * and what to do; it never contains a token, password or secret.
 */
public class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    // set once, where the exception is made from the answer that asked for it; transient: Duration is serializable
    // but an exception's extra state should not matter to anyone who deserializes it
    private transient java.time.Duration retryAfter;

    public RegistryException(String message, int status, String errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** With the wait the registry asked for (see {@link #retryAfter()}); null when it asked nothing. */
    public RegistryException(String message, int status, String errorCode, Throwable cause,
            java.time.Duration retryAfter) {
        this(message, status, errorCode, cause);
        this.retryAfter = retryAfter;
    }

    /** HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /**
     * How long the registry asked callers to wait ({@code Retry-After}, {@code retry-after-ms},
     * {@code x-ms-retry-after-ms}) on the answer that ended the retries, or null when it asked nothing. The registry
     * layer has already retried; this only tells a caller's own pacing (the purge's gate) how long to hold back.
     */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    RegistryException retryAfter(java.time.Duration d) {
        this.retryAfter = d;
        return this;
    }

    /** ACR's error code ({@code MANIFEST_UNKNOWN}, {@code REGISTRY_DISALLOWED_OPERATION}, ...) or null. */
    public String errorCode() {
        return errorCode;
    }
}
