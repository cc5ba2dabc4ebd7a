package io.acrlifecycle.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.emulator.auth.AuthService;
import io.acrlifecycle.emulator.base.AcrErrors;
import io.acrlifecycle.emulator.service.ListParams;
import io.acrlifecycle.emulator.service.Listing;
import io.acrlifecycle.emulator.service.RegistryService;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/** ACR's metadata API under {@code /acr/v1/} (catalog, repository, tag and manifest attributes, deletes). */
public final class AcrV1Handler {
    private static final String BAD_PATCH = "INVALID_REQUEST";
    private final AuthService auth;
    private final RegistryService registry;

    private final Items tags;
    private final Items manifests;

    public AcrV1Handler(AuthService auth, RegistryService registry) {
        this.auth = auth;
        this.registry = registry;
        this.tags = new Items("_tags", "digest", registry::tags, registry::tag, registry::updateTag, registry::deleteTag);
        // ACR's SDKs delete manifests through /v2; the same delete is served under _manifests for completeness.
        this.manifests = new Items("_manifests", null, (repo, p, digest) -> registry.manifests(repo, p), registry::manifest,
                registry::updateManifest, registry::deleteManifest);
    }

    public void handle(Call c) {
        List<String> s = c.segments(); // "acr", "v1", ...
        String m = c.method();
        int n = s.size();
        if (n == 3 && s.get(2).equals("_catalog")) {
            if (!m.equals("GET")) {
                throw AcrErrors.methodUnknown(m, c.path());
            }
            auth.require(c.authorization(), c.host(), "registry", "catalog", "*", "*");
            ListParams p = c.listParams();
            c.listing(registry.catalog(p), "/acr/v1/_catalog", p, true);
            return;
        }
        int tagsAt = s.lastIndexOf("_tags");
        int marker = Math.max(tagsAt, s.lastIndexOf("_manifests"));
        if (marker >= 3 && marker >= n - 2) {
            String repo = V2Handler.name(s, 2, marker);
            String item = marker == n - 2 ? s.get(n - 1) : null;
            items(c, repo, item, marker == tagsAt ? tags : manifests);
            return;
        }
        if (n >= 3 && s.stream().skip(2).noneMatch(x -> x.startsWith("_"))) {
            repository(c, V2Handler.name(s, 2, n));
            return;
        }
        throw AcrErrors.methodUnknown(m, c.path());
    }

    private void repository(Call c, String repo) {
        switch (c.method()) {
            case "GET" -> {
                read(c, repo);
                c.json(200, registry.repository(repo));
            }
            case "PATCH" -> {
                write(c, repo);
                c.json(200, registry.updateRepository(repo, c.jsonBody(BAD_PATCH)));
            }
            case "DELETE" -> {
                delete(c, repo);
                c.json(202, registry.deleteRepository(repo));
            }
            default -> throw AcrErrors.methodUnknown(c.method(), c.path());
        }
    }

    /**
     * A collection under a repository ({@code _tags} or {@code _manifests}): its path segment, its listing filter
     * parameter (or null) and the service calls behind its routes, which are otherwise the same.
     */
    private record Items(String marker, String filter, Lister list, BiFunction<String, String, ObjectNode> get, Updater update,
            BiConsumer<String, String> delete) {
    }

    @FunctionalInterface
    private interface Lister {
        /** @param filter the value of the collection's filter parameter ({@code _tags?digest=}), or null */
        Listing list(String repo, ListParams p, String filter);
    }

    @FunctionalInterface
    private interface Updater {
        ObjectNode update(String repo, String item, JsonNode body);
    }

    private void items(Call c, String repo, String item, Items api) {
        if (item == null) {
            if (!c.method().equals("GET")) {
                throw AcrErrors.methodUnknown(c.method(), c.path());
            }
            read(c, repo);
            ListParams p = c.listParams();
            String value = api.filter() == null ? null : c.query(api.filter());
            c.listing(api.list().list(repo, p, value), "/acr/v1/" + PathCodec.encodeName(repo) + "/" + api.marker(), p,
                    api.filter(), value);
            return;
        }
        switch (c.method()) {
            case "GET" -> {
                read(c, repo);
                c.json(200, api.get().apply(repo, item));
            }
            case "PATCH" -> {
                write(c, repo);
                c.json(200, api.update().update(repo, item, c.jsonBody(BAD_PATCH)));
            }
            case "DELETE" -> {
                delete(c, repo);
                api.delete().accept(repo, item);
                c.empty(202);
            }
            default -> throw AcrErrors.methodUnknown(c.method(), c.path());
        }
    }

    private void read(Call c, String repo) {
        auth.require(c.authorization(), c.host(), "repository", repo, "metadata_read", "metadata_read");
    }

    private void write(Call c, String repo) {
        auth.require(c.authorization(), c.host(), "repository", repo, "metadata_write", "metadata_write");
    }

    private void delete(Call c, String repo) {
        auth.require(c.authorization(), c.host(), "repository", repo, "delete", "delete");
    }
}
