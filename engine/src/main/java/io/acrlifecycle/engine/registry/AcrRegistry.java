package io.acrlifecycle.engine.registry;

import com.azure.containers.containerregistry.ContainerRegistryClient;
import com.azure.containers.containerregistry.ContainerRegistryClientBuilder;
import com.azure.containers.containerregistry.models.ArtifactTagProperties;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.engine.json.Json;
import io.acrlifecycle.engine.model.DeleteOutcome;
import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.DeletedTag;
import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.model.ManifestContent;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.MediaTypes;
import io.acrlifecycle.engine.model.PolicyChange;
import io.acrlifecycle.engine.model.RegistryPolicies;
import io.acrlifecycle.engine.model.RegistryTask;
import io.acrlifecycle.engine.model.RegistryUsage;
import io.acrlifecycle.engine.model.TagInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link Registry} over one registry's data plane and ARM. Built by {@link Registries#open(RegistryConfig)}.
 *
 * <p><b>SDK or raw REST, per operation.</b> Every call, SDK or raw, goes through the same azure-core pipeline
 * (the SDK client is built with {@code builder.pipeline(ours)}): one HttpClient, one {@link AcrRetryPolicy}, one
 * {@link AcrChallengePolicy} and one token cache, for a TokenCredential and for username/password alike.
 * <ul>
 * <li>SDK ({@code azure-containers-containerregistry} 1.2.6): repository catalog ({@code listRepositoryNames}),
 * a single tag ({@code getTagProperties}), tag locks ({@code updateTagProperties}). The SDK covers them fully.</li>
 * <li>Raw: tag listing (the SDK only lists the tags of one manifest, {@code _tags?digest=}); manifest listing and
 * single manifest (the SDK model drops {@code mediaType}, which acr purge's rules need); manifest locks (same model);
 * deletes (the SDK turns 404 into 202 in {@code UtilsImpl.deleteResponseToSuccess}, so "already gone" could not
 * be reported); manifest bodies and referrers (not in the SDK, and its {@code getManifest} rejects bodies over
 * 4 MiB); every soft-delete endpoint (in no SDK or swagger); ARM (no SDK carries {@code softDeletePolicy}).</li>
 * </ul>
 * Listings are lazy and page with {@code n}/{@code last} via {@code Link}; repository names are percent-encoded like
 * the SDK ({@code team/app} → {@code team%2Fapp}).
 *
 * <p>Over 400 lines because it has one short method per {@link Registry} operation, each mapping it onto the
 * SDK or a raw call with its error translation; the HTTP details live in {@link Rest}, {@link ArmClient} and the
 * policies.
 */
public final class AcrRegistry implements Registry {
    
    private final RegistryConfig config;
    private final Rest data;
    private final ArmClient arm;
    private final String armUnavailable;
    private final ContainerRegistryClient sdk;

    private final Throttles throttles;

    AcrRegistry(RegistryConfig config, Rest data, Rest armRest, String armUnavailable) {
        this(config, data, armRest, armUnavailable, new Throttles());
    }

    AcrRegistry(RegistryConfig config, Rest data, Rest armRest, String armUnavailable, Throttles throttles) {
        this.throttles = throttles;
        this.config = config;
        this.data = data;
        this.armUnavailable = armUnavailable;
        this.arm = armRest == null ? null : new ArmClient(armRest, config.resourceId());
        this.sdk = new ContainerRegistryClientBuilder().endpoint(config.endpoint().toString())
                .pipeline(data.pipeline()).buildClient();
    }

    public RegistryConfig config() {
        return config;
    }

    @Override
    public AutoCloseable onThrottle(ThrottleListener listener) {
        return throttles.add(listener);
    }

    @Override
    public int pageSize() {
        return config.pageSize();
    }

    @Override
    public String loginServer() {
        return config.loginServer();
    }

    // ---- data plane -------------------------------------------------------------------------------------

    @Override
    public Iterable<String> repositories() {
        Operation op = Operation.read("list repositories", null);
        // by page, so that the configured page size is sent as n (the SDK follows Link itself)
        return () -> sdkIterator(() -> sdk.listRepositoryNames(Context.NONE)
                .streamByPage(config.pageSize()).flatMap(page -> page.getValue().stream()).iterator(), op);
    }

    @Override
    public Iterable<TagInfo> tags(String repository, boolean newestFirst) {
        Operation op = Operation.read("list tags", repository);
        String path = "/acr/v1/" + Paths.segment(repository) + "/_tags?n=" + config.pageSize()
                + (newestFirst ? "&orderby=timedesc" : "");
        return data.paged(path, "tags", op, t -> AcrJson.toTag(repository, t));
    }

    @Override
    public Iterable<ManifestInfo> manifests(String repository) {
        Operation op = Operation.read("list manifests", repository);
        String path = "/acr/v1/" + Paths.segment(repository) + "/_manifests?n=" + config.pageSize();
        return data.paged(path, "manifests", op, m -> AcrJson.toManifest(repository, m));
    }

    @Override
    public Optional<TagInfo> tag(String repository, String tag) {
        Operation op = Operation.read("read tag " + tag, repository);
        try {
            Response<ArtifactTagProperties> r = sdk.getRepository(repository).getArtifact(tag)
                    .getTagPropertiesWithResponse(tag, Context.NONE);
            return Optional.of(toTag(repository, r.getValue()));
        } catch (HttpResponseException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw map(e, op);
        } catch (RuntimeException e) {
            throw map(e, op);
        }
    }

    @Override
    public Optional<ManifestInfo> manifest(String repository, String digest) {
        Operation op = Operation.read("read manifest " + digest, repository);
        Rest.Answer a = data.get("/acr/v1/" + Paths.segment(repository) + "/_manifests/" + Paths.segment(digest),
                op, Set.of(200, 404));
        return a.status() == 404 ? Optional.empty()
                : Optional.of(AcrJson.toManifest(repository, a.json().path("manifest")));
    }

    @Override
    public Optional<ManifestContent> manifestContent(String repository, String digest) {
        Operation op = Operation.read("read manifest body " + digest, repository);
        Rest.Answer a = data.send(HttpMethod.GET, "/v2/" + Paths.segment(repository) + "/manifests/"
                + Paths.segment(digest), MediaTypes.ACCEPT_ALL, null, null, op, Set.of(200, 404));
        if (a.status() == 404) {
            return Optional.empty();
        }
        String computed = AcrJson.sha256(a.body());
        if (digest.startsWith("sha256:") && !digest.equals(computed)) {
            throw new RegistryException(RegistryErrors.where(data.registry(), op) + " failed: the body's sha256 is "
                    + computed + ", not the requested digest; the registry or a proxy altered it", 200,
                    "DIGEST_INVALID", null);
        }
        JsonNode body = a.json();
        String mediaType = body.path("mediaType").asText(null);
        if (mediaType == null) {
            String ct = a.header("Content-Type");
            mediaType = ct == null ? null : ct.split(";")[0].trim();
        }
        List<String> children = new ArrayList<>();
        if (MediaTypes.isIndex(mediaType) || body.has("manifests")) {
            body.path("manifests").forEach(m -> children.add(m.path("digest").asText()));
        }
        String subject = body.path("subject").path("digest").asText(null);
        return Optional.of(new ManifestContent(computed, mediaType, subject, children, a.body().length));
    }

    @Override
    public List<String> referrers(String repository, String subjectDigest) {
        Operation op = Operation.read("list referrers of " + subjectDigest, repository);
        List<String> out = new ArrayList<>();
        for (String d : data.paged("/v2/" + Paths.segment(repository) + "/referrers/" + Paths.segment(subjectDigest),
                "manifests", op, m -> m.path("digest").asText())) {
            out.add(d);
        }
        return out;
    }

    @Override
    public DeleteOutcome deleteTag(String repository, String tag) {
        Operation op = new Operation("delete tag " + tag, repository, Operation.Kind.DELETE);
        return delete("/acr/v1/" + Paths.segment(repository) + "/_tags/" + Paths.segment(tag), op);
    }

    @Override
    public DeleteOutcome deleteManifest(String repository, String digest) {
        Operation op = new Operation("delete manifest " + digest, repository, Operation.Kind.DELETE);
        return delete("/v2/" + Paths.segment(repository) + "/manifests/" + Paths.segment(digest), op);
    }

    private DeleteOutcome delete(String path, Operation op) {
        Rest.Answer a = data.send(HttpMethod.DELETE, path, null, null, null, op, Set.of(200, 202, 204, 404, 405));
        return switch (a.status()) {
            case 404 -> DeleteOutcome.NOT_FOUND;
            case 405 -> DeleteOutcome.LOCKED;
            default -> DeleteOutcome.DELETED;
        };
    }

    @Override
    public TagInfo updateTagLocks(String repository, String tag, Locks locks) {
        Operation op = new Operation("update locks of tag " + tag, repository, Operation.Kind.WRITE_METADATA);
        try {
            ArtifactTagProperties p = new ArtifactTagProperties().setDeleteEnabled(locks.deleteEnabled())
                    .setWriteEnabled(locks.writeEnabled()).setReadEnabled(locks.readEnabled())
                    .setListEnabled(locks.listEnabled());
            return toTag(repository, sdk.getRepository(repository).getArtifact(tag)
                    .updateTagPropertiesWithResponse(tag, p, Context.NONE).getValue());
        } catch (RuntimeException e) {
            throw map(e, op);
        }
    }

    @Override
    public ManifestInfo updateManifestLocks(String repository, String digest, Locks locks) {
        Operation op = new Operation("update locks of manifest " + digest, repository,
                Operation.Kind.WRITE_METADATA);
        byte[] body = Json.write(Map.of("deleteEnabled", locks.deleteEnabled(), "writeEnabled", locks.writeEnabled(),
                "readEnabled", locks.readEnabled(), "listEnabled", locks.listEnabled()))
                .getBytes(StandardCharsets.UTF_8);
        Rest.Answer a = data.send(HttpMethod.PATCH, "/acr/v1/" + Paths.segment(repository) + "/_manifests/"
                + Paths.segment(digest), null, "application/json", body, op, Set.of(200));
        return AcrJson.toManifest(repository, a.json().path("manifest"));
    }

    // ---- soft delete ------------------------------------------------------------------------------------

    @Override
    public Iterable<String> deletedRepositories() {
        Operation op = new Operation("list soft-deleted repositories", null, Operation.Kind.DELETED_READ);
        return data.paged("/acr/v1/_deleted/_catalog?n=" + config.pageSize(), "repositories", op,
                r -> r.isTextual() ? r.asText() : r.path("repository").asText(r.path("name").asText()));
    }

    /** Soft-deleted repositories with their times; {@code expiresAt} uses the current retentionDays. */
    public List<DeletedRepository> deletedRepositoryEntries() {
        return deletedRepositoryEntries(currentRetentionDays());
    }

    /** As {@link #deletedRepositoryEntries()}, with retentionDays already read (null: expiry unknown). */
    @Override
    public List<DeletedRepository> deletedRepositoryEntries(Integer days) {
        Operation op = new Operation("list soft-deleted repositories", null, Operation.Kind.DELETED_READ);
        List<DeletedRepository> out = new ArrayList<>();
        for (JsonNode r : data.paged("/acr/v1/_deleted/_catalog?n=" + config.pageSize(), "repositories", op, r -> r)) {
            String name = r.isTextual() ? r.asText() : r.path("repository").asText(r.path("name").asText());
            Instant deletedAt = AcrJson.instant(r.path("deletedAt"));
            out.add(new DeletedRepository(name, AcrJson.instant(r.path("createdAt")), deletedAt,
                    SoftDeleteTimes.expiresAt(deletedAt, days)));
        }
        return out;
    }

    @Override
    public Iterable<DeletedManifest> deletedManifests(String repository) {
        return deletedManifests(repository, null, true);
    }

    /**
     * As {@link #deletedManifests(String)}, with retentionDays already read, so that a registry-wide listing reads
     * the policy once rather than once per repository (null: expiry unknown).
     */
    @Override
    public Iterable<DeletedManifest> deletedManifests(String repository, Integer retentionDays) {
        return deletedManifests(repository, retentionDays, false);
    }

    private Iterable<DeletedManifest> deletedManifests(String repository, Integer givenDays, boolean readDays) {
        Operation op = new Operation("list soft-deleted manifests", repository, Operation.Kind.DELETED_READ);
        String path = "/acr/v1/_deleted/" + Paths.segment(repository) + "/_manifests?n=" + config.pageSize();
        return () -> {
            // The tag join and the retention days are read when iteration starts, so expiry uses the current days.
            Map<String, List<String>> tagsByDigest = new LinkedHashMap<>();
            for (DeletedTag t : deletedTags(repository)) {
                List<String> tags = tagsByDigest.computeIfAbsent(t.digest(), d -> new ArrayList<>());
                if (!tags.contains(t.tag())) {
                    tags.add(t.tag());
                }
            }
            Integer days = readDays ? currentRetentionDays() : givenDays;
            Iterator<JsonNode> it = data.paged(path, "manifests", op, m -> m).iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public DeletedManifest next() {
                    JsonNode m = it.next();
                    String digest = m.path("digest").asText();
                    List<String> tags = new ArrayList<>(tagsByDigest.getOrDefault(digest, List.of()));
                    m.path("tags").forEach(t -> {
                        if (!tags.contains(t.asText())) {
                            tags.add(t.asText());
                        }
                    });
                    Instant deletedAt = AcrJson.instant(m.path("deletedAt"));
                    long size = m.has("imageSize") ? m.path("imageSize").asLong(-1)
                            : m.has("size") ? m.path("size").asLong(-1) : -1;
                    return new DeletedManifest(repository, digest, tags, AcrJson.instant(m.path("createdAt")),
                            deletedAt,
                            SoftDeleteTimes.expiresAt(deletedAt, days), size,
                            m.hasNonNull("mediaType") ? m.path("mediaType").asText() : null);
                }
            };
        };
    }

    @Override
    public Iterable<DeletedTag> deletedTags(String repository) {
        Operation op = new Operation("list soft-deleted tags", repository, Operation.Kind.DELETED_READ);
        return data.paged("/acr/v1/_deleted/" + Paths.segment(repository) + "/_tags?n=" + config.pageSize(), "tags", op,
                t -> new DeletedTag(repository, t.path("tag").asText(t.path("name").asText()),
                        t.path("digest").asText(), AcrJson.instant(t.path("createdAt")),
                        AcrJson.instant(t.path("deletedAt"))));
    }

    @Override
    public void restore(String repository, String digest, String tag, boolean force) {
        Operation op = new Operation("restore manifest " + digest + (tag == null ? "" : " as tag " + tag),
                repository, Operation.Kind.RESTORE);
        // az CLI sends force=True/False (Python requests' rendering of a bool); the service accepts that form.
        String path = "/acr/v1/_deleted/" + Paths.segment(repository) + "/_manifests/" + Paths.segment(digest)
                + "?force=" + (force ? "True" : "False");
        byte[] body = tag == null ? "{}".getBytes(StandardCharsets.UTF_8)
                : Json.write(Map.of("tag", tag)).getBytes(StandardCharsets.UTF_8);
        data.send(HttpMethod.POST, path, null, "application/json", body, op, Set.of(200, 201, 202, 204));
    }

    /** The soft-delete retentionDays now, or null when ARM is not reachable with this configuration. */
    @Override
    public Integer currentRetentionDays() {
        if (arm == null) {
            return null;
        }
        try {
            return arm.policies().softDeleteRetentionDays();
        } catch (AuthenticationFailedException e) {
            throw e;
        } catch (RegistryException e) {
            config.log().warn("expiry of soft-deleted items is unknown: " + e.getMessage());
            return null;
        }
    }

    // ---- ARM ---------------------------------------------------------------------------------------------

    @Override
    public RegistryPolicies policies() {
        return arm().policies();
    }

    @Override
    public RegistryPolicies updatePolicies(PolicyChange change) {
        return arm().update(change);
    }

    @Override
    public List<RegistryTask> tasks() {
        return arm().tasks();
    }

    @Override
    public List<RegistryUsage> usages() {
        return arm().usages();
    }

    /** True when ARM calls are possible (resource id and an Azure AD credential were given). */
    public boolean hasArm() {
        return arm != null;
    }

    private ArmClient arm() {
        if (arm == null) {
            throw new RegistryException("ARM operation on registry " + config.loginServer() + " is not possible: "
                    + armUnavailable, 0, null, null);
        }
        return arm;
    }

    @Override
    public void close() {
        // The JDK HttpClient has no close in Java 17; nothing else holds resources.
    }

    @Override
    public String toString() {
        return "AcrRegistry{" + config.loginServer() + "}";
    }

    // ---- mapping -------------------------------------------------------------------------------------------

    private <T> Iterator<T> sdkIterator(Supplier<Iterator<T>> source, Operation op) {
        Iterator<T> it;
        try {
            it = source.get();
        } catch (RuntimeException e) {
            throw map(e, op);
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return it.hasNext();
                } catch (RuntimeException e) {
                    throw map(e, op);
                }
            }

            @Override
            public T next() {
                try {
                    return it.next();
                } catch (RuntimeException e) {
                    throw map(e, op);
                }
            }
        };
    }

    private RegistryException map(RuntimeException e, Operation op) {
        if (e instanceof RegistryException re) {
            return re;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RegistryException re) {
                return re;
            }
            if (t instanceof HttpResponseException h && h.getResponse() != null) {
                com.azure.core.http.HttpResponse r = h.getResponse();
                Challenge c = Challenge.parse(r.getHeaderValue(com.azure.core.http.HttpHeaderName.WWW_AUTHENTICATE));
                if (r.getStatusCode() == 401 && c != null && c.scope() != null && r.getRequest() != null
                        && r.getRequest().getHeaders().getValue(com.azure.core.http.HttpHeaderName.AUTHORIZATION)
                                != null) {
                    return RegistryErrors.insufficientScope(data.registry(), op, c.scope());
                }
                String body = "";
                Object value = h.getValue();
                if (value instanceof com.azure.core.models.ResponseError err) {
                    body = Json.write(Map.of("errors", List.of(Map.of("code", String.valueOf(err.getCode()),
                            "message", String.valueOf(err.getMessage())))));
                }
                return RegistryErrors.fromResponse(data.registry(), op, r.getStatusCode(), body,
                        AcrRetryPolicy.serverDelay(r.getHeaders()));
            }
        }
        return RegistryErrors.unavailable(data.registry(), op, e);
    }

    private static TagInfo toTag(String repository, ArtifactTagProperties p) {
        return new TagInfo(repository, p.getName(), p.getDigest(), instant(p.getCreatedOn()),
                instant(p.getLastUpdatedOn()), new Locks(bool(p.isDeleteEnabled()), bool(p.isWriteEnabled()),
                        bool(p.isReadEnabled()), bool(p.isListEnabled())));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static boolean bool(Boolean b) {
        return b == null || b;
    }

}
