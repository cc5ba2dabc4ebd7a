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

    /**
     * Turns on the registry's request quotas: the documented ReadOps and WriteOps of {@code sku} (Basic, Standard,
     * Premium), per {@code window} instead of per minute, with the budgets already spent (a busy registry: what
     * follows runs at the refill rate from the start) and zeroed counters. Null sku: off.
     */
    default void quota(String sku, Duration window) {
        throw new UnsupportedOperationException("this bench target has no quotas");
    }

    /** Requests the quota served and refused (429) since it was last set. */
    default QuotaCounts quotaCounts() {
        throw new UnsupportedOperationException("this bench target has no quotas");
    }

    /** The target for a plain HTTP client (the acr-purge-like client): endpoint, trust, a user with every right. */
    default RawAccess raw() {
        throw new UnsupportedOperationException("this bench target has no raw access");
    }

    /** Counts of the quota, per kind. */
    record QuotaCounts(long reads, long writes, long throttledReads, long throttledWrites) {
    }

    /** How a plain HTTPS client reaches the target. */
    record RawAccess(java.net.URI endpoint, javax.net.ssl.SSLContext ssl, String username, String password,
            String loginServer, java.nio.file.Path trustStore, String trustStorePassword) {
    }

    @Override
    void close();
}
