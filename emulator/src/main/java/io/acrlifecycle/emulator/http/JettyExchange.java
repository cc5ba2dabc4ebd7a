package io.acrlifecycle.emulator.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** A Jetty core request, response and callback as an {@link Exchange}; completes the callback exactly once. */
public final class JettyExchange implements Exchange {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final AtomicBoolean completed = new AtomicBoolean();
    private boolean bodyRead;

    public JettyExchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String rawPath() {
        String p = request.getHttpURI().getPath();
        return p == null || p.isEmpty() ? "/" : p;
    }

    @Override
    public String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    @Override
    public String requestHeader(String name) {
        return request.getHeaders().get(name);
    }

    @Override
    public int localPort() {
        return Request.getLocalPort(request);
    }

    @Override
    public byte[] readBody() throws IOException {
        bodyRead = true;
        return Content.Source.asInputStream(request).readAllBytes();
    }

    @Override
    public void respond(int status, Map<String, String> headers, byte[] body) {
        if (!completed.compareAndSet(false, true)) {
            throw new IllegalStateException("answered twice");
        }
        response.setStatus(status);
        HttpFields.Mutable fields = response.getHeaders();
        headers.forEach(fields::put);
        if (!bodyRead && !expectsContinue() && !consumeAvailable()) {
            // Answered before the body came (a 401 to a push): say so, rather than leave the client to find the
            // connection closed under its next request.
            fields.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        if (body == null || body.length == 0) {
            if (body != null) {
                fields.put(new HttpField("Content-Length", "0"));
            }
            response.write(true, null, callback);
        } else {
            fields.put(new HttpField("Content-Length", Integer.toString(body.length)));
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    /** Reads and drops what has arrived of an unread body without waiting; whether that was all of it. */
    private boolean consumeAvailable() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                return false;
            }
            chunk.release();
            if (Content.Chunk.isFailure(chunk)) {
                return false;
            }
            if (chunk.isLast()) {
                return true;
            }
        }
    }

    /** A client waiting for 100 Continue sends no body after a final answer: Jetty keeps such a connection. */
    private boolean expectsContinue() {
        String expect = request.getHeaders().get(HttpHeader.EXPECT);
        return expect != null && expect.equalsIgnoreCase("100-continue");
    }

    @Override
    public void drop() {
        if (completed.compareAndSet(false, true)) {
            request.getConnectionMetaData().getConnection().getEndPoint().close();
            callback.failed(new IOException("connection dropped by an injected fault"));
        }
    }

    /** Whether an answer went out or the connection was dropped. */
    public boolean completed() {
        return completed.get();
    }
}
