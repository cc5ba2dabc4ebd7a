package io.acrlifecycle.engine.registry;

/** HTTP 405: the item is locked (deleteEnabled or writeEnabled is false). */
public class LockedException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public LockedException(String message, int status, String errorCode, Throwable cause) {
        super(message, status, errorCode, cause);
    }
}
