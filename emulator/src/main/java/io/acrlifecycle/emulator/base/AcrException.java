package io.acrlifecycle.emulator.base;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** An ACR error answer (status, one {@code errors[]} entry, extra headers); built only by {@link AcrErrors}. */
public final class AcrException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final transient JsonNode detail;
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    AcrException(int status, String code, String message, JsonNode detail) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public JsonNode detail() {
        return detail;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public AcrException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The body ACR sends: {@code {"errors":[{"code","message","detail"}]}}. */
    public String body() {
        var err = Json.object().put("code", code).put("message", getMessage());
        err.set("detail", detail == null ? Json.object() : detail);
        var root = Json.object();
        root.putArray("errors").add(err);
        return Json.write(root);
    }
}
