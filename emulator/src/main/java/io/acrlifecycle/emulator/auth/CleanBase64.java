package io.acrlifecycle.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Encodes a compact JSON text so that its standard base64 form has no {@code +}, {@code /} or {@code =}: the
 * result then decodes the same with the standard alphabet (what the Java SDK uses) and the URL-safe one (what
 * most JWT libraries use). It chooses, per character, between equivalent JSON spellings: the raw character or a
 * {@code \\u00xx} escape in lower or upper case inside strings, and optional spaces between tokens.
 */
final class CleanBase64 {
    private static final int MAX_STEPS = 200_000;
    private static final String[] WHITESPACE = {"", " ", "\n", "\t", "\r", "  "};

    private CleanBase64() {
    }

    static String encode(String compactJson) {
        List<String[]> units = units(compactJson);
        List<String> chosen = new ArrayList<>();
        StringBuilder bytes = new StringBuilder();
        int[] steps = {0};
        if (!search(units, 0, bytes, chosen, steps)) {
            // Practically unreachable; standard base64 is still what the SDK needs.
            return Base64.getEncoder().withoutPadding().encodeToString(compactJson.getBytes(StandardCharsets.UTF_8));
        }
        return Base64.getEncoder().encodeToString(bytes.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Depth-first choice of spellings; {@code bytes} holds ISO-8859-1 chars standing for UTF-8 bytes. */
    private static boolean search(List<String[]> units, int i, StringBuilder bytes, List<String> chosen, int[] steps) {
        if (++steps[0] > MAX_STEPS) {
            return false;
        }
        if (i == units.size()) {
            return bytes.length() % 3 == 0;
        }
        for (String alt : units.get(i)) {
            int before = bytes.length();
            bytes.append(alt);
            if (cleanFrom(bytes, groupStart(before))) {
                if (search(units, i + 1, bytes, chosen, steps)) {
                    return true;
                }
            }
            bytes.setLength(before);
        }
        return false;
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

    private static List<String[]> units(String json) {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        String latin = new String(utf8, StandardCharsets.ISO_8859_1);
        List<String[]> units = new ArrayList<>();
        boolean inString = false;
        for (int i = 0; i < latin.length(); i++) {
            char c = latin.charAt(i);
            if (inString) {
                if (c == '\\') {
                    units.add(new String[] {latin.substring(i, i + 2)});
                    i++;
                } else if (c == '"') {
                    units.add(new String[] {"\""});
                    inString = false;
                } else if (c < 0x80) {
                    String hex = String.format("%04x", (int) c);
                    units.add(new String[] {String.valueOf(c), "\\u" + hex, "\\u" + hex.toUpperCase()});
                } else {
                    units.add(new String[] {String.valueOf(c)});
                }
            } else {
                units.add(new String[] {String.valueOf(c)});
                if (c == '"') {
                    inString = true;
                } else {
                    units.add(WHITESPACE);
                }
            }
        }
        units.add(WHITESPACE);
        units.add(WHITESPACE);
        return units;
    }
}
