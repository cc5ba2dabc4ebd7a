package io.acrlifecycle.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Encodes a compact JSON text so that its standard base64 form has no {@code +}, {@code /} or {@code =}: the
 * result then decodes the same with the standard alphabet (what the Java SDK uses) and the URL-safe one (what
 * most JWT libraries use). It chooses, per character, between equivalent JSON spellings: the raw character or a
 * {@code \\uXXXX} escape in lower or upper case inside strings, and optional whitespace between tokens.
 */
final class CleanBase64 {
    private static final int MAX_STEPS = 200_000;
    private static final String[] WHITESPACE = {"", " ", "\n", "\t", "\r", "  "};

    private CleanBase64() {
    }

    static String encode(String compactJson) {
        List<String[]> units = units(compactJson);
        StringBuilder bytes = search(units);
        if (bytes == null) {
            // Practically unreachable; standard base64 is still what the SDK needs.
            return Base64.getEncoder().withoutPadding().encodeToString(compactJson.getBytes(StandardCharsets.UTF_8));
        }
        return Base64.getEncoder().encodeToString(bytes.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Depth-first choice of spellings, iterative (payloads can have thousands of units); the result holds
     * ISO-8859-1 chars standing for UTF-8 bytes, or null when no choice is clean within the step budget.
     */
    private static StringBuilder search(List<String[]> units) {
        int n = units.size();
        int[] choice = new int[n];
        int[] start = new int[n + 1];
        StringBuilder bytes = new StringBuilder();
        int i = 0;
        int steps = 0;
        while (i >= 0) {
            if (++steps > MAX_STEPS) {
                return null;
            }
            if (i == n) {
                if (bytes.length() % 3 == 0) {
                    return bytes;
                }
                i--;
                choice[i]++;
                continue;
            }
            if (choice[i] >= units.get(i).length) {
                choice[i] = 0;
                i--;
                if (i >= 0) {
                    choice[i]++;
                }
                continue;
            }
            bytes.setLength(start[i]);
            bytes.append(units.get(i)[choice[i]]);
            if (cleanFrom(bytes, groupStart(start[i]))) {
                start[i + 1] = bytes.length();
                i++;
                if (i < n) {
                    choice[i] = 0;
                }
            } else {
                choice[i]++;
            }
        }
        return null;
    }

    private static int groupStart(int pos) {
        return pos - pos % 3;
    }

    /** Checks every complete 3-byte group from {@code from} on. */
    private static boolean cleanFrom(StringBuilder b, int from) {
        for (int g = Math.max(0, from); g + 3 <= b.length(); g += 3) {
            int v = (b.charAt(g) << 16) | (b.charAt(g + 1) << 8) | b.charAt(g + 2);
            for (int shift = 18; shift >= 0; shift -= 6) {
                int s = (v >> shift) & 63;
                if (s == 62 || s == 63) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Each unit: equivalent spellings, as ISO-8859-1 strings standing for UTF-8 bytes. */
    private static List<String[]> units(String json) {
        List<String[]> units = new ArrayList<>();
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (!inString) {
                units.add(new String[] {String.valueOf(c)});
                if (c == '"') {
                    inString = true;
                } else {
                    units.add(WHITESPACE);
                }
                continue;
            }
            if (c == '"') {
                units.add(new String[] {"\""});
                inString = false;
                continue;
            }
            String raw;
            char value;
            if (c == '\\') {
                char e = json.charAt(i + 1);
                if (e == 'u') {
                    raw = json.substring(i, i + 6);
                    value = (char) Integer.parseInt(json.substring(i + 2, i + 6), 16);
                    i += 5;
                } else {
                    raw = json.substring(i, i + 2);
                    value = switch (e) {
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 't' -> '\t';
                        default -> e;
                    };
                    i += 1;
                }
            } else if (Character.isHighSurrogate(c) && i + 1 < json.length()) {
                String pair = json.substring(i, i + 2);
                i += 1;
                units.add(new String[] {bytes(pair), escape(pair.charAt(0), false) + escape(pair.charAt(1), false),
                    escape(pair.charAt(0), true) + escape(pair.charAt(1), true)});
                continue;
            } else {
                raw = String.valueOf(c);
                value = c;
            }
            units.add(new String[] {bytes(raw), escape(value, false), escape(value, true)});
        }
        units.add(WHITESPACE);
        units.add(WHITESPACE);
        return units;
    }

    private static String escape(char c, boolean upper) {
        String hex = String.format("%04x", (int) c);
        return "\\u" + (upper ? hex.toUpperCase() : hex);
    }

    private static String bytes(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
