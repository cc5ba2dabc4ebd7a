package io.acrlifecycle.engine.softdelete;

import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.DeletedTag;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.registry.DeletedRepository;
import io.acrlifecycle.engine.registry.Registry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Lists soft-deleted repositories, manifests (with former tags, deletedAt, expiresAt = deletedAt + the CURRENT
 * retentionDays, and size where known) and tag records, for one repository or the whole registry.
 */
public final class SoftDeletedItems {
    private final Registry registry;

    public SoftDeletedItems(Registry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Everything soft-deleted in one repository (live or soft-deleted itself). */
    public Listing repository(String repository) {
        Integer days = retentionDays();
        List<DeletedManifest> manifests = new ArrayList<>();
        deletedManifests(repository, days).forEach(manifests::add);
        List<DeletedTag> tags = new ArrayList<>();
        registry.deletedTags(repository).forEach(tags::add);
        List<DeletedRepository> repos = deletedRepositories(days).stream()
                .filter(r -> r.name().equals(repository)).toList();
        return new Listing(repos, manifests, tags);
    }

    /** Everything soft-deleted in the registry: every live and every soft-deleted repository is visited. */
    public Listing registryWide() {
        return matching(name -> true);
    }

    /**
     * Everything soft-deleted in the repositories whose names pass {@code names}, live or soft-deleted themselves
     * (point-in-time recovery with a repository filter).
     */
    public Listing matching(Predicate<String> names) {
        Integer days = retentionDays();
        List<DeletedRepository> repos = deletedRepositories(days).stream().filter(r -> names.test(r.name())).toList();
        Set<String> visited = new LinkedHashSet<>();
        registry.repositories().forEach(n -> {
            if (names.test(n)) {
                visited.add(n);
            }
        });
        repos.forEach(r -> visited.add(r.name()));
        List<DeletedManifest> manifests = new ArrayList<>();
        List<DeletedTag> tags = new ArrayList<>();
        for (String name : visited) {
            deletedManifests(name, days).forEach(manifests::add);
            registry.deletedTags(name).forEach(tags::add);
        }
        return new Listing(repos, manifests, tags);
    }

    /** Read once per listing: expiry uses the current days, and one ARM call is enough. */
    private Integer retentionDays() {
        return registry instanceof AcrRegistry acr ? acr.currentRetentionDays() : null;
    }

    private Iterable<DeletedManifest> deletedManifests(String repository, Integer days) {
        return registry instanceof AcrRegistry acr ? acr.deletedManifests(repository, days)
                : registry.deletedManifests(repository);
    }

    private List<DeletedRepository> deletedRepositories(Integer days) {
        if (registry instanceof AcrRegistry acr) {
            return acr.deletedRepositoryEntries(days);
        }
        List<DeletedRepository> out = new ArrayList<>();
        registry.deletedRepositories().forEach(n -> out.add(new DeletedRepository(n, null, null, null)));
        return out;
    }

    /** A listing; {@code totalKnownBytes} sums the manifests whose size is known. */
    public record Listing(List<DeletedRepository> repositories, List<DeletedManifest> manifests,
            List<DeletedTag> tags) {
        public Listing {
            repositories = List.copyOf(repositories);
            manifests = List.copyOf(manifests);
            tags = List.copyOf(tags);
        }

        public long totalKnownBytes() {
            return manifests.stream().filter(m -> m.size() >= 0).mapToLong(DeletedManifest::size).sum();
        }

        public long unknownSizeCount() {
            return manifests.stream().filter(m -> m.size() < 0).count();
        }
    }
}
