package io.acrlifecycle.emulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The ARM subset the product uses, as a plain request-to-response function: the HTTP server of the emulator
 * routes every path under {@code /subscriptions/} here. Registry GET/PATCH/PUT with ACR's policy validation,
 * {@code listUsages}, replications list/get, and registry tasks list/get. Everything else answers 501.
 * See docs/emulator-arm.md.
 */
public final class ArmApi {
    private static final String PROVIDER = "Microsoft.ContainerRegistry";

    private final RegistryResource registry;
    private final String resourceId;
    private final String loginServer;
    private final LongSupplier storageBytes;
    private final Supplier<Instant> clock;
    private final String[] idSegments;

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
        this.idSegments = segments(resourceId);
        if (idSegments.length != 8 || !isRegistryPrefix(idSegments)) {
            throw new IllegalArgumentException("resourceId: '" + resourceId + "' is not valid; accepted: /subscriptions/"
                    + "{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerRegistry/registries/{name}");
        }
    }

    /**
     * @param method  HTTP method
     * @param path    decoded path, starting with {@code /subscriptions/}
     * @param query   decoded query parameters (including {@code api-version})
     * @param body    request body, possibly empty
     */
    public ArmResponse handle(String method, String path, Map<String, String> query, byte[] body) {
        try {
            return route(method.toUpperCase(Locale.ROOT), path, query == null ? Map.of() : query, body);
        } catch (ArmException e) {
            return e.toResponse();
        }
    }

    private ArmResponse route(String method, String path, Map<String, String> query, byte[] body) {
        String[] seg = segments(path);
        if (seg.length < 8 || !isRegistryPrefix(seg)) {
            return notImplemented(method, path);
        }
        List<String> rest = Arrays.asList(seg).subList(8, seg.length);
        Route route = Route.of(method, rest);
        if (route == null) {
            return notImplemented(method, path);
        }
        String apiVersion = ApiVersions.require(param(query, "api-version"), route.resourceType, registry.location());
        checkExists(seg);
        return switch (route) {
            case GET_REGISTRY -> read(() -> registryJson(apiVersion));
            case PATCH_REGISTRY, PUT_REGISTRY -> update(body, route == Route.PUT_REGISTRY, apiVersion);
            case LIST_USAGES -> read(() -> RegistryJson.usages(registry, storageBytes.getAsLong()));
            case LIST_REPLICATIONS -> read(() -> RegistryJson.replications(registry, registryId()));
            case GET_REPLICATION -> replication(rest.get(1));
            case LIST_TASKS -> ArmResponse.ok(RegistryJson.tasks(registry.tasks(), registryId(), registry.location()));
            case GET_TASK -> task(rest.get(1));
        };
    }

    private ArmResponse update(byte[] body, boolean put, String apiVersion) {
        JsonNode json = ArmJson.readBody(body);
        synchronized (registry) {
            RegistryUpdate.apply(registry, name(), json, put, apiVersion, clock.get());
            return ArmResponse.ok(registryJson(apiVersion));
        }
    }

    /** Renders under the registry's monitor so that one answer never mixes two states. */
    private ArmResponse read(Supplier<com.fasterxml.jackson.databind.node.ObjectNode> render) {
        synchronized (registry) {
            return ArmResponse.ok(render.get());
        }
    }

    private ArmResponse replication(String location) {
        return registry.replicationLocations().stream().filter(l -> l.equalsIgnoreCase(location)).findFirst()
                .map(l -> ArmResponse.ok(RegistryJson.replication(registry, registryId(), l)))
                .orElseGet(() -> notFound("registries/" + name() + "/replications/" + location));
    }

    private ArmResponse task(String taskName) {
        return registry.task(taskName)
                .map(t -> ArmResponse.ok(TaskJson.arm(t, registryId(), registry.location())))
                .orElseGet(() -> notFound("registries/" + name() + "/tasks/" + taskName));
    }

    private com.fasterxml.jackson.databind.node.ObjectNode registryJson(String apiVersion) {
        return RegistryJson.registry(registry, registryId(), name(), loginServer, apiVersion);
    }

    private void checkExists(String[] seg) {
        if (!seg[1].equalsIgnoreCase(idSegments[1])) {
            throw new ArmException(404, "SubscriptionNotFound", "The subscription '" + seg[1] + "' could not be found.");
        }
        if (!seg[3].equalsIgnoreCase(idSegments[3])) {
            throw new ArmException(404, "ResourceGroupNotFound", "Resource group '" + seg[3] + "' could not be found.");
        }
        if (!seg[7].equalsIgnoreCase(idSegments[7])) {
            throw new ArmException(404, "ResourceNotFound", notFoundMessage("registries/" + seg[7], seg[3]));
        }
    }

    private ArmResponse notFound(String relative) {
        return ArmResponse.error(404, "ResourceNotFound", notFoundMessage(relative, idSegments[3]));
    }

    private static String notFoundMessage(String relative, String resourceGroup) {
        return "The Resource '" + PROVIDER + "/" + relative + "' under resource group '" + resourceGroup
                + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix";
    }

    private static ArmResponse notImplemented(String method, String path) {
        return ArmResponse.error(501, "NotImplemented", method + " " + path + " is not emulated by the ACR emulator");
    }

    /** The canonical id (as configured), whatever casing the request used. */
    private String registryId() {
        return resourceId.endsWith("/") ? resourceId.substring(0, resourceId.length() - 1) : resourceId;
    }

    private String name() {
        return idSegments[7];
    }

    private static String param(Map<String, String> query, String name) {
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String[] segments(String path) {
        String p = path == null ? "" : path;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        return Arrays.stream(p.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    private static boolean isRegistryPrefix(String[] seg) {
        return seg[0].equalsIgnoreCase("subscriptions") && seg[2].equalsIgnoreCase("resourceGroups")
                && seg[4].equalsIgnoreCase("providers") && seg[5].equalsIgnoreCase(PROVIDER)
                && seg[6].equalsIgnoreCase("registries");
    }

    /** The emulated operations, keyed by method and the path below the registry. */
    private enum Route {
        GET_REGISTRY(ApiVersions.REGISTRIES), PATCH_REGISTRY(ApiVersions.REGISTRIES), PUT_REGISTRY(ApiVersions.REGISTRIES),
        LIST_USAGES(ApiVersions.REGISTRIES), LIST_REPLICATIONS(ApiVersions.REPLICATIONS),
        GET_REPLICATION(ApiVersions.REPLICATIONS), LIST_TASKS(ApiVersions.TASKS), GET_TASK(ApiVersions.TASKS);

        final String resourceType;

        Route(String resourceType) {
            this.resourceType = resourceType;
        }

        static Route of(String method, List<String> rest) {
            String first = rest.isEmpty() ? "" : rest.get(0).toLowerCase(Locale.ROOT);
            boolean get = method.equals("GET");
            return switch (rest.size()) {
                case 0 -> switch (method) {
                    case "GET" -> GET_REGISTRY;
                    case "PATCH" -> PATCH_REGISTRY;
                    case "PUT" -> PUT_REGISTRY;
                    default -> null;
                };
                case 1 -> switch (first) {
                    case "listusages" -> get || method.equals("POST") ? LIST_USAGES : null;
                    case "replications" -> get ? LIST_REPLICATIONS : null;
                    case "tasks" -> get ? LIST_TASKS : null;
                    default -> null;
                };
                case 2 -> switch (first) {
                    case "replications" -> get ? GET_REPLICATION : null;
                    case "tasks" -> get ? GET_TASK : null;
                    default -> null;
                };
                default -> null;
            };
        }
    }
}
