package io.acrlifecycle.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: {@code @RegisterExtension static AcrEmulatorExtension EMU = new AcrEmulatorExtension();}
 * starts one emulator per test class and resets it before each test. Use {@link #emulator()} in tests.
 */
public final class AcrEmulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final EmulatorOptions options;
    private AcrEmulator emulator;

    public AcrEmulatorExtension() {
        this(EmulatorOptions.defaults());
    }

    public AcrEmulatorExtension(EmulatorOptions options) {
        this.options = options;
    }

    /** The running emulator (started on first use if the extension is not registered statically). */
    public synchronized AcrEmulator emulator() {
        if (emulator == null) {
            emulator = AcrEmulator.start(options);
        }
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator().reset();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }
}
