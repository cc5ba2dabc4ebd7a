package io.acrlifecycle.emulator.store;

import java.time.Instant;

/** A live tag. {@code updated} and {@code name} are its key in the repository's time index: change via {@link Repo}. */
public final class TagRec {
    final String name;
    String digest;
    Instant created;
    Instant updated;
    public final Attrs attrs;

    public TagRec(String name, String digest, Instant created, Instant updated, Attrs attrs) {
        this.name = name;
        this.digest = digest;
        this.created = created;
        this.updated = updated;
        this.attrs = attrs;
    }

    public String name() {
        return name;
    }

    public String digest() {
        return digest;
    }

    public Instant created() {
        return created;
    }

    public Instant updated() {
        return updated;
    }
}
