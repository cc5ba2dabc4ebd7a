package io.acrlifecycle.engine.guard;

/** BLOCK stops the pipeline on a blocking check; WARN reports the same reasons but lets it go on. */
public enum GuardMode {
    BLOCK, WARN;

    /** Parses {@code block} or {@code warn} (any case), naming the accepted values otherwise. */
    public static GuardMode parse(final String text) {
        if (text != null) {
            for (GuardMode m : values()) {
                if (m.name().equalsIgnoreCase(text.trim())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("mode: '" + text + "' is not a mode; accepted: block, warn");
    }
}
