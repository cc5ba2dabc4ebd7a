package io.acrlifecycle.engine.purge.undo;

import java.nio.file.Path;
import java.util.List;

/**
 * Undo of a journal recorded against another registry, refused before any request: its digests mean nothing here,
 * and restoring them would bring back whatever this registry happens to hold under them.
 */
public final class JournalRegistryMismatchException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final transient Path journal;
    private final List<String> recorded;
    private final String registry;

    public JournalRegistryMismatchException(Path journal, List<String> recorded, String registry) {
        super("journal: '" + journal + "' was recorded for " + describe(recorded) + ", not for " + registry
                + "; nothing was restored. Undo it against the registry it was recorded for");
        this.journal = journal;
        this.recorded = List.copyOf(recorded);
        this.registry = registry;
    }

    private static String describe(List<String> recorded) {
        return recorded.isEmpty() ? "no registry (it names none)"
                : recorded.size() == 1 ? "registry " + recorded.get(0) : "registries " + String.join(", ", recorded);
    }

    public Path journal() {
        return journal;
    }

    /** The registries the journal's records name (sorted). */
    public List<String> recorded() {
        return recorded;
    }

    /** The registry undo was asked to restore into. */
    public String registry() {
        return registry;
    }
}
