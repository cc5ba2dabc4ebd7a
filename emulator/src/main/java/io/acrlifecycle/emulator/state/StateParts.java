package io.acrlifecycle.emulator.state;

import io.acrlifecycle.emulator.arm.RegistryResource;
import io.acrlifecycle.emulator.auth.AuthService;
import io.acrlifecycle.emulator.store.RegistryStore;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The live parts of an emulator that a state dir saves: the data plane, the ARM resource, the scoped tokens (in
 * {@code auth}), the identity, the clock offset and the seed ids (repository → seed id → digest).
 */
public record StateParts(RegistryStore store, RegistryResource registry, AuthService auth, Identity identity,
        Supplier<Duration> clockOffset, Map<String, Map<String, String>> seedIds) {
}
