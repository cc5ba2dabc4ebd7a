package io.acrlifecycle.engine.guard.schedule;

import java.util.List;

/** What {@link TaskPurgeReader} found: the scheduled purges and a note for everything else. */
public record TaskPurgeReport(List<ScheduledPurge> purges, List<TaskNote> notes) {

    public TaskPurgeReport {
        purges = List.copyOf(purges);
        notes = List.copyOf(notes);
    }

    /** Notes of the given kind. */
    public List<TaskNote> notes(final TaskNote.Kind kind) {
        return notes.stream().filter(n -> n.kind() == kind).toList();
    }

    /** Notes that hide a possible deletion: unreadable tasks and tasks whose YAML ARM does not hold. */
    public List<TaskNote> risks() {
        return notes.stream().filter(n -> n.kind().isRisk()).toList();
    }
}
