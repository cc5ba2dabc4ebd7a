package io.acrlifecycle.engine.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed {@code WWW-Authenticate: Bearer realm="...",service="...",scope="..."} challenge. The scope may hold
 * several space-separated scopes and commas inside quotes ({@code repository:a:pull,delete}), so this is a small
 * quoted-string parser rather than a split on commas.
 */
public record Challenge(String scheme, String realm, String service, String scope) {

    /** Parses the header; null when it is missing or not a Bearer/Basic challenge. */
    public static Challenge parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String text = header.trim();
        int space = text.indexOf(' ');
        String scheme = space < 0 ? text : text.substring(0, space);
        if (!scheme.equalsIgnoreCase("Bearer") && !scheme.equalsIgnoreCase("Basic")) {
            return null;
        }
        Map<String, String> params = params(space < 0 ? "" : text.substring(space + 1));
        return new Challenge(scheme.toLowerCase(Locale.ROOT), params.get("realm"), params.get("service"),
                params.get("scope"));
    }

    static Map<String, String> params(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ',' || Character.isWhitespace(text.charAt(i)))) {
                i++;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = text.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                i++;
            } else {
                while (i < n && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            out.put(key, value.toString().trim());
        }
        return out;
    }
}
