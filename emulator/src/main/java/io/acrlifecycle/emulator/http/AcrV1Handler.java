package io.acrlifecycle.emulator.http;

import io.acrlifecycle.emulator.auth.AuthService;
import io.acrlifecycle.emulator.service.ListParams;
import io.acrlifecycle.emulator.service.RegistryService;
import java.util.List;

/** ACR's metadata API under {@code /acr/v1/} (catalog, repository, tag and manifest attributes, deletes). */
public final class AcrV1Handler {
    private static final String BAD_PATCH = "INVALID_REQUEST";
    private final AuthService auth;
    private final RegistryService registry;

    public AcrV1Handler(AuthService auth, RegistryService registry) {
        this.auth = auth;
        this.registry = registry;
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
        int tags = s.lastIndexOf("_tags");
        int manifests = s.lastIndexOf("_manifests");
        int marker = Math.max(tags, manifests);
        if (marker >= 3 && marker >= n - 2) {
            String repo = V2Handler.name(s, 2, marker);
            String item = marker == n - 2 ? s.get(n - 1) : null;
            if (marker == tags) {
                tags(c, repo, item);
            } else {
                manifests(c, repo, item);
            }
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

    private void tags(Call c, String repo, String tag) {
        if (tag == null) {
            if (!c.method().equals("GET")) {
                throw AcrErrors.methodUnknown(c.method(), c.path());
            }
            read(c, repo);
            ListParams p = c.listParams();
            String digest = c.query("digest");
            c.listing(registry.tags(repo, p, digest), "/acr/v1/" + PathCodec.encodeName(repo) + "/_tags", p, "digest", digest);
            return;
        }
        switch (c.method()) {
            case "GET" -> {
                read(c, repo);
                c.json(200, registry.tag(repo, tag));
            }
            case "PATCH" -> {
                write(c, repo);
                c.json(200, registry.updateTag(repo, tag, c.jsonBody(BAD_PATCH)));
            }
            case "DELETE" -> {
                delete(c, repo);
                registry.deleteTag(repo, tag);
                c.empty(202);
            }
            default -> throw AcrErrors.methodUnknown(c.method(), c.path());
        }
    }

    private void manifests(Call c, String repo, String digest) {
        if (digest == null) {
            if (!c.method().equals("GET")) {
                throw AcrErrors.methodUnknown(c.method(), c.path());
            }
            read(c, repo);
            ListParams p = c.listParams();
            c.listing(registry.manifests(repo, p), "/acr/v1/" + PathCodec.encodeName(repo) + "/_manifests", p);
            return;
        }
        switch (c.method()) {
            case "GET" -> {
                read(c, repo);
                c.json(200, registry.manifest(repo, digest));
            }
            case "PATCH" -> {
                write(c, repo);
                c.json(200, registry.updateManifest(repo, digest, c.jsonBody(BAD_PATCH)));
            }
            case "DELETE" -> {
                // ACR's SDKs delete manifests through /v2; the same delete is served here for completeness.
                delete(c, repo);
                registry.deleteManifest(repo, digest);
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
