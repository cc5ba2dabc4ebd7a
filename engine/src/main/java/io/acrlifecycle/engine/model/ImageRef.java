package io.acrlifecycle.engine.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image reference: {@code repo:tag}, {@code repo@digest} or {@code repo:tag@digest}, optionally prefixed with
 * the login server ({@code myregistry.azurecr.io/repo:tag}). {@code tag} or {@code digest} may be null, not both.
 * The one parser of image references in the engine (guard, lock, restore, protected images): a login server is
 * lower-cased (host names are case-insensitive), a repository is a lowercase name, a tag a valid tag, a digest
 * {@code sha256:<64 lowercase hex>} (ACR's; a shortened or other digest would never match, so a protection written
 * with one would silently protect nothing).
 */
public record ImageRef(String registry, String repository, String tag, String digest) {

    public static final String ACCEPTED_FORMS = "repo:tag, repo@sha256:<64 hex> or repo:tag@sha256:<64 hex>"
            + " (optionally prefixed with the login server)";

    private static final Pattern REPO = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    public ImageRef {
        Objects.requireNonNull(repository, "repository");
        if (tag == null && digest == null) {
            throw new IllegalArgumentException("image reference needs a tag or a digest: " + ACCEPTED_FORMS);
        }
    }

    /** Parses a reference, or throws {@link IllegalArgumentException} naming the accepted forms. */
    public static ImageRef parse(String text) {
        return parse(text, null);
    }

    /**
     * As {@link #parse(String)}, but a reference with neither tag nor digest means {@code defaultTag} (docker's
     * {@code latest} for a protected image); null = such a reference is refused.
     */
    public static ImageRef parse(String text, String defaultTag) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("image reference is empty; accepted forms: " + ACCEPTED_FORMS);
        }
        String rest = text.trim();
        String registry = null;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first.toLowerCase(java.util.Locale.ROOT);
                rest = rest.substring(slash + 1);
            }
        }
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new IllegalArgumentException("image reference '" + text + "' has an invalid digest '" + digest
                        + "' (not sha256:<64 lowercase hex>); accepted forms: " + ACCEPTED_FORMS);
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw bad(text, "tag '" + tag + "' is not a valid tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})");
            }
        }
        if (!REPO.matcher(rest).matches()) {
            throw bad(text, "repository '" + rest + "' is not a valid lowercase repository name");
        }
        if (tag == null && digest == null) {
            if (defaultTag == null) {
                throw bad(text, "it has neither a tag nor a digest");
            }
            tag = defaultTag;
        }
        return new ImageRef(registry, rest, tag, digest);
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("image reference '" + text + "' is invalid: " + why
                + "; accepted forms: " + ACCEPTED_FORMS);
    }

    @Override
    public String toString() {
        return (registry == null ? "" : registry + "/") + repository + (tag == null ? "" : ":" + tag)
                + (digest == null ? "" : "@" + digest);
    }
}
