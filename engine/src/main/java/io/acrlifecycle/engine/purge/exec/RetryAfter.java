package io.acrlifecycle.engine.purge.exec;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Reads {@code Retry-After} from the HTTP response behind a registry exception, when the cause chain has one. */
final class RetryAfter {
    private RetryAfter() {
    }

    static Duration from(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpResponseException h && h.getResponse() != null) {
                Duration d = parse(h.getResponse());
                if (d != null) {
                    return d;
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private static Duration parse(HttpResponse r) {
        String v = r.getHeaders().getValue(com.azure.core.http.HttpHeaderName.fromString("Retry-After"));
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException ignored) {
                return null;
            }
        }
    }
}
