package io.acrlifecycle.engine.purge.undo;

import io.acrlifecycle.engine.restore.RestoreItemResult;
import io.acrlifecycle.engine.restore.RestoreReport;
import io.acrlifecycle.engine.restore.RestoreRequest;
import io.acrlifecycle.engine.restore.RestoreService;
import io.acrlifecycle.engine.restore.RestoreTarget;
import java.util.ArrayList;
import java.util.List;

/** Undo through the engine's restore service: one request with every target, in the journal's restore order. */
public final class RestoreServiceUndoRestorer implements UndoRestorer {
    private final RestoreService service;

    public RestoreServiceUndoRestorer(RestoreService service) {
        this.service = service;
    }

    @Override
    public List<UndoItem> restore(List<UndoTarget> targets) {
        List<RestoreTarget> rt = new ArrayList<>();
        for (UndoTarget t : targets) {
            rt.add(new RestoreTarget(t.repository(), t.digest(), t.tags(), t.subjectDigest(), t.childDigests(),
                    t.deletedAt()));
        }
        RestoreReport report = service.restore(RestoreRequest.undo(rt));
        List<UndoItem> out = new ArrayList<>();
        for (RestoreItemResult i : report.items()) {
            out.add(new UndoItem(i.repository(), i.digest(), i.tags(), UndoOutcome.valueOf(i.outcome().name()),
                    i.restoredTags(), i.message()));
        }
        return out;
    }
}
