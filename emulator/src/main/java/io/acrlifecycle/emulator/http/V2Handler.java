package io.acrlifecycle.emulator.http;

import io.acrlifecycle.emulator.auth.AuthService;
import io.acrlifecycle.emulator.base.AcrErrors;
import io.acrlifecycle.emulator.base.Json;
import io.acrlifecycle.emulator.service.BlobService;
import io.acrlifecycle.emulator.service.ContentService;
import io.acrlifecycle.emulator.service.ListParams;
import io.acrlifecycle.emulator.service.RegistryService;
import java.util.List;

/** The OCI distribution API under {@code /v2/}. */
public final class V2Handler {
    private final AuthService auth;
    private final ContentService content;
    private final RegistryService registry;
    private final BlobService blobs;

    public V2Handler(AuthService auth, ContentService content, RegistryService registry, BlobService blobs) {
        this.auth = auth;
        this.content = content;
        this.registry = registry;
        this.blobs = blobs;
    }

    public void handle(Call c) {
        List<String> s = c.segments(); // s.get(0) == "v2"
        String m = c.method();
        if (s.size() == 1) {
            if (!m.equals("GET") && !m.equals("HEAD")) {
                throw AcrErrors.methodUnknown(m, c.path());
            }
            if (!auth.authenticated(c.authorization())) {
                throw auth.challenge(c.host(), null, null, null, null, "");
            }
            c.json(200, "{}");
            return;
        }
        if (s.size() == 2 && s.get(1).equals("_catalog") && m.equals("GET")) {
            auth.require(c.authorization(), c.host(), "registry", "catalog", "*", "*");
            ListParams p = c.listParams();
            c.listing(registry.catalog(p), "/v2/_catalog", p);
            return;
        }
        int n = s.size();
        if (n >= 4 && s.get(n - 2).equals("tags") && s.get(n - 1).equals("list") && m.equals("GET")) {
            String repo = name(s, 1, n - 2);
            auth.require(c.authorization(), c.host(), "repository", repo, "pull", "pull");
            ListParams p = c.listParams();
            c.listing(content.tagsList(repo, p), "/v2/" + repo + "/tags/list", p);
            return;
        }
        if (n >= 4 && s.get(n - 2).equals("manifests")) {
            manifests(c, name(s, 1, n - 2), s.get(n - 1));
            return;
        }
        if (n >= 4 && s.get(n - 2).equals("referrers") && m.equals("GET")) {
            String repo = name(s, 1, n - 2);
            auth.require(c.authorization(), c.host(), "repository", repo, "pull", "pull");
            String artifactType = c.query("artifactType");
            if (artifactType != null) {
                c.header("OCI-Filters-Applied", "artifactType");
            }
            c.json(200, content.referrers(repo, s.get(n - 1), artifactType));
            return;
        }
        int uploads = s.lastIndexOf("uploads");
        if (uploads >= 3 && s.get(uploads - 1).equals("blobs") && (uploads == n - 1 || uploads == n - 2)) {
            String repo = name(s, 1, uploads - 1);
            Uploads.handle(c, auth, blobs, repo, uploads == n - 2 ? s.get(n - 1) : null);
            return;
        }
        if (n >= 4 && s.get(n - 2).equals("blobs")) {
            blob(c, name(s, 1, n - 2), s.get(n - 1));
            return;
        }
        throw AcrErrors.methodUnknown(m, c.path());
    }

    private void manifests(Call c, String repo, String reference) {
        switch (c.method()) {
            case "GET", "HEAD" -> {
                auth.require(c.authorization(), c.host(), "repository", repo, "pull", "pull");
                ContentService.Pulled p = content.pull(repo, reference);
                c.header("Docker-Content-Digest", p.digest());
                c.header("ETag", "\"" + p.digest() + "\"");
                c.send(200, p.body(), p.mediaType());
            }
            case "PUT" -> {
                auth.require(c.authorization(), c.host(), "repository", repo, "push", "pull,push");
                String digest = content.push(repo, reference, c.header("Content-Type"), c.body());
                c.header("Docker-Content-Digest", digest);
                c.header("Location", "/v2/" + repo + "/manifests/" + digest);
                String subject = subjectOf(c.body());
                if (subject != null) {
                    c.header("OCI-Subject", subject);
                }
                c.empty(201);
            }
            case "DELETE" -> {
                auth.require(c.authorization(), c.host(), "repository", repo, "delete", "delete");
                registry.deleteManifest(repo, reference);
                c.empty(202);
            }
            default -> throw AcrErrors.methodUnknown(c.method(), c.path());
        }
    }

    private static String subjectOf(byte[] body) {
        try {
            var node = Json.parse(body).path("subject").path("digest");
            return node.isTextual() ? node.asText() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void blob(Call c, String repo, String digest) {
        switch (c.method()) {
            case "HEAD" -> {
                auth.require(c.authorization(), c.host(), "repository", repo, "pull", "pull");
                Long size = blobs.size(digest);
                if (size == null) {
                    blobs.blob(digest);
                }
                c.header("Docker-Content-Digest", digest);
                c.header("Content-Type", "application/octet-stream");
                c.header("Content-Length", Long.toString(size));
                c.headOnly(200);
            }
            case "GET" -> {
                auth.require(c.authorization(), c.host(), "repository", repo, "pull", "pull");
                byte[] b = blobs.blob(digest);
                c.header("Docker-Content-Digest", digest);
                c.header("Accept-Ranges", "bytes");
                long[] range = range(c.header("Range"), b.length);
                if (range == null) {
                    c.send(200, b, "application/octet-stream");
                } else {
                    c.header("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + b.length);
                    c.send(206, java.util.Arrays.copyOfRange(b, (int) range[0], (int) range[1] + 1), "application/octet-stream");
                }
            }
            case "DELETE" -> {
                auth.require(c.authorization(), c.host(), "repository", repo, "delete", "delete");
                blobs.deleteBlob(digest);
                c.empty(202);
            }
            default -> throw AcrErrors.methodUnknown(c.method(), c.path());
        }
    }

    /** A single {@code bytes=start-end} range clipped to the blob, or null for the whole blob; 416 when unsatisfiable. */
    private static long[] range(String header, long length) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return null;
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        try {
            long start;
            long end;
            if (dash == 0) {
                start = Math.max(0, length - Long.parseLong(spec.substring(1)));
                end = length - 1;
            } else {
                start = Long.parseLong(spec.substring(0, dash));
                end = dash == spec.length() - 1 ? length - 1 : Math.min(length - 1, Long.parseLong(spec.substring(dash + 1)));
            }
            if (start >= length || start > end) {
                throw AcrErrors.rangeInvalid(header, length);
            }
            return new long[] {start, end};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The repository name made of segments [from, to). */
    static String name(List<String> s, int from, int to) {
        return String.join("/", s.subList(from, to));
    }
}
