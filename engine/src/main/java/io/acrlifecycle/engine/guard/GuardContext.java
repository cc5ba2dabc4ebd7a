package io.acrlifecycle.engine.guard;

import io.acrlifecycle.engine.guard.schedule.TaskPurgeReader;
import io.acrlifecycle.engine.guard.schedule.TaskPurgeReport;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.RegistryPolicies;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.registry.RegistryException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one decision reads, fetched once and shared by the checks: the repository snapshot, the registry's
 * policies and tasks (one ARM call each), and the resolved target. A failed ARM read is remembered with its message
 * so every check that needs it can say so instead of failing the decision.
 */
public final class GuardContext {

    private final CountingRegistry registry;
    private final GuardRequest request;
    private final Instant now;
    private final RepositorySnapshot snapshot;
    private Target target;
    private String restored;
    private Optional<RegistryPolicies> policies;
    private String policiesError;
    private Optional<TaskPurgeReport> tasks;
    private String tasksError;
    private final Map<Class<?>, Object> memo = new HashMap<>();

    public GuardContext(final CountingRegistry registry, final GuardRequest request, final Instant now) {
        this.registry = registry;
        this.request = request;
        this.now = now;
        this.snapshot = new RepositorySnapshot(registry, request.image().repository());
    }

    public CountingRegistry registry() {
        return registry;
    }

    public GuardRequest request() {
        return request;
    }

    public Instant now() {
        return now;
    }

    /** The end of the window, inclusive. */
    public Instant windowEnd() {
        return now.plus(request.windowLength());
    }

    public boolean isPush() {
        return request.stage() == Stage.PUSH;
    }

    public RepositorySnapshot snapshot() {
        return snapshot;
    }

    /** The target, resolved on first use with at most one tag read and one manifest read. */
    public Target target() {
        if (target == null) {
            String tag = request.image().tag();
            if (tag != null && PurgeWindowCheck.selectsRepository(this)) {
                snapshot.tagsNewestFirst(); // the simulation lists the tags anyway: take the tag from the listing
            }
            Optional<TagInfo> current = tag == null ? Optional.empty() : snapshot.tag(tag);
            String digest = request.expected();
            if (digest == null && !isPush()) {
                digest = current.map(TagInfo::digest).orElse(null);
            }
            Optional<ManifestInfo> manifest = digest == null ? Optional.empty() : snapshot.manifest(digest);
            target = new Target(request.image().repository(), tag, digest, current, manifest);
        }
        return target;
    }

    /**
     * After a successful restore in this decision: re-reads the restored tag (if any) and manifest, one point read
     * each through the remediation view (outside the decision's read budget, like the restore's own reads, and
     * counted in the calls reported), puts them into the snapshot and resolves the target again, so the checks that
     * follow judge the restored image. Throws {@link RegistryException} when the re-read fails; then nothing changes.
     */
    public void afterRestore(final String tag, final String digest) {
        CountingRegistry view = registry.forRemediation();
        String repo = request.image().repository();
        Optional<TagInfo> t = tag == null ? Optional.empty() : view.tag(repo, tag);
        Optional<ManifestInfo> m = view.manifest(repo, digest);
        snapshot.restored(tag, t, digest, m);
        restored = repo + (tag == null ? "" : ":" + tag) + "@" + digest;
        target = null;
    }

    /** What this decision restored ({@code repo:tag@digest}), or null. */
    public String restored() {
        return restored;
    }

    /** The registry's policies, or empty when ARM could not be read ({@link #policiesError()} says why). */
    public Optional<RegistryPolicies> policies() {
        if (policies == null) {
            try {
                policies = Optional.ofNullable(registry.policies());
            } catch (RegistryException | UnsupportedOperationException e) {
                policies = Optional.empty();
                policiesError = e.getMessage();
            }
        }
        return policies;
    }

    public String policiesError() {
        return policiesError;
    }

    /** The scheduled purges read from the registry's ACR tasks, or empty when ARM could not be read. */
    public Optional<TaskPurgeReport> tasks() {
        if (tasks == null) {
            try {
                tasks = Optional.of(new TaskPurgeReader(registry.loginServer()).read(registry.tasks()));
            } catch (RegistryException | UnsupportedOperationException e) {
                tasks = Optional.empty();
                tasksError = e.getMessage();
            }
        }
        return tasks;
    }

    public String tasksError() {
        return tasksError;
    }

    /** A value computed once per decision and shared by the checks of this package. */
    <T> T memo(final Class<T> type) {
        return type.cast(memo.get(type));
    }

    <T> T memo(final Class<T> type, final T value) {
        memo.put(type, value);
        return value;
    }

    /** {@code myregistry} from {@code myregistry.azurecr.io} (the name az CLI takes with {@code -r}), else the login server. */
    public String registryName() {
        String login = registry.loginServer();
        if (login == null) {
            return "<registry>";
        }
        int dot = login.indexOf(".azurecr.");
        return dot > 0 ? login.substring(0, dot) : login;
    }
}
