package io.acrlifecycle.engine.purge.journal;

/**
 * A file given as a purge journal that cannot be one: missing, a directory, binary, empty, or lines that are not
 * journal records. Thrown before any request, so nothing was changed. The message names the file, the line and what
 * a journal looks like; it never quotes the file's content (a wrong file may hold secrets).
 */
public class JournalException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** What a journal looks like, for messages. */
    public static final String ACCEPTED = "accepted: the JSON-lines journal a purge --execute wrote, one record a "
            + "line: {\"type\":\"run\",...} then {\"type\":\"intent\",\"op\":\"delete\",\"repository\":...} and "
            + "{\"type\":\"outcome\",...}";

    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
