package io.acrlifecycle.engine.purge.undo;

import java.util.List;

/** The result for one target: what came back ({@code restoredTags}) and why not, when it did not. */
public record UndoItem(String repository, String digest, List<String> tags, UndoOutcome outcome,
        List<String> restoredTags, String detail) {

    public UndoItem {
        tags = tags == null ? List.of() : List.copyOf(tags);
        restoredTags = restoredTags == null ? List.of() : List.copyOf(restoredTags);
    }
}
