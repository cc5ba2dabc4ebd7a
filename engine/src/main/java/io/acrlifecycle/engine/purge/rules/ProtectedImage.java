package io.acrlifecycle.engine.purge.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An image that must survive a purge, by tag ({@code app:1.2}) or by digest ({@code app@sha256:...}). A tag
 * reference spares that tag (so its manifest stays tagged); a digest reference spares the manifest and every tag on
 * it. {@code registry} is the login-server prefix or null; references naming another registry
 * ({@code docker.io/...}) are ignored, references without a prefix apply to the purged registry.
 */
public record ProtectedImage(String registry, String repository, String tag, String digest, String source) {

    /** Parses whitespace-separated references, e.g. {@code kubectl get pods -A -o jsonpath='{..image}'} output. */
    public static List<ProtectedImage> parseList(String text, String source) {
        List<ProtectedImage> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String token : text.trim().split("[\\s,]+")) {
            String t = token.replaceAll("^[\"']|[\"']$", "");
            if (!t.isEmpty()) {
                out.add(parse(source, t));
            }
        }
        return out;
    }

    /** Tolerant reference parser: a reference without tag or digest means {@code :latest}, as docker does. */
    public static ProtectedImage parse(String source, String ref) {
        String rest = ref.trim();
        String registry = null;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first.toLowerCase(Locale.ROOT);
                rest = rest.substring(slash + 1);
            }
        }
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!digest.matches("[a-z0-9]+:[a-f0-9]{32,}")) {
                throw new IllegalArgumentException(source + ": image reference '" + ref + "' has an invalid digest '"
                        + digest + "'; accepted: repo:tag, repo@sha256:<hex>, registry/repo:tag");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        if (rest.isEmpty() || (tag != null && tag.isEmpty())) {
            throw new IllegalArgumentException(source + ": image reference '" + ref
                    + "' is invalid; accepted: repo:tag, repo@sha256:<hex>, registry/repo:tag");
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ProtectedImage(registry, rest, tag, digest, source);
    }

    /** True when this reference names {@code loginServer} (or names no registry). Null login server: all apply. */
    public boolean appliesTo(String loginServer) {
        return registry == null || loginServer == null || registry.equalsIgnoreCase(loginServer);
    }

    @Override
    public String toString() {
        return (registry == null ? "" : registry + "/") + repository + (tag == null ? "" : ":" + tag)
                + (digest == null ? "" : "@" + digest);
    }
}
