package io.acrlifecycle.emulator.http;

import io.acrlifecycle.engine.archfixture.ArchFixtureEngineClass;

/** A deliberate violation for EmulatorArchitectureTest: emulator code importing the engine. */
public final class ArchFixtureUsesEngine {
    ArchFixtureEngineClass engine;
}
