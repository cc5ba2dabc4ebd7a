package io.acrlifecycle.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.emulator.base.AcrErrors;
import io.acrlifecycle.emulator.base.Json;
import io.acrlifecycle.emulator.http.Call;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Control endpoint for standalone use, under {@code /_emulator/}, for the admin user only (Basic auth): clock,
 * faults, quota, request log, seed, reset and seed digests. Exempt from faults.
 */
final class AdminHandler {
    private final AcrEmulator emu;

    AdminHandler(AcrEmulator emu) {
        this.emu = emu;
    }

    void handle(Call c) {
        String a = c.authorization();
        if (a == null || !a.regionMatches(true, 0, "Basic ", 0, 6) || !emu.isAdmin(a.substring(6).trim())) {
            throw AcrErrors.unauthorized("the control endpoint needs the admin user's Basic credentials", Json.array())
                    .header("WWW-Authenticate", "Basic realm=\"acr-emulator\"");
        }
        String what = c.segments().size() >= 2 ? c.segments().get(1) : "";
        String key = c.method() + " " + what;
        switch (key) {
            case "GET clock" -> c.json(200, clock());
            case "POST clock" -> {
                JsonNode b = c.jsonBody("INVALID_REQUEST");
                try {
                    if (b.has("set")) {
                        emu.clock().set(Instant.parse(b.get("set").asText()));
                    } else if (b.has("advance")) {
                        emu.clock().advance(Duration.parse(b.get("advance").asText()));
                    } else if (b.path("reset").asBoolean(false)) {
                        emu.clock().reset();
                    } else {
                        throw AcrErrors.badRequest("INVALID_REQUEST", "accepted: {\"advance\":\"PT24H\"}, {\"set\":\"2026-01-01T00:00:00Z\"}, {\"reset\":true}");
                    }
                } catch (DateTimeParseException e) {
                    throw AcrErrors.badRequest("INVALID_REQUEST", "clock: '" + e.getParsedString()
                            + "' is not an ISO-8601 instant or duration (PT24H, P7D)");
                }
                c.json(200, clock());
            }
            case "GET faults" -> {
                ArrayNode arr = Json.array();
                emu.faults().rules().forEach(r -> arr.add(r.toString()));
                c.json(200, arr);
            }
            case "POST faults" -> {
                emu.faults().add(rule(c.jsonBody("INVALID_REQUEST")));
                c.empty(204);
            }
            case "DELETE faults" -> {
                emu.faults().clear();
                c.empty(204);
            }
            case "GET quota", "POST quota", "DELETE quota" -> QuotaAdmin.handle(emu.quotas(), c);
            case "GET requests" -> {
                ArrayNode arr = Json.array();
                for (RequestLog.Entry e : emu.requestLog().entries()) {
                    arr.addObject().put("at", e.at().toString()).put("method", e.method()).put("path", e.path())
                            .put("query", e.query()).put("status", e.status());
                }
                c.json(200, arr);
            }
            case "DELETE requests" -> {
                emu.requestLog().clear();
                c.empty(204);
            }
            case "POST seed" -> {
                try {
                    emu.seed(new String(c.body(), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw AcrErrors.badRequest("INVALID_SEED", e.getMessage());
                }
                c.empty(204);
            }
            case "POST reset" -> {
                emu.reset();
                c.empty(204);
            }
            case "GET digest" -> {
                try {
                    c.json(200, Json.object().put("digest", emu.digestOf(c.query("repo"), c.query("id"))));
                } catch (IllegalArgumentException e) {
                    throw AcrErrors.badRequest("INVALID_REQUEST", e.getMessage());
                }
            }
            default -> throw AcrErrors.methodUnknown(c.method(), c.path());
        }
    }

    private ObjectNode clock() {
        return Json.object().put("now", emu.clock().now().toString()).put("offset", emu.clock().offset().toString());
    }

    /** {"kind":"status|latency|drop|drop-after-apply","method","path","status","retryAfterSeconds","latencyMs","times","rate","code"} */
    static FaultRule rule(JsonNode b) {
        String method = b.path("method").isTextual() ? b.get("method").asText() : null;
        String path = b.path("path").asText(".*");
        String kind = b.path("kind").asText(b.has("status") ? "status" : b.has("latencyMs") ? "latency" : "drop");
        FaultRule r;
        try {
            r = switch (kind) {
                case "status" -> FaultRule.status(method, path, b.path("status").asInt(429));
                case "latency" -> FaultRule.latency(method, path, Duration.ofMillis(b.path("latencyMs").asLong(0)));
                case "drop" -> FaultRule.drop(method, path);
                case "drop-after-apply" -> FaultRule.dropAfterApply(method, path);
                default -> throw new IllegalArgumentException("kind: '" + kind + "' is not one of status, latency, drop,"
                        + " drop-after-apply");
            };
            if (b.has("retryAfterSeconds")) {
                r = r.retryAfterSeconds(b.get("retryAfterSeconds").asInt());
            }
            if (b.has("code")) {
                r = r.errorCode(b.get("code").asText());
            }
            if (b.has("times")) {
                r = r.times(b.get("times").asInt());
            }
            if (b.has("rate")) {
                r = r.rate(b.get("rate").asDouble());
            }
        } catch (IllegalArgumentException e) {
            throw AcrErrors.badRequest("INVALID_REQUEST", e.getMessage());
        }
        return r;
    }
}
