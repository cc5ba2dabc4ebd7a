package io.acrlifecycle.engine.guard;

/**
 * Where in the pipeline the guard runs. DEPLOY: the image must exist, and a tag must still point at the expected
 * digest. PUSH: the tag is about to be (re)written with the expected digest; an existing tag is an overwrite.
 */
public enum Stage {
    DEPLOY, PUSH;

    /** Parses {@code deploy} or {@code push} (any case), naming the accepted values otherwise. */
    public static Stage parse(final String text) {
        if (text != null) {
            for (Stage s : values()) {
                if (s.name().equalsIgnoreCase(text.trim())) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("stage: '" + text + "' is not a stage; accepted: deploy, push");
    }
}
