package io.acrlifecycle.engine.registry;

/** HTTP 404: the registry, repository, tag or manifest does not exist. */
public class NotFoundException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message, int status, String errorCode, Throwable cause) {
        super(message, status, errorCode, cause);
    }
}
