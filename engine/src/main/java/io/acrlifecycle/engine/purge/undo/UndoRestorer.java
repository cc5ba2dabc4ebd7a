package io.acrlifecycle.engine.purge.undo;

import java.util.List;

/**
 * What undo needs from the restore engine: restore these manifests (already in a working order) and say what
 * happened to each. {@code io.acrlifecycle.engine.restore.RestoreService} (branch reg) is adapted to this by
 * {@code RestoreServiceUndoRestorer}; {@link RegistryUndoRestorer} is the built-in fallback.
 */
@FunctionalInterface
public interface UndoRestorer {
    List<UndoItem> restore(List<UndoTarget> targets);
}
