package io.acrlifecycle.engine.registry;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes path segments the way the Java SDK does (azure-core {@code UrlEscapers.PATH_ESCAPER}: unreserved,
 * sub-delims, {@code :} and {@code @} stay raw), so a repository {@code team/app} goes out as {@code team%2Fapp}
 * and a digest {@code sha256:...} stays as it is.
 */
final class Paths {
    private static final String SAFE = "-._~!$&'()*+,;=:@";

    private Paths() {
    }

    static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || SAFE.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** Encodes a query parameter value (form style without {@code +} for space). */
    static String query(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
