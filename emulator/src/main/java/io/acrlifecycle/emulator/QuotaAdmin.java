package io.acrlifecycle.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.emulator.base.AcrErrors;
import io.acrlifecycle.emulator.base.Json;
import io.acrlifecycle.emulator.http.Call;

/**
 * {@code /_emulator/quota}: GET shows the settings, the budgets in effect and the counters; POST sets (the seed's
 * {@code quota} object; absent fields keep their value); DELETE turns the quota off and zeroes the counters.
 */
final class QuotaAdmin {
    private QuotaAdmin() {
    }

    static void handle(Quotas quotas, Call c) {
        switch (c.method()) {
            case "GET" -> c.json(200, show(quotas));
            case "POST" -> {
                try {
                    quotas.set(QuotaSettings.fromJson(c.jsonBody("INVALID_REQUEST"), quotas.settings()));
                } catch (IllegalArgumentException e) {
                    throw AcrErrors.badRequest("INVALID_REQUEST", e.getMessage());
                }
                c.json(200, show(quotas));
            }
            default -> {
                quotas.reset();
                c.empty(204);
            }
        }
    }

    static ObjectNode show(Quotas quotas) {
        QuotaSettings s = quotas.settings();
        Quotas.Counts n = quotas.counts();
        ObjectNode o = Json.object().put("enabled", s.enabled()).put("window", s.window().toString())
                .put("readOps", quotas.readBudget()).put("writeOps", quotas.writeBudget())
                .put("retryAfter", s.retryAfter());
        o.putObject("served").put("reads", n.reads()).put("writes", n.writes());
        o.putObject("throttled").put("reads", n.throttledReads()).put("writes", n.throttledWrites());
        return o;
    }
}
