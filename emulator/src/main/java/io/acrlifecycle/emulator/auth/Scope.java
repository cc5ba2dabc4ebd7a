package io.acrlifecycle.emulator.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A token scope {@code type:name:action[,action]}; the name may contain {@code /} (and, in theory, {@code :}). */
public record Scope(String type, String name, Set<String> actions) {

    public static Scope parse(String text) {
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first < 0 || last == first) {
            throw new IllegalArgumentException("scope '" + text + "' is not type:name:actions");
        }
        Set<String> actions = new LinkedHashSet<>();
        for (String a : text.substring(last + 1).split(",")) {
            if (!a.isBlank()) {
                actions.add(a.trim());
            }
        }
        return new Scope(text.substring(0, first), text.substring(first + 1, last), actions);
    }

    /** Scopes from repeated {@code scope} parameters, each possibly space-separated (acr-cli joins them). */
    public static List<Scope> parseAll(List<String> values) {
        List<Scope> out = new ArrayList<>();
        for (String v : values) {
            for (String s : v.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    out.add(parse(s));
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return type + ":" + name + ":" + String.join(",", actions);
    }
}
