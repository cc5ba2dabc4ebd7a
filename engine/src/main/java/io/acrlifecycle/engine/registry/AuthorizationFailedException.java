package io.acrlifecycle.engine.registry;

/** HTTP 403: the identity lacks a role or permission. */
public class AuthorizationFailedException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public AuthorizationFailedException(String message, int status, String errorCode, Throwable cause) {
        super(message, status, errorCode, cause);
    }
}
