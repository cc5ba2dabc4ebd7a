package io.acrlifecycle.emulator.arm;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The api-versions the emulator accepts, per ARM resource type, and which of them know {@code softDeletePolicy}.
 * The lists follow the folders of Azure/azure-rest-api-specs for Microsoft.ContainerRegistry (registries) and
 * ContainerRegistryTasks (tasks); ARM registers api-versions per resource type, so a registry version is refused
 * on a task path and vice versa.
 */
final class ApiVersions {
    static final String REGISTRIES = "registries";
    static final String TASKS = "registries/tasks";
    static final String REPLICATIONS = "registries/replications";

    /** First api-version whose {@code Policies} has {@code softDeletePolicy} (named by the service's own error). */
    static final String FIRST_SOFT_DELETE_VERSION = "2022-02-01-preview";

    static final List<String> REGISTRY_VERSIONS = List.of(
            "2017-10-01", "2019-05-01", "2019-12-01-preview", "2020-11-01-preview", "2021-06-01-preview",
            "2021-08-01-preview", "2021-09-01", "2021-12-01-preview", "2022-02-01-preview", "2022-12-01",
            "2023-01-01-preview", "2023-06-01-preview", "2023-07-01", "2023-08-01-preview", "2023-11-01-preview",
            "2024-11-01-preview", "2025-03-01-preview", "2025-04-01", "2025-05-01-preview", "2025-06-01-preview",
            "2025-11-01");

    static final List<String> TASK_VERSIONS = List.of(
            "2018-09-01", "2019-04-01", "2019-06-01-preview", "2025-03-01-preview");

    private static final Map<String, List<String>> BY_TYPE = Map.of(
            REGISTRIES, REGISTRY_VERSIONS, REPLICATIONS, REGISTRY_VERSIONS, TASKS, TASK_VERSIONS);

    private static final Pattern WELL_FORMED = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-[A-Za-z]+)?");

    private ApiVersions() {
    }

    /**
     * Checks the {@code api-version} query parameter as ARM does, before the resource is looked up.
     *
     * @return the version, lower-cased
     */
    static String require(String apiVersion, String resourceType, String location) {
        if (apiVersion == null || apiVersion.isBlank()) {
            throw ArmException.badRequest("MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.");
        }
        List<String> supported = BY_TYPE.get(resourceType);
        String version = apiVersion.trim().toLowerCase(java.util.Locale.ROOT);
        if (!WELL_FORMED.matcher(version).matches()) {
            throw ArmException.badRequest("InvalidApiVersionParameter", "The api-version '" + apiVersion
                    + "' is invalid. The supported versions are '" + String.join(",", supported) + "'.");
        }
        if (!supported.contains(version)) {
            // ARM's answer for a well-formed version that the provider has not registered for this type.
            throw ArmException.badRequest("NoRegisteredProviderFound", "No registered resource provider found for location '"
                    + location + "' and API version '" + apiVersion + "' for type '" + resourceType
                    + "'. The supported api-versions are '" + String.join(", ", supported)
                    + "'. The supported locations are '" + location + "'.");
        }
        return version;
    }

    /** {@code softDeletePolicy} exists only in preview api-versions from 2022-02-01-preview on. */
    static boolean hasSoftDeletePolicy(String version) {
        return version.endsWith("-preview") && version.compareTo(FIRST_SOFT_DELETE_VERSION) >= 0;
    }
}
