package io.acrlifecycle.emulator.http;

import java.io.IOException;
import java.util.Map;

/**
 * One HTTP request and its answer, as the transport hands it to a {@link Call}: the seam between the emulator's
 * handlers and the HTTP server ({@link JettyExchange}).
 */
public interface Exchange {
    String method();

    /** The path as sent, still percent-encoded ({@code %2F} stays {@code %2F}). */
    String rawPath();

    /** The query as sent, or null. */
    String rawQuery();

    /** The first value of a request header (any case), or null. */
    String requestHeader(String name);

    int localPort();

    /** The whole request body (blocking). */
    byte[] readBody() throws IOException;

    /**
     * Sends the answer and completes the exchange. {@code body} null: no body, and a {@code Content-Length} among
     * {@code headers} is sent as it is (a HEAD answer).
     */
    void respond(int status, Map<String, String> headers, byte[] body);

    /** Closes the connection without an answer (an injected fault). */
    void drop();
}
