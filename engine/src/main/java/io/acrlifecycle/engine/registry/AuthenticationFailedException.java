package io.acrlifecycle.engine.registry;

/** HTTP 401: the credential was refused. */
public class AuthenticationFailedException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public AuthenticationFailedException(String message, int status, String errorCode, Throwable cause) {
        super(message, status, errorCode, cause);
    }
}
