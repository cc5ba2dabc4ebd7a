package io.acrlifecycle.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One injected fault: a status (with optional {@code Retry-After}), added latency, or a dropped connection, for
 * requests whose method matches ({@code null} = any) and whose decoded path fully matches a regex. It fires on
 * every match, on a fraction ({@link #rate(double)}) or a number of times ({@link #times(int)}). Immutable.
 */
public final class FaultRule {
    /**
     * What the fault does. {@code DROP} closes the connection before the request is applied;
     * {@code DROP_AFTER_APPLY} applies it (a delete is done) and closes the connection instead of answering: the
     * client never learns that it succeeded.
     */
    public enum Kind { STATUS, LATENCY, DROP, DROP_AFTER_APPLY }

    private final Kind kind;
    private final String method;
    private final Pattern path;
    private final int status;
    private final Integer retryAfterSeconds;
    private final String errorCode;
    private final Duration latency;
    private final double rate;
    private final int times;

    private FaultRule(Kind kind, String method, Pattern path, int status, Integer retryAfterSeconds, String errorCode,
            Duration latency, double rate, int times) {
        this.kind = kind;
        this.method = method;
        this.path = path;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.errorCode = errorCode;
        this.latency = latency;
        this.rate = rate;
        this.times = times;
    }

    /** Answers {@code status} (429 gets ACR's TOOMANYREQUESTS body). */
    public static FaultRule status(String method, String pathRegex, int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " is not an error status; accepted: 400..599");
        }
        return new FaultRule(Kind.STATUS, method, compile(pathRegex), status, null, null, null, 1.0, -1);
    }

    /** Delays matching requests, then serves them normally. */
    public static FaultRule latency(String method, String pathRegex, Duration latency) {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency: must be zero or positive");
        }
        return new FaultRule(Kind.LATENCY, method, compile(pathRegex), 0, null, null, latency, 1.0, -1);
    }

    /** Closes the connection without any response. */
    public static FaultRule drop(String method, String pathRegex) {
        return new FaultRule(Kind.DROP, method, compile(pathRegex), 0, null, null, null, 1.0, -1);
    }

    /** Applies the request, then closes the connection without the response ("delete applied, response lost"). */
    public static FaultRule dropAfterApply(String method, String pathRegex) {
        return new FaultRule(Kind.DROP_AFTER_APPLY, method, compile(pathRegex), 0, null, null, null, 1.0, -1);
    }

    public FaultRule retryAfterSeconds(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds: " + seconds + " is negative");
        }
        return new FaultRule(kind, method, path, status, seconds, errorCode, latency, rate, times);
    }

    /** Overrides the error code in the body (default: TOOMANYREQUESTS for 429, INTERNAL_SERVER_ERROR for 5xx). */
    public FaultRule errorCode(String code) {
        return new FaultRule(kind, method, path, status, retryAfterSeconds, code, latency, rate, times);
    }

    /** Fires on this fraction of matching requests (0..1). */
    public FaultRule rate(double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate: " + rate + " is not within 0..1");
        }
        return new FaultRule(kind, method, path, status, retryAfterSeconds, errorCode, latency, rate, times);
    }

    /** Fires on the first {@code n} matching requests only. */
    public FaultRule times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times: " + n + " must be at least 1");
        }
        return new FaultRule(kind, method, path, status, retryAfterSeconds, errorCode, latency, rate, n);
    }

    public Kind kind() {
        return kind;
    }

    public String method() {
        return method;
    }

    public String pathRegex() {
        return path.pattern();
    }

    public int status() {
        return status;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public String errorCode() {
        return errorCode;
    }

    public Duration latency() {
        return latency;
    }

    public double rate() {
        return rate;
    }

    /** -1 = unlimited. */
    public int times() {
        return times;
    }

    boolean matches(String requestMethod, String decodedPath) {
        return (method == null || method.equalsIgnoreCase(requestMethod)) && path.matcher(decodedPath).matches();
    }

    private static Pattern compile(String regex) {
        return Pattern.compile(Objects.requireNonNullElse(regex, ".*"));
    }

    @Override
    public String toString() {
        return kind + " " + (method == null ? "*" : method) + " " + path.pattern()
                + (kind == Kind.STATUS ? " " + status : kind == Kind.LATENCY ? " " + latency : "");
    }
}
