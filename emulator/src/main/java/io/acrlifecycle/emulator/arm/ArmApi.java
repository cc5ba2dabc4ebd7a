package io.acrlifecycle.emulator.arm;

import java.time.Instant;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The ARM subset the product uses, as a plain request-to-response function: the HTTP server of the emulator
 * routes every path under {@code /subscriptions/} here. Registry GET/PATCH/PUT with ACR's policy validation,
 * {@code listUsages}, and registry tasks list/get.
 */
public final class ArmApi {
    private final RegistryResource registry;
    private final String resourceId;
    private final String loginServer;
    private final LongSupplier storageBytes;
    private final Supplier<Instant> clock;

    /**
     * @param registry     the registry's ARM state, shared with the data plane
     * @param resourceId   {@code /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerRegistry/registries/{name}}
     * @param loginServer  reported as {@code properties.loginServer}
     * @param storageBytes current storage in bytes (live and soft-deleted manifests), for {@code listUsages}
     * @param clock        the emulator's clock
     */
    public ArmApi(RegistryResource registry, String resourceId, String loginServer, LongSupplier storageBytes,
            Supplier<Instant> clock) {
        this.registry = registry;
        this.resourceId = resourceId;
        this.loginServer = loginServer;
        this.storageBytes = storageBytes;
        this.clock = clock;
    }

    /**
     * @param method  HTTP method
     * @param path    decoded path, starting with {@code /subscriptions/}
     * @param query   decoded query parameters (including {@code api-version})
     * @param body    request body, possibly empty
     */
    public ArmResponse handle(String method, String path, Map<String, String> query, byte[] body) {
        return new ArmResponse(501, "{\"error\":{\"code\":\"NotImplemented\",\"message\":\"ARM operation "
                + method + " " + path + " is not emulated\"}}");
    }
}
