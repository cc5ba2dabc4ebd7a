package io.acrlifecycle.engine.registry;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.engine.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;

/** Raw REST on an azure-core pipeline: send, read JSON, page through {@code Link} headers, map errors. */
final class Rest {
    private final HttpPipeline pipeline;
    private final String base;
    private final String registry;

    record Answer(int status, HttpHeaders headers, byte[] body) {
        JsonNode json() {
            try {
                return body.length == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new RegistryException("the registry answered HTTP " + status + " with a body that is not JSON",
                        status, null, e);
            }
        }

        String header(String name) {
            return headers.getValue(HttpHeaderName.fromString(name));
        }
    }

    Rest(HttpPipeline pipeline, String base, String registry) {
        this.pipeline = pipeline;
        this.base = base.replaceFirst("/+$", "");
        this.registry = registry;
    }

    String registry() {
        return registry;
    }

    HttpPipeline pipeline() {
        return pipeline;
    }

    /** Sends the request; statuses in {@code ok} come back as an Answer, anything else is thrown as typed error. */
    Answer send(HttpMethod method, String pathAndQuery, String accept, String contentType, byte[] body,
            Operation op, Set<Integer> ok) {
        HttpRequest request = new HttpRequest(method, base + pathAndQuery);
        request.setHeader(HttpHeaderName.ACCEPT, accept == null ? "application/json" : accept);
        if (body != null) {
            request.setHeader(HttpHeaderName.CONTENT_TYPE, contentType == null ? "application/json" : contentType);
            request.setBody(BinaryData.fromBytes(body));
        }
        Answer answer;
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            BinaryData data = method == HttpMethod.HEAD ? null : response.getBodyAsBinaryData();
            answer = new Answer(response.getStatusCode(), response.getHeaders(),
                    data == null ? new byte[0] : data.toBytes());
        } catch (RegistryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw RegistryErrors.unavailable(registry, op, e);
        }
        if (ok.contains(answer.status())) {
            return answer;
        }
        if (answer.status() == 401 && request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION) != null
                && !request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION).startsWith("Basic")) {
            Challenge c = Challenge.parse(answer.header("WWW-Authenticate"));
            if (c != null && c.scope() != null) {
                throw RegistryErrors.insufficientScope(registry, op, c.scope());
            }
        }
        throw RegistryErrors.fromResponse(registry, op, answer.status(),
                new String(answer.body(), StandardCharsets.UTF_8), AcrRetryPolicy.serverDelay(answer.headers()));
    }

    Answer get(String pathAndQuery, Operation op, Set<Integer> ok) {
        return send(HttpMethod.GET, pathAndQuery, null, null, null, op, ok);
    }

    JsonNode getJson(String pathAndQuery, Operation op) {
        return get(pathAndQuery, op, Set.of(200)).json();
    }

    /**
     * A lazy listing: GETs {@code firstPage}, maps {@code arrayField} items, follows {@code Link rel="next"},
     * and stops on a missing Link or an empty page (acr-cli's rule, which also protects against a server that
     * keeps sending the same Link).
     */
    <T> Iterable<T> paged(String firstPage, String arrayField, Operation op, Function<JsonNode, T> mapper) {
        return () -> new Iterator<T>() {
            private String nextPage = firstPage;
            private Iterator<JsonNode> current = List.<JsonNode>of().iterator();
            private int pages;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && nextPage != null) {
                    if (++pages > 100_000) {
                        throw new IllegalStateException("more than 100000 pages in one listing: stopping");
                    }
                    Answer a = get(nextPage, op, Set.of(200));
                    JsonNode items = a.json().path(arrayField);
                    List<JsonNode> list = new java.util.ArrayList<>();
                    items.forEach(list::add);
                    current = list.iterator();
                    String link = Links.next(a.header("Link"));
                    nextPage = list.isEmpty() || link == null ? null : relative(link);
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return mapper.apply(current.next());
            }
        };
    }

    /** Next links are relative to the endpoint; an absolute one is reduced to its path and query. */
    private static String relative(String link) {
        if (link.startsWith("http://") || link.startsWith("https://")) {
            java.net.URI u = java.net.URI.create(link);
            return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        }
        return link.startsWith("/") ? link : "/" + link;
    }
}
