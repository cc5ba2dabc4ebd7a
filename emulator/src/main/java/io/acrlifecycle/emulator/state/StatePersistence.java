package io.acrlifecycle.emulator.state;

import io.acrlifecycle.emulator.store.RegistryStore;

/**
 * Where the emulator's state goes between runs. {@link #commit} runs before every answer: when it returns, what
 * the answer acknowledges is saved. Implementations: {@link #inMemory} (no state dir) and the state dir's
 * {@link Journal} (see docs/emulator.md).
 */
public interface StatePersistence extends AutoCloseable {
    /** Saves what changed since the last commit; returns once it is saved. */
    void commit();

    /** The seed ids or the scoped tokens changed (the store tracks its own changes, the ARM part is compared). */
    void markChanged();

    @Override
    void close();

    /** No state dir: nothing is saved; the store's change tracking is cleared so it does not grow. */
    static StatePersistence inMemory(RegistryStore store) {
        return new StatePersistence() {
            @Override
            public void commit() {
                store.locked(store::takeChanges);
            }

            @Override
            public void markChanged() {
                // nothing to save
            }

            @Override
            public void close() {
                commit();
            }
        };
    }
}
