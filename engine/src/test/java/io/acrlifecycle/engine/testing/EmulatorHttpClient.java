package io.acrlifecycle.engine.testing;

import com.azure.core.http.HttpClient;
import io.acrlifecycle.emulator.AcrEmulator;

/**
 * The HTTP client {@link EmulatorRegistries} gives every registry, when a test classpath provides one through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.acrlifecycle.engine.testing.EmulatorHttpClient}).
 * The client must trust the emulator's CA.
 */
public interface EmulatorHttpClient {
    HttpClient create(AcrEmulator emu);
}
