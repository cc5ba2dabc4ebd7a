package io.acrlifecycle.engine.registry;

/** HTTP 429: ACR throttled the requests and retries were exhausted. */
public class ThrottledException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public ThrottledException(String message, int status, String errorCode, Throwable cause) {
        super(message, status, errorCode, cause);
    }
}
