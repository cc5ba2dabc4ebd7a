package io.acrlifecycle.engine.archfixture;

/** Stands for any engine class in EmulatorArchitectureTest's deliberate violation (the engine is not on this classpath). */
public final class ArchFixtureEngineClass {
}
