package io.acrlifecycle.engine.purge.bench;

import io.acrlifecycle.engine.registry.Registry;
import java.time.Duration;

/**
 * A registry the throughput benchmark may fill and slow down: the emulator, provided by whoever may depend on it
 * (the CLI's {@code bench} command, the engine's test classpath via {@link java.util.ServiceLoader}); the engine's
 * main code must not depend on the emulator.
 */
public interface BenchTarget extends AutoCloseable {

    /** Creates {@code tags} old, unlocked tags (one manifest each) in {@code repository}; soft delete on. */
    void seed(String repository, int tags);

    /** Adds {@code perCall} latency to every data-plane request from now on (null or zero: none). */
    void latency(Duration perCall);

    /** An engine registry connected to the target. */
    Registry registry();

    @Override
    void close();
}
