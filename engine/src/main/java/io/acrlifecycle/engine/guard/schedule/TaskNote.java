package io.acrlifecycle.engine.guard.schedule;

/** Something the task reader could not use or chose to skip, with the reason; nothing is dropped silently. */
public record TaskNote(String task, Kind kind, String message) {

    /** Why a task, step or timer does not become (or not only becomes) a scheduled purge. */
    public enum Kind {
        /** The YAML, a command line or a cron schedule cannot be parsed: the guard cannot tell what it deletes. */
        UNREADABLE(true),
        /** A FileTask (or an unknown step type): its YAML lives in the source context, not in ARM. */
        NOT_READABLE_THROUGH_ARM(true),
        /** A Docker build step: it builds an image and cannot run acr purge. */
        DOCKER_BUILD(false),
        /** The task or one of its timers is disabled. */
        DISABLED(false),
        /** An acr purge step with --dry-run: it deletes nothing. */
        DRY_RUN(false),
        /** acr purge refuses these flags at start-up: its runs delete nothing until the task is fixed. */
        WILL_NOT_START(false),
        /** An acr purge step whose task has no enabled timer: it runs only when triggered by hand or by a commit. */
        NOT_SCHEDULED(false),
        /** Flags the reader does not know: tolerated, the step is simulated with the flags it knows. */
        UNKNOWN_FLAGS(false),
        /** The step purges another registry (--registry names a different login server). */
        OTHER_REGISTRY(false);

        private final boolean risk;

        Kind(final boolean risk) {
            this.risk = risk;
        }

        /** True when the note hides a possible deletion the guard cannot assess (reported as a warning). */
        public boolean isRisk() {
            return risk;
        }
    }
}
