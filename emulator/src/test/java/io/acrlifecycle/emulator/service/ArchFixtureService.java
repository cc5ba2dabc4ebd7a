package io.acrlifecycle.emulator.service;

import io.acrlifecycle.emulator.store.ArchFixtureStore;

/** The other half of EmulatorArchitectureTest's deliberate cycle (service to store is allowed on its own). */
public final class ArchFixtureService {
    ArchFixtureStore down;
}
