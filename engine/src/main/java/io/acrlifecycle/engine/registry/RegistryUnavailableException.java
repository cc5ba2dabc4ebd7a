package io.acrlifecycle.engine.registry;

/** HTTP 5xx or no response: the registry could not be reached. */
public class RegistryUnavailableException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message, int status, String errorCode, Throwable cause) {
        super(message, status, errorCode, cause);
    }
}
