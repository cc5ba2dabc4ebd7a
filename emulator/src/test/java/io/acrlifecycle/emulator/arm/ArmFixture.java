package io.acrlifecycle.emulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** One emulated registry's ARM function, a movable clock and helpers to call it like a client would. */
final class ArmFixture {
    static final String SUB = "00000000-0000-0000-0000-000000000000";
    static final String ID = "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/myregistry";
    static final String PREVIEW = "2025-05-01-preview";
    static final String STABLE = "2025-11-01";
    static final String TASKS = "2019-06-01-preview";
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final RegistryResource registry = new RegistryResource();
    final AtomicReference<Instant> clock = new AtomicReference<>(T0);
    final AtomicLong storage = new AtomicLong(123_456);
    final ArmApi api = new ArmApi(registry, ID, "myregistry.azurecr.io", storage::get, clock::get);

    ArmFixture() {
        registry.reset(T0);
    }

    /** A parsed answer. */
    record Reply(int status, JsonNode json) {
        String code() {
            return json.path("error").path("code").asText(null);
        }

        String message() {
            return json.path("error").path("message").asText(null);
        }
    }

    Reply call(String method, String path, String apiVersion, String body) {
        Map<String, String> query = apiVersion == null ? Map.of() : Map.of("api-version", apiVersion);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ArmResponse response = api.handle(method, path, query, bytes);
        try {
            return new Reply(response.status(), MAPPER.readTree(response.json()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply get(String apiVersion) {
        return call("GET", ID, apiVersion, null);
    }

    Reply patch(String apiVersion, String body) {
        return call("PATCH", ID, apiVersion, body);
    }

    Reply put(String apiVersion, String body) {
        return call("PUT", ID, apiVersion, body);
    }

    /** PATCH {@code {"properties":{"policies":POLICIES}}} with the preview version. */
    Reply patchPolicies(String policiesJson) {
        return patch(PREVIEW, "{\"properties\":{\"policies\":" + policiesJson + "}}");
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
