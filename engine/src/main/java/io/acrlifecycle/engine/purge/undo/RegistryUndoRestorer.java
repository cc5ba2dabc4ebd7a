package io.acrlifecycle.engine.purge.undo;

import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.registry.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A direct restorer over {@link Registry#restore}: used until the restore service (branch reg) is merged, and
 * kept as a fallback. A live manifest gets its missing tags back; a soft-deleted one is restored with its first tag,
 * then the others; one that is neither live nor soft-deleted is EXPIRED when soft delete is on (retention purged
 * it), NOT_FOUND otherwise. A live tag pointing elsewhere is never moved (CONFLICT).
 */
public final class RegistryUndoRestorer implements UndoRestorer {
    private final Registry registry;

    public RegistryUndoRestorer(Registry registry) {
        this.registry = registry;
    }

    @Override
    public List<UndoItem> restore(List<UndoTarget> targets) {
        List<UndoItem> out = new ArrayList<>();
        for (UndoTarget t : targets) {
            try {
                out.add(one(t));
            } catch (RegistryException e) {
                out.add(new UndoItem(t.repository(), t.digest(), t.tags(), UndoOutcome.FAILED, List.of(), e.getMessage()));
            }
        }
        return out;
    }

    private UndoItem one(UndoTarget t) {
        Optional<ManifestInfo> live = registry.manifest(t.repository(), t.digest());
        List<String> restored = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        if (live.isEmpty()) {
            boolean deleted = false;
            for (DeletedManifest d : registry.deletedManifests(t.repository())) {
                if (d.digest().equals(t.digest())) {
                    deleted = true;
                    break;
                }
            }
            if (!deleted) {
                boolean softDelete = registry.policies().softDeleteEnabled();
                return new UndoItem(t.repository(), t.digest(), t.tags(), softDelete ? UndoOutcome.EXPIRED
                        : UndoOutcome.NOT_FOUND, List.of(), softDelete ? "no longer in the soft-deleted items"
                                + " (retention expired or purged)" : "not live and soft delete is off");
            }
            String first = null;
            for (String tag : t.tags()) {
                if (registry.tag(t.repository(), tag).isEmpty()) {
                    first = tag;
                    break;
                }
            }
            registry.restore(t.repository(), t.digest(), first, false);
            if (first != null) {
                restored.add(first);
            }
        }
        for (String tag : t.tags()) {
            if (restored.contains(tag)) {
                continue;
            }
            Optional<TagInfo> lt = registry.tag(t.repository(), tag);
            if (lt.isPresent()) {
                if (!lt.get().digest().equals(t.digest())) {
                    conflicts.add(tag + " -> " + lt.get().digest());
                }
                continue;
            }
            registry.restore(t.repository(), t.digest(), tag, false);
            restored.add(tag);
        }
        UndoOutcome o = !conflicts.isEmpty() ? UndoOutcome.CONFLICT
                : live.isEmpty() || !restored.isEmpty() ? UndoOutcome.RESTORED : UndoOutcome.ALREADY_LIVE;
        return new UndoItem(t.repository(), t.digest(), t.tags(), o, restored,
                conflicts.isEmpty() ? null : "live tag(s) point elsewhere: " + conflicts);
    }
}
