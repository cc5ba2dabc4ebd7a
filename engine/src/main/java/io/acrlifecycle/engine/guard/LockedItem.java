package io.acrlifecycle.engine.guard;

/**
 * A tag or manifest whose locks the guard changed. {@code kind} is {@code tag}, {@code manifest} or {@code child}
 * (a platform manifest of a locked index); {@code tag} is null for manifests.
 */
public record LockedItem(String kind, String repository, String tag, String digest) {

    @Override
    public String toString() {
        return kind + " " + repository + (tag == null ? "@" + digest : ":" + tag + " (" + digest + ")");
    }
}
