package io.acrlifecycle.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.base.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A raw HTTPS client for tests: java.net.http with the emulator's CA, tokens from the password grant. */
final class RawClient {
    final AcrEmulator emu;
    final HttpClient http;
    final String user;
    final String password;

    RawClient(AcrEmulator emu) {
        this(emu, emu.adminUsername(), emu.adminPassword());
    }

    RawClient(AcrEmulator emu, String user, String password) {
        this.emu = emu;
        this.user = user;
        this.password = password;
        this.http = HttpClient.newBuilder().sslContext(emu.sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** An access token for the given scopes via {@code grant_type=password}. */
    String token(String... scopes) {
        StringBuilder form = new StringBuilder("grant_type=password&service=").append(enc(emu.loginServer()))
                .append("&username=").append(enc(user)).append("&password=").append(enc(password));
        for (String s : scopes) {
            form.append("&scope=").append(enc(s));
        }
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token: " + r.statusCode() + " " + r.body());
        }
        return json(r).path("access_token").asText();
    }

    HttpResponse<String> call(String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b.build());
    }

    /** A PUT of raw bytes (a manifest push, an upload) with a Bearer token. */
    HttpResponse<String> put(String path, String contentType, byte[] body, String token) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** An ARM call on the registry resource ({@code suffix} after the resource id) with an AAD Bearer token. */
    HttpResponse<String> arm(String method, String suffix, String body) {
        return send(HttpRequest.newBuilder(uri(emu.resourceId() + suffix)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + emu.aadToken()).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> basic(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest r) {
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create(emu.endpoint() + path);
    }

    static JsonNode json(HttpResponse<String> r) {
        return Json.parse(r.body());
    }

    static String errorCode(HttpResponse<String> r) {
        return json(r).path("errors").path(0).path("code").asText();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
