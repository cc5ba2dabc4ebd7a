package io.acrlifecycle.engine.purge.bench;

import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.EmulatorOptions;
import io.acrlifecycle.emulator.FaultRule;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.time.Duration;

/** The emulator as a {@link BenchTarget} (registered for {@link java.util.ServiceLoader} on the test classpath). */
public final class EmulatorBenchTarget implements BenchTarget {
    private final AcrEmulator emu = AcrEmulator.start(EmulatorOptions.defaults());
    private Registry registry;

    @Override
    public void seed(String repository, int tags) {
        StringBuilder json = new StringBuilder("{\"registry\":{\"softDelete\":{\"enabled\":true,\"retentionDays\":7}},"
                + "\"repositories\":[{\"name\":\"" + repository + "\",\"manifests\":[");
        for (int i = 0; i < tags; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"m").append(i).append("\",\"tags\":[\"t").append(i)
                    .append("\"],\"updated\":\"-40d\"}");
        }
        emu.seed(json.append("]}]}").toString());
    }

    @Override
    public void latency(Duration perCall) {
        emu.faults().clear();
        if (perCall != null && !perCall.isZero()) {
            emu.faults().add(FaultRule.latency(null, "/(v2|acr)/.*", perCall));
        }
    }

    @Override
    public synchronized Registry registry() {
        if (registry == null) {
            registry = EmulatorRegistries.open(emu);
        }
        return registry;
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
        emu.close();
    }
}
