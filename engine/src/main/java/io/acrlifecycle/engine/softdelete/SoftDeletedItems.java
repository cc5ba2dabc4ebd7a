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
        List<DeletedManifest> manifests = new ArrayList<>();
        registry.deletedManifests(repository).forEach(manifests::add);
        List<DeletedTag> tags = new ArrayList<>();
        registry.deletedTags(repository).forEach(tags::add);
        List<DeletedRepository> repos = deletedRepositories().stream()
                .filter(r -> r.name().equals(repository)).toList();
        return new Listing(repos, manifests, tags);
    }

    /** Everything soft-deleted in the registry: every live and every soft-deleted repository is visited. */
    public Listing registryWide() {
        List<DeletedRepository> repos = deletedRepositories();
        Set<String> names = new LinkedHashSet<>();
        registry.repositories().forEach(names::add);
        repos.forEach(r -> names.add(r.name()));
        List<DeletedManifest> manifests = new ArrayList<>();
        List<DeletedTag> tags = new ArrayList<>();
        for (String name : names) {
            registry.deletedManifests(name).forEach(manifests::add);
            registry.deletedTags(name).forEach(tags::add);
        }
        return new Listing(repos, manifests, tags);
    }

    private List<DeletedRepository> deletedRepositories() {
        if (registry instanceof AcrRegistry acr) {
            return acr.deletedRepositoryEntries();
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
