package io.acrlifecycle.emulator.service;

import io.acrlifecycle.emulator.store.ManifestRec;
import io.acrlifecycle.emulator.store.RegistryStore;
import io.acrlifecycle.emulator.store.Repo;
import java.time.Duration;
import java.time.Instant;

/**
 * The untagged-manifest retention policy: a manifest untagged after the policy was enabled is deleted
 * permanently {@code days} after it lost its last tag, unless it is delete-locked, a referrer (its lifetime follows
 * its subject), or a child of a live index. Evaluated lazily, by the emulator clock.
 */
public final class RetentionService {
    private final Env env;
    private final Removals removals;

    public RetentionService(Env env, Removals removals) {
        this.env = env;
        this.removals = removals;
    }

    /** Caller holds the store lock. */
    public void runDue(Instant now) {
        RegistryStore store = env.store();
        if (!env.registry().retentionEnabled()) {
            return;
        }
        Duration days = Duration.ofDays(env.registry().retentionDays());
        Instant enabledAt = env.registry().retentionEnabledAt();
        for (var e = store.firstRetention(); e != null; e = store.firstRetention()) {
            if (e.untaggedAt().plus(days).isAfter(now)) {
                return;
            }
            store.pollRetention();
            store.markDirty(e.repo());
            Repo r = store.repo(e.repo());
            ManifestRec m = r == null ? null : r.manifest(e.digest());
            if (m == null || !m.tags.isEmpty() || m.untaggedAt == null || !m.untaggedAt.equals(e.untaggedAt())) {
                continue;
            }
            if (enabledAt != null && e.untaggedAt().isBefore(enabledAt)) {
                continue;
            }
            if (m.attrs.deleteLocked() || m.subject != null || childOfLiveIndex(r, m)) {
                continue;
            }
            for (ManifestRec x : removals.withReferrers(r, m)) {
                removals.deleteManifest(r, x, now, false);
            }
            removals.dropIfEmpty(r);
        }
    }

    private static boolean childOfLiveIndex(Repo r, ManifestRec m) {
        for (ManifestRec p : r.manifests()) {
            if (!p.children.isEmpty() && p.children.stream().anyMatch(c -> c.digest().equals(m.digest))) {
                return true;
            }
        }
        return false;
    }
}
