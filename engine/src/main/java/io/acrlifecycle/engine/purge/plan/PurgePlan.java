package io.acrlifecycle.engine.purge.plan;

import java.time.Instant;
import java.util.List;

/**
 * Everything a purge would do, and everything it would spare, with reasons. Pure data: a dry run prints it, the
 * executor carries it out, the guard inspects it. Repositories are in name order.
 */
public record PurgePlan(String registry, Instant now, String rules, List<RepositoryPlan> repositories,
        Totals totals) {

    /**
     * Counts over all repositories; {@code referrersToDelete} are the referrers the registry deletes with the
     * manifests to delete (no request of their own); {@code bytes} sums the sizes of both.
     */
    public record Totals(int repositories, int tagsToUntag, int manifestsToDelete, int referrersToDelete, long bytes,
            int spared) {
    }

    public PurgePlan {
        repositories = List.copyOf(repositories);
    }

    public static PurgePlan of(String registry, Instant now, String rules, List<RepositoryPlan> repositories) {
        int tags = 0;
        int manifests = 0;
        int referrers = 0;
        int spared = 0;
        long bytes = 0;
        for (RepositoryPlan r : repositories) {
            tags += r.untag().size();
            manifests += r.delete().size();
            for (ManifestAction m : r.delete()) {
                referrers += m.cascade().size();
            }
            spared += r.spared().size();
            bytes += r.bytes();
        }
        return new PurgePlan(registry, now, rules, repositories,
                new Totals(repositories.size(), tags, manifests, referrers, bytes, spared));
    }

    /**
     * Number of items the plan removes (tags, manifests, and the referrers the registry deletes with them): what
     * {@code maxDeletes} limits.
     */
    public int deletes() {
        return totals.tagsToUntag() + totals.manifestsToDelete() + totals.referrersToDelete();
    }

    /** The dry-run listing, one line per action, in execution order, then a summary (acr purge's wording). */
    public String render(boolean withSpared) {
        StringBuilder out = new StringBuilder();
        String prefix = registry == null ? "" : registry + "/";
        for (RepositoryPlan r : repositories) {
            for (TagAction t : r.untag()) {
                out.append("Would untag: ").append(prefix).append(r.repository()).append(':').append(t.tag())
                        .append("  [").append(t.rule()).append(": ").append(t.reason())
                        .append(t.unlock() ? "; unlock first" : "").append("]\n");
            }
            for (ManifestAction m : r.delete()) {
                out.append("Would delete: ").append(prefix).append(r.repository()).append('@').append(m.digest())
                        .append("  [").append(m.rule()).append(": ").append(m.reason())
                        .append(m.unlock() ? "; unlock first" : "").append("]\n");
                for (CascadeAction c : m.cascade()) {
                    out.append("Would delete with it: ").append(prefix).append(r.repository()).append('@')
                            .append(c.digest()).append("  [").append(c.reason()).append("]\n");
                }
            }
            if (withSpared) {
                for (Spared s : r.spared()) {
                    out.append("Would keep: ").append(prefix).append(r.repository())
                            .append(s.isTag() ? ":" + s.tag() : "@" + s.digest()).append("  [").append(s.reason())
                            .append(s.detail() == null ? "" : ": " + s.detail()).append("]\n");
                }
            }
        }
        out.append("Number of tags to be deleted: ").append(totals.tagsToUntag()).append('\n');
        out.append("Number of manifests to be deleted: ").append(totals.manifestsToDelete()).append('\n');
        if (totals.referrersToDelete() > 0) {
            out.append("Number of referrers deleted with their subject: ").append(totals.referrersToDelete())
                    .append('\n');
        }
        out.append("Bytes in manifests to be deleted: ").append(totals.bytes()).append('\n');
        return out.toString();
    }
}
