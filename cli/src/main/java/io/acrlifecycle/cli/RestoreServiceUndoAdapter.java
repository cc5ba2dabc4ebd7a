package io.acrlifecycle.cli;

import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.purge.undo.UndoItem;
import io.acrlifecycle.engine.purge.undo.UndoOutcome;
import io.acrlifecycle.engine.purge.undo.UndoRestorer;
import io.acrlifecycle.engine.purge.undo.UndoTarget;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.restore.RestoreItemResult;
import io.acrlifecycle.engine.restore.RestoreReport;
import io.acrlifecycle.engine.restore.RestoreRequest;
import io.acrlifecycle.engine.restore.RestoreService;
import io.acrlifecycle.engine.restore.RestoreTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * Undo through the restore engine (which also brings back untagged manifests such as index children). A field-for-
 * field mapping between the purge's {@link UndoTarget} and the restore service's {@link RestoreTarget}; no decision
 * is made here. To be replaced by the engine's own adapter once it lands.
 */
public final class RestoreServiceUndoAdapter implements UndoRestorer {
    private final RestoreService service;

    public RestoreServiceUndoAdapter(Registry registry, EngineLog log) {
        this.service = new RestoreService(registry, log);
    }

    @Override
    public List<UndoItem> restore(List<UndoTarget> targets) {
        List<RestoreTarget> restoreTargets = new ArrayList<>();
        for (UndoTarget t : targets) {
            restoreTargets.add(new RestoreTarget(t.repository(), t.digest(), t.tags(), t.subjectDigest(),
                    t.childDigests(), t.deletedAt()));
        }
        RestoreReport report = service.restore(RestoreRequest.undo(restoreTargets));
        List<UndoItem> items = new ArrayList<>();
        for (RestoreItemResult r : report.items()) {
            items.add(new UndoItem(r.repository(), r.digest(), r.tags(), UndoOutcome.valueOf(r.outcome().name()),
                    r.restoredTags(), r.message()));
        }
        return items;
    }
}
