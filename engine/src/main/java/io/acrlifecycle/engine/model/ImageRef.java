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
    /** ACR's limit on a repository name (the OCI distribution spec's 255 for name plus registry host). */
    public static final int MAX_REPOSITORY_LENGTH = 255;
    public static final String ACCEPTED_REPOSITORY = "lowercase letters and digits in path components separated "
            + "by '.', '_', '__', '-' or '/' (e.g. team/app), at most " + MAX_REPOSITORY_LENGTH + " characters";
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
        if (rest.length() > MAX_REPOSITORY_LENGTH) {
            throw bad(clip(text), "the repository has " + rest.length() + " characters, more than "
                    + MAX_REPOSITORY_LENGTH);
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

    /**
     * Checks a repository name on its own ({@code list-deleted -n}, restore): throws naming {@code field} and the
     * accepted form. A long name is echoed shortened.
     */
    public static void checkRepository(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(field + ": missing; accepted: " + ACCEPTED_REPOSITORY);
        }
        if (name.length() > MAX_REPOSITORY_LENGTH) {
            throw new IllegalArgumentException(field + ": '" + clip(name) + "' has " + name.length()
                    + " characters, more than " + MAX_REPOSITORY_LENGTH + "; accepted: " + ACCEPTED_REPOSITORY);
        }
        if (!REPO.matcher(name).matches()) {
            throw new IllegalArgumentException(field + ": '" + name + "' is not a repository name; accepted: "
                    + ACCEPTED_REPOSITORY);
        }
    }

    private static String clip(String s) {
        return s.length() <= 60 ? s : s.substring(0, 40) + "..." + s.substring(s.length() - 10);
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
