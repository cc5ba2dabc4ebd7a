package io.acrlifecycle.engine.recovery;

import io.acrlifecycle.engine.restore.RestoreOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A point-in-time recovery: every planned manifest in restore order, and what came back per repository.
 *
 * @param resumed tags an earlier, interrupted run of the same journal had already restored
 */
public record RecoveryReport(String registry, Instant since, boolean dryRun, boolean force, String journal,
        List<RecoveryResult> items, List<RepositoryTotals> repositories, int resumed) {

    public RecoveryReport {
        items = List.copyOf(items);
        repositories = List.copyOf(repositories);
    }

    /**
     * Per repository. In a dry run the counts are what a real run would bring back.
     *
     * @param manifests manifests back from soft delete
     * @param tags      tags given back
     * @param bytes     bytes of the manifests back (sizes the listing did not give are not counted)
     */
    public record RepositoryTotals(String repository, int manifests, int tags, long bytes, int conflicts,
            int expired, int notFound, int failed) {
    }

    static RecoveryReport of(String registry, RecoveryRequest request, List<RecoveryResult> items, int resumed) {
        Map<String, List<RecoveryResult>> byRepo = new LinkedHashMap<>();
        items.forEach(i -> byRepo.computeIfAbsent(i.repository(), r -> new ArrayList<>()).add(i));
        List<RepositoryTotals> totals = new ArrayList<>();
        byRepo.forEach((repo, list) -> totals.add(new RepositoryTotals(repo,
                (int) list.stream().filter(RecoveryResult::manifestRestored).count(),
                (int) list.stream().mapToLong(i -> i.tags().stream().filter(t -> t.outcome() == RestoreOutcome.RESTORED
                        || t.outcome() == RestoreOutcome.WOULD_RESTORE).count()).sum(),
                list.stream().filter(i -> i.manifestRestored() && i.size() > 0).mapToLong(RecoveryResult::size).sum(),
                (int) list.stream().mapToLong(RecoveryResult::conflicts).sum(),
                count(list, RestoreOutcome.EXPIRED), count(list, RestoreOutcome.NOT_FOUND),
                count(list, RestoreOutcome.FAILED))));
        return new RecoveryReport(registry, request.since(), request.dryRun(), request.force(),
                request.journal() == null ? null : request.journal().toString(), items, totals, resumed);
    }

    private static int count(List<RecoveryResult> items, RestoreOutcome outcome) {
        return (int) items.stream().filter(i -> i.outcome() == outcome).count();
    }

    public int manifests() {
        return repositories.stream().mapToInt(RepositoryTotals::manifests).sum();
    }

    public int tags() {
        return repositories.stream().mapToInt(RepositoryTotals::tags).sum();
    }

    public long bytes() {
        return repositories.stream().mapToLong(RepositoryTotals::bytes).sum();
    }

    public int conflicts() {
        return repositories.stream().mapToInt(RepositoryTotals::conflicts).sum();
    }

    /**
     * True when everything the plan holds came back (or, in a dry run, would): no conflict left alone, nothing
     * expired, missing or failed. A CI stage uses it to tell "all back" from "look at the report".
     */
    public boolean complete() {
        return items.stream().allMatch(i -> i.outcome() == RestoreOutcome.RESTORED
                || i.outcome() == RestoreOutcome.WOULD_RESTORE || i.outcome() == RestoreOutcome.ALREADY_LIVE);
    }
}
