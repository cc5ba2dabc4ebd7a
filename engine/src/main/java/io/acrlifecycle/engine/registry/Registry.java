package io.acrlifecycle.engine.registry;

import io.acrlifecycle.engine.model.DeleteOutcome;
import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.DeletedTag;
import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.model.ManifestContent;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.PolicyChange;
import io.acrlifecycle.engine.model.RegistryPolicies;
import io.acrlifecycle.engine.model.RegistryTask;
import io.acrlifecycle.engine.model.RegistryUsage;
import io.acrlifecycle.engine.model.TagInfo;
import java.util.List;
import java.util.Optional;

/**
 * Everything the engine asks of one registry: the data plane, the soft-delete endpoints and the ARM subset.
 * Listings are lazy and paged ({@code n}/{@code last}/{@code Link}), so memory does not grow with the registry.
 * Every failure is an {@link RegistryException} whose message never carries a secret.
 */
public interface Registry extends AutoCloseable {

    /** The login server, e.g. {@code myregistry.azurecr.io}. */
    String loginServer();

    // ---- data plane -------------------------------------------------------------------------------------

    Iterable<String> repositories();

    /** Tags of one repository; {@code newestFirst} sends {@code orderby=timedesc} (acr purge's order). */
    Iterable<TagInfo> tags(String repository, boolean newestFirst);

    /**
     * Entries per page of a listing ({@code n}); callers weigh a full listing against per-item reads with it.
     * The default is the registry layer's default page size.
     */
    default int pageSize() {
        return RegistryConfig.DEFAULT_PAGE_SIZE;
    }

    /**
     * Hears every throttled answer (429/503) of this registry's calls, also the ones its retry policy retries on its
     * own, until the returned handle is closed. The default hears nothing (a registry without an HTTP retry policy).
     */
    default AutoCloseable onThrottle(ThrottleListener listener) {
        return () -> { };
    }

    /** Manifests of one repository, tagged and untagged. */
    Iterable<ManifestInfo> manifests(String repository);

    Optional<TagInfo> tag(String repository, String tag);

    Optional<ManifestInfo> manifest(String repository, String digest);

    /** Reads and digests the manifest body: children of an index, subject of a referrer. Empty when 404. */
    Optional<ManifestContent> manifestContent(String repository, String digest);

    /** Referrers of a subject ({@code /v2/{repo}/referrers/{digest}}), as digests. */
    List<String> referrers(String repository, String subjectDigest);

    DeleteOutcome deleteTag(String repository, String tag);

    /** Deletes a manifest and every tag on it. */
    DeleteOutcome deleteManifest(String repository, String digest);

    TagInfo updateTagLocks(String repository, String tag, Locks locks);

    ManifestInfo updateManifestLocks(String repository, String digest, Locks locks);

    // ---- soft delete (data plane, not in any SDK) --------------------------------------------------------

    Iterable<String> deletedRepositories();

    /** Soft-deleted manifests of one repository, with former tags and expiresAt filled in. */
    Iterable<DeletedManifest> deletedManifests(String repository);

    Iterable<DeletedTag> deletedTags(String repository);

    /**
     * The soft-delete retention in days now, read once per listing so every expiry in it uses the same days; null
     * when it cannot be read (expiry then unknown). A refused credential is thrown: every later call would fail
     * the same way.
     */
    default Integer currentRetentionDays() {
        try {
            return policies().softDeleteRetentionDays();
        } catch (AuthenticationFailedException e) {
            throw e;
        } catch (RegistryException e) {
            return null;
        }
    }

    /** As {@link #deletedManifests(String)}, with {@code expiresAt} from {@code retentionDays} (null: unknown). */
    default Iterable<DeletedManifest> deletedManifests(String repository, Integer retentionDays) {
        return deletedManifests(repository);
    }

    /** Soft-deleted repositories with their times; {@code expiresAt} from {@code retentionDays} (null: unknown). */
    default List<DeletedRepository> deletedRepositoryEntries(Integer retentionDays) {
        List<DeletedRepository> out = new java.util.ArrayList<>();
        deletedRepositories().forEach(n -> out.add(new DeletedRepository(n, null, null, null)));
        return out;
    }

    /**
     * {@code POST /acr/v1/_deleted/{repo}/_manifests/{digest}?force=} with {@code {"tag":...}}.
     * Throws {@link RegistryException} for conflicts (without force) and for items that are gone.
     */
    void restore(String repository, String digest, String tag, boolean force);

    // ---- ARM (needs the registry's resource id) ----------------------------------------------------------

    RegistryPolicies policies();

    /** PATCHes the registry's policies and returns what ARM answered. */
    RegistryPolicies updatePolicies(PolicyChange change);

    List<RegistryTask> tasks();

    List<RegistryUsage> usages();

    @Override
    void close();
}
