package io.acrlifecycle.emulator.store;

import io.acrlifecycle.emulator.service.ArchFixtureService;

/** A deliberate violation for EmulatorArchitectureTest: the store reaching up into a service (and a cycle). */
public final class ArchFixtureStore {
    ArchFixtureService up;
}
