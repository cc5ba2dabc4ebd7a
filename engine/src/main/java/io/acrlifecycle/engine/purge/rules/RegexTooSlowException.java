package io.acrlifecycle.engine.purge.rules;

/**
 * A user's expression backtracked past its budget on one input. Java's regex engine has no timeout, so
 * {@link UserPattern} counts character reads and aborts the match instead of hanging the purge.
 */
public class RegexTooSlowException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public RegexTooSlowException(String message) {
        super(message);
    }
}
