package io.acrlifecycle.engine.registry;

/** HTTP 400: ACR or ARM rejected the request as invalid. */
public class InvalidRequestException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message, int status, String errorCode, Throwable cause) {
        super(message, status, errorCode, cause);
    }
}
