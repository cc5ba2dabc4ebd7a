package io.acrlifecycle.emulator.service;

import io.acrlifecycle.emulator.arm.RegistryResource;
import io.acrlifecycle.emulator.store.RegistryStore;
import java.time.Instant;
import java.util.function.Supplier;

/** What every service needs: the state, the ARM-side policies, the clock and the login server name. */
public record Env(RegistryStore store, RegistryResource registry, Supplier<Instant> clock, String loginServer) {
    public Instant now() {
        return clock.get();
    }
}
