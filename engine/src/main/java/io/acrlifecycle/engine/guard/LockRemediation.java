package io.acrlifecycle.engine.guard;

import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.model.ManifestContent;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.registry.NotFoundException;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.registry.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Locks the deployed tag and manifest (no delete, no overwrite; read and list as they were) so acr purge and the
 * retention policy skip them; for an index also its platform manifests, since acr purge does not let a locked index
 * shield its children. {@link #unlock} undoes it.
 */
final class LockRemediation {

    static final String LOCK = "lock";

    private LockRemediation() {
    }

    static CheckResult lock(final GuardContext ctx, final List<LockedItem> locked, final List<String> includeLocked) {
        Target t = ctx.target();
        if (ctx.isPush()) {
            return CheckResult.warn(LOCK, "not locked: this is the push stage and the new manifest is not in the"
                    + " registry yet; run the guard with lock in the deploy stage (or after the push)", null, null);
        }
        if (t.manifest().isEmpty()) {
            return CheckResult.warn(LOCK, "not locked: " + t.display() + " does not exist", null, null);
        }
        try {
            apply(ctx.registry(), t.repository(), t.tag() == null ? null : t.currentTag().orElse(null),
                    t.manifest().get(), true, locked, ctx.snapshot()::content);
        } catch (RegistryException e) {
            return CheckResult.warn(LOCK, "locking failed after " + locked.size() + " item(s): " + e.getMessage(),
                    null, locked.stream().map(LockedItem::toString).toList());
        }
        List<String> details = new ArrayList<>(locked.stream().map(LockedItem::toString).toList());
        if (!includeLocked.isEmpty()) {
            details.addAll(includeLocked);
            return CheckResult.warn(LOCK, "locked " + locked.size() + " item(s), but " + includeLocked.size()
                    + " scheduled purge(s) run with --include-locked and unlock what they delete", null, details);
        }
        return CheckResult.pass(LOCK, "locked " + locked.size() + " item(s) against delete and overwrite", details);
    }

    /** Unlocks the tag (if the reference has one), its manifest and, for an index, its platform manifests. */
    static List<LockedItem> unlock(final Registry registry, final String repository, final String tag,
            final String digest) {
        Optional<TagInfo> tagInfo = tag == null ? Optional.empty() : registry.tag(repository, tag);
        String d = digest != null ? digest : tagInfo.map(TagInfo::digest).orElse(null);
        // a well-formed reference to something the registry does not hold: a failure (exit 1), as lock reports it,
        // not bad input
        if (d == null) {
            throw new NotFoundException("image: " + repository + ":" + tag + " does not exist; give a digest"
                    + " (repo@sha256:<64 hex>) to unlock a manifest whose tag is gone", 404, "TAG_UNKNOWN", null);
        }
        ManifestInfo manifest = registry.manifest(repository, d).orElseThrow(() -> new NotFoundException(
                "image: " + repository + "@" + d + " does not exist", 404, "MANIFEST_UNKNOWN", null));
        List<LockedItem> done = new ArrayList<>();
        apply(registry, repository, tagInfo.orElse(null), manifest, false, done,
                x -> registry.manifestContent(repository, x));
        return done;
    }

    private static void apply(final Registry registry, final String repository, final TagInfo tag,
            final ManifestInfo manifest, final boolean lock, final List<LockedItem> done,
            final java.util.function.Function<String, Optional<ManifestContent>> contents) {
        if (tag != null) {
            registry.updateTagLocks(repository, tag.name(), change(tag.locks(), lock));
            done.add(new LockedItem("tag", repository, tag.name(), tag.digest()));
        }
        registry.updateManifestLocks(repository, manifest.digest(), change(manifest.locks(), lock));
        done.add(new LockedItem("manifest", repository, null, manifest.digest()));
        if (manifest.isIndex()) {
            for (String child : contents.apply(manifest.digest()).map(ManifestContent::childDigests)
                    .orElse(List.of())) {
                registry.updateManifestLocks(repository, child, change(Locks.NONE, lock));
                done.add(new LockedItem("child", repository, null, child));
            }
        }
    }

    // Only delete and write change; read and list stay as they were (a hidden tag stays hidden).
    private static Locks change(final Locks current, final boolean lock) {
        return new Locks(!lock, !lock, current.readEnabled(), current.listEnabled());
    }
}
