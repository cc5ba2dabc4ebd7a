package io.acrlifecycle.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.acrlifecycle.emulator.base.AcrErrors;
import io.acrlifecycle.emulator.base.AcrException;
import io.acrlifecycle.emulator.base.Json;
import io.acrlifecycle.emulator.service.ListParams;
import io.acrlifecycle.emulator.service.Listing;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One HTTP exchange: decoded path segments and query, and the ways the emulator answers. */
public final class Call {
    private final HttpExchange ex;
    private final String method;
    private final String path;
    private final List<String> segments;
    private final Map<String, List<String>> query;
    private final String rawQuery;
    private byte[] body;
    private int status;
    private Runnable beforeRespond = () -> { };
    private boolean responded;

    public Call(HttpExchange ex) {
        this.ex = ex;
        this.method = ex.getRequestMethod().toUpperCase();
        String raw = ex.getRequestURI().getRawPath();
        this.segments = new ArrayList<>();
        for (String s : raw.split("/", -1)) {
            segments.add(PathCodec.decode(s));
        }
        if (!segments.isEmpty() && segments.get(0).isEmpty()) {
            segments.remove(0);
        }
        if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty() && raw.length() > 1) {
            segments.remove(segments.size() - 1);
            trailingSlash = true;
        }
        this.path = "/" + String.join("/", segments) + (trailingSlash ? "/" : "");
        this.rawQuery = ex.getRequestURI().getRawQuery();
        this.query = parseQuery(rawQuery);
        ex.getResponseHeaders().set("Docker-Distribution-Api-Version", "registry/2.0");
        ex.getResponseHeaders().set("X-Ms-Correlation-Request-Id", UUID.randomUUID().toString());
    }

    private boolean trailingSlash;

    public String method() {
        return method;
    }

    /** The decoded path ({@code %2F} in a segment becomes {@code /}). */
    public String path() {
        return path;
    }

    public List<String> segments() {
        return segments;
    }

    public boolean trailingSlash() {
        return trailingSlash;
    }

    public String rawQuery() {
        return rawQuery == null ? "" : rawQuery;
    }

    public String query(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public List<String> queryAll(String name) {
        return query.getOrDefault(name, List.of());
    }

    public Map<String, String> querySingle() {
        Map<String, String> m = new LinkedHashMap<>();
        query.forEach((k, v) -> m.put(k, v.isEmpty() ? "" : v.get(0)));
        return m;
    }

    public String header(String name) {
        return ex.getRequestHeaders().getFirst(name);
    }

    public String authorization() {
        return header("Authorization");
    }

    /** The Host the client used (for the challenge realm, so token calls go where the client already connects). */
    public String host() {
        String h = header("Host");
        return h == null ? "127.0.0.1:" + ex.getLocalAddress().getPort() : h;
    }

    public byte[] body() {
        if (body == null) {
            try {
                body = ex.getRequestBody().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return body;
    }

    /** The body as JSON, or 400 with {@code code} naming what is wrong. */
    public JsonNode jsonBody(String code) {
        try {
            return Json.parse(body());
        } catch (IllegalArgumentException e) {
            throw AcrErrors.badRequest(code, "request body is not valid JSON: " + e.getMessage());
        }
    }

    /** Form fields of an {@code application/x-www-form-urlencoded} body. */
    public Map<String, List<String>> form() {
        return parseQuery(new String(body(), StandardCharsets.UTF_8));
    }

    public int status() {
        return status;
    }

    /** Whether an answer went out (or was started). */
    public boolean responded() {
        return responded;
    }

    /** Runs just before the status line goes out (the request log records there, so it is complete when the client reads). */
    public void beforeRespond(Runnable r) {
        beforeRespond = r;
    }

    private void respond(int code) {
        status = code;
        responded = true;
        beforeRespond.run();
    }

    public Headers responseHeaders() {
        return ex.getResponseHeaders();
    }

    /** n (validated: a positive integer), last and orderby (timedesc|timeasc|empty). */
    public ListParams listParams() {
        String n = query("n");
        int size = ListParams.DEFAULT_N;
        if (n != null) {
            try {
                size = Integer.parseInt(n.trim());
            } catch (NumberFormatException e) {
                throw AcrErrors.paginationNumberInvalid(n);
            }
            if (size < 1) {
                throw AcrErrors.paginationNumberInvalid(n);
            }
        }
        String orderby = query("orderby");
        if (orderby != null && !orderby.isEmpty() && !orderby.equals("timedesc") && !orderby.equals("timeasc")
                && !orderby.equals("none")) {
            throw AcrErrors.badRequest("ORDERBY_INVALID", "orderby '" + orderby + "' is invalid; accepted: timedesc, timeasc");
        }
        String last = query("last");
        return new ListParams(last == null || last.isEmpty() ? null : last, size, orderby);
    }

    /** Writes a listing with ACR's {@code Link: <path?last=X&n=N&orderby=>; rel="next"} when more follow. */
    public void listing(Listing l, String linkPath, ListParams p) {
        listing(l, linkPath, p, false);
    }

    /** With {@code linkInBody}, the next link also goes into the body's {@code link} (the Java SDK pages the catalog by it). */
    public void listing(Listing l, String linkPath, ListParams p, boolean linkInBody) {
        listing(l, linkPath, p, linkInBody, null, null);
    }

    /**
     * A listing filtered by query parameter {@code filter} = {@code value} (e.g. {@code _tags?digest=}): the next
     * link carries the filter too, or the SDK's second page would list everything.
     */
    public void listing(Listing l, String linkPath, ListParams p, String filter, String value) {
        listing(l, linkPath, p, false, filter, value);
    }

    private void listing(Listing l, String linkPath, ListParams p, boolean linkInBody, String filter, String value) {
        if (l.nextLast() != null) {
            String next = linkPath + "?last=" + PathCodec.encodeQuery(l.nextLast()) + "&n=" + p.n() + "&orderby="
                    + (p.orderby() == null || p.orderby().equals("none") ? "" : p.orderby())
                    + (value == null || value.isEmpty() ? "" : "&" + filter + "=" + PathCodec.encodeQuery(value));
            ex.getResponseHeaders().set("Link", "<" + next + ">; rel=\"next\"");
            if (linkInBody) {
                l.body().put("link", next);
            }
        }
        json(200, l.body());
    }

    public void json(int code, JsonNode node) {
        json(code, Json.write(node));
    }

    public void json(int code, String json) {
        send(code, json.getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8");
    }

    public void send(int code, byte[] bytes, String contentType) {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        try {
            respond(code);
            if ("HEAD".equals(method)) {
                ex.getResponseHeaders().set("Content-Length", Long.toString(bytes.length));
                ex.sendResponseHeaders(code, -1);
            } else if (bytes.length == 0) {
                ex.sendResponseHeaders(code, -1);
            } else {
                ex.sendResponseHeaders(code, bytes.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ex.close();
        }
    }

    /** A HEAD answer whose Content-Length header the caller has set. */
    public void headOnly(int code) {
        try {
            respond(code);
            ex.sendResponseHeaders(code, -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ex.close();
        }
    }

    /** A response without a body (202, 201, 204). */
    public void empty(int code) {
        send(code, new byte[0], null);
    }

    public void header(String name, String value) {
        ex.getResponseHeaders().set(name, value);
    }

    public void error(AcrException e) {
        e.headers().forEach(this::header);
        json(e.status(), e.body());
    }

    static Map<String, List<String>> parseQuery(String q) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        if (q == null || q.isEmpty()) {
            return m;
        }
        for (String pair : q.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                m.computeIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), x -> new ArrayList<>())
                        .add(URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw AcrErrors.badRequest("INVALID_REQUEST", "malformed query parameter '" + k + "'");
            }
        }
        return m;
    }

}
