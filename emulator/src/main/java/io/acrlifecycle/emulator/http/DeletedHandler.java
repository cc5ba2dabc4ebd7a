package io.acrlifecycle.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.auth.AuthService;
import io.acrlifecycle.emulator.base.AcrErrors;
import io.acrlifecycle.emulator.base.Json;
import io.acrlifecycle.emulator.service.ListParams;
import io.acrlifecycle.emulator.service.Listing;
import io.acrlifecycle.emulator.service.SoftDeleteService;
import java.util.List;

/** The soft-delete API under {@code /acr/v1/_deleted/} (shapes from az CLI; no public swagger exists). */
public final class DeletedHandler {
    private final AuthService auth;
    private final SoftDeleteService softDelete;

    public DeletedHandler(AuthService auth, SoftDeleteService softDelete) {
        this.auth = auth;
        this.softDelete = softDelete;
    }

    public void handle(Call c) {
        List<String> s = c.segments(); // "acr", "v1", "_deleted", ...
        int n = s.size();
        String m = c.method();
        if (n == 4 && s.get(3).equals("_catalog") && m.equals("GET")) {
            auth.require(c.authorization(), c.host(), "registry", "deleted_catalog", "*", "*");
            ListParams p = c.listParams();
            c.listing(softDelete.catalog(p), "/acr/v1/_deleted/_catalog", p);
            return;
        }
        String list = n >= 5 ? s.get(n - 1) : "";
        if ((list.equals("_tags") || list.equals("_manifests")) && m.equals("GET")) {
            String repo = V2Handler.name(s, 3, n - 1);
            auth.require(c.authorization(), c.host(), "repository", repo, "deleted_read", "deleted_read");
            ListParams p = c.listParams();
            Listing page = list.equals("_tags") ? softDelete.tags(repo, p) : softDelete.manifests(repo, p);
            c.listing(page, "/acr/v1/_deleted/" + PathCodec.encodeName(repo) + "/" + list, p);
            return;
        }
        if (n >= 6 && s.get(n - 2).equals("_manifests") && m.equals("POST")) {
            String repo = V2Handler.name(s, 3, n - 2);
            auth.require(c.authorization(), c.host(), "repository", repo, "deleted_restore", "deleted_read,deleted_restore");
            String force = c.query("force");
            if (force != null && !force.equalsIgnoreCase("true") && !force.equalsIgnoreCase("false")) {
                throw AcrErrors.badRequest("INVALID_REQUEST", "force '" + force + "' is invalid; accepted: True, False");
            }
            JsonNode body = c.body().length == 0 ? Json.object() : c.jsonBody("INVALID_REQUEST");
            String tag = body.path("tag").isTextual() ? body.get("tag").asText() : null;
            c.json(200, softDelete.restore(repo, s.get(n - 1), tag, "true".equalsIgnoreCase(force)));
            return;
        }
        throw AcrErrors.methodUnknown(m, c.path());
    }
}
