package io.acrlifecycle.cli;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.EmulatorOptions;
import io.acrlifecycle.emulator.FaultRule;
import io.acrlifecycle.emulator.QuotaSettings;
import io.acrlifecycle.emulator.Quotas;
import io.acrlifecycle.engine.purge.bench.BenchTarget;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.registry.Registries;
import io.acrlifecycle.engine.registry.RegistryConfig;
import io.acrlifecycle.engine.registry.Registry;
import java.time.Duration;

/**
 * The purge benchmark's registry: an embedded emulator reached over HTTPS through the engine, as in production.
 * The one {@link BenchTarget}: {@code bench} creates it, and {@code PurgeBench}'s main finds it through ServiceLoader
 * (registered in META-INF/services) when run from the CLI jar.
 */
public final class EmulatorBenchTarget implements BenchTarget {
    private final AcrEmulator emu = AcrEmulator.start(EmulatorOptions.defaults());
    private AcrRegistry registry;

    @Override
    public void seed(String repository, int tags) {
        StringBuilder seed = new StringBuilder("{\"registry\":{\"softDelete\":{\"enabled\":true,\"retentionDays\":7}},"
                + "\"repositories\":[{\"name\":\"" + repository + "\",\"manifests\":[");
        for (int i = 0; i < tags; i++) {
            seed.append(i == 0 ? "" : ",").append("{\"id\":\"m").append(i).append("\",\"tags\":[\"t").append(i)
                    .append("\"],\"updated\":\"-40d\"}");
        }
        emu.seed(seed.append("]}]}").toString());
    }

    @Override
    public void latency(Duration perCall) {
        emu.faults().clear();
        if (perCall != null && !perCall.isZero()) {
            // data plane only: the token endpoints answer at once (AAD and ACR's token service are not measured)
            emu.faults().add(FaultRule.latency(null, "/(v2|acr)/.*", perCall));
        }
    }

    @Override
    public synchronized Registry registry() {
        if (registry == null) {
            registry = Registries.open(RegistryConfig.builder().loginServer(emu.loginServer()).endpoint(emu.endpoint())
                    .resourceId(emu.resourceId()).sslContext(emu.sslContext())
                    .credential(new StaticTokenCredential(emu.aadToken(Duration.ofHours(2)))).build());
        }
        return registry;
    }

    @Override
    public void quota(String sku, Duration window) {
        if (sku == null) {
            emu.quotas().reset();
            return;
        }
        emu.registry().setSku(sku);
        emu.quotas().set(new QuotaSettings(true, null, null, window, true));
        emu.quotas().drain();
    }

    @Override
    public QuotaCounts quotaCounts() {
        Quotas.Counts c = emu.quotas().counts();
        return new QuotaCounts(c.reads(), c.writes(), c.throttledReads(), c.throttledWrites());
    }

    @Override
    public RawAccess raw() {
        return new RawAccess(emu.endpoint(), emu.sslContext(), emu.adminUsername(), emu.adminPassword(),
                emu.loginServer(), emu.trustStorePkcs12(), emu.trustStorePassword());
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
        emu.close();
    }
}
