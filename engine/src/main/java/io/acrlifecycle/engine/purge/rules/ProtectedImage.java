package io.acrlifecycle.engine.purge.rules;

import io.acrlifecycle.engine.model.ImageRef;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Parses one reference with {@link ImageRef}'s rules; one without tag or digest means {@code :latest}, as
     * docker does. The error names {@code source} (the rules file field or the images file).
     */
    public static ProtectedImage parse(String source, String ref) {
        ImageRef r;
        try {
            r = ImageRef.parse(ref, "latest");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage() + " (or repo alone, meaning repo:latest)",
                    e);
        }
        return new ProtectedImage(r.registry(), r.repository(), r.tag(), r.digest(), source);
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
