package io.acrlifecycle.engine.model;

/**
 * ACR's {@code changeableAttributes} of a tag, manifest or repository.
 * Tag and manifest locks are independent in ACR; {@code writeEnabled=false} also blocks deletes.
 */
public record Locks(boolean deleteEnabled, boolean writeEnabled, boolean readEnabled, boolean listEnabled) {

    public static final Locks NONE = new Locks(true, true, true, true);

    /** True when ACR would refuse a delete (405): either lock blocks it. */
    public boolean blocksDelete() {
        return !deleteEnabled || !writeEnabled;
    }

    /** True when ACR would refuse a push over this tag or manifest. */
    public boolean blocksWrite() {
        return !writeEnabled;
    }

    /** The lock the deploy guard applies: no delete, no overwrite, still readable and listed. */
    public static Locks locked() {
        return new Locks(false, false, true, true);
    }
}
