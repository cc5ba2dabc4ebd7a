package io.acrlifecycle.emulator.http;

import io.acrlifecycle.emulator.auth.AuthService;
import io.acrlifecycle.emulator.base.AcrErrors;
import io.acrlifecycle.emulator.service.BlobService;

/** Blob upload sessions: {@code POST /v2/{name}/blobs/uploads/} and the session URL (PATCH, PUT, GET, DELETE). */
final class Uploads {
    private Uploads() {
    }

    static void handle(Call c, AuthService auth, BlobService blobs, String repo, String id) {
        auth.require(c.authorization(), c.host(), "repository", repo, "push", "pull,push");
        String m = c.method();
        if (id == null) {
            if (!m.equals("POST")) {
                throw AcrErrors.methodUnknown(m, c.path());
            }
            String mount = c.query("mount");
            if (mount != null && blobs.exists(mount)) {
                created(c, repo, mount);
                return;
            }
            String digest = c.query("digest");
            if (digest != null) {
                blobs.put(c.body(), digest);
                created(c, repo, digest);
                return;
            }
            String uuid = blobs.start(repo);
            accepted(c, repo, uuid, 0);
            return;
        }
        switch (m) {
            case "PATCH" -> {
                Long start = rangeStart(c.header("Content-Range"));
                long size = blobs.append(repo, id, c.body(), start);
                accepted(c, repo, id, size);
            }
            case "PUT" -> {
                String digest = c.query("digest");
                blobs.finish(repo, id, c.body(), digest);
                created(c, repo, digest);
            }
            case "GET" -> {
                long size = blobs.size(repo, id);
                c.header("Docker-Upload-UUID", id);
                c.header("Range", "0-" + Math.max(0, size - 1));
                c.header("Location", location(repo, id));
                c.empty(204);
            }
            case "DELETE" -> {
                blobs.cancel(repo, id);
                c.empty(204);
            }
            default -> throw AcrErrors.methodUnknown(m, c.path());
        }
    }

    private static void created(Call c, String repo, String digest) {
        c.header("Docker-Content-Digest", digest);
        c.header("Location", "/v2/" + repo + "/blobs/" + digest);
        c.empty(201);
    }

    private static void accepted(Call c, String repo, String id, long size) {
        c.header("Docker-Upload-UUID", id);
        c.header("Location", location(repo, id));
        c.header("Range", "0-" + Math.max(0, size - 1));
        c.empty(202);
    }

    private static String location(String repo, String id) {
        return "/v2/" + repo + "/blobs/uploads/" + id;
    }

    private static Long rangeStart(String contentRange) {
        if (contentRange == null || contentRange.isBlank()) {
            return null;
        }
        String v = contentRange.trim();
        if (v.startsWith("bytes")) {
            v = v.substring(5).trim().replace("=", "").trim();
        }
        int dash = v.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? v : v.substring(0, dash));
        } catch (NumberFormatException e) {
            throw AcrErrors.badRequest("BLOB_UPLOAD_INVALID", "Content-Range '" + contentRange + "' is not <start>-<end>");
        }
    }
}
