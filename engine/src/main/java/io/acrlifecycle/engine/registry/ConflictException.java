package io.acrlifecycle.engine.registry;

/** HTTP 409: the change conflicts with the registry's current state. */
public class ConflictException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message, int status, String errorCode, Throwable cause) {
        super(message, status, errorCode, cause);
    }
}
