package io.acrlifecycle.cli.demo;

import io.acrlifecycle.cli.StaticTokenCredential;
import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.DeleteOutcome;
import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.purge.PurgeReport;
import io.acrlifecycle.engine.purge.PurgeRequest;
import io.acrlifecycle.engine.purge.PurgeService;
import io.acrlifecycle.engine.purge.plan.RepositoryPlan;
import io.acrlifecycle.engine.purge.plan.SpareReason;
import io.acrlifecycle.engine.purge.plan.Spared;
import io.acrlifecycle.engine.purge.undo.PurgeUndo;
import io.acrlifecycle.engine.purge.undo.RestoreServiceUndoRestorer;
import io.acrlifecycle.engine.purge.undo.UndoReport;
import io.acrlifecycle.engine.recovery.PointInTimeRecovery;
import io.acrlifecycle.engine.recovery.RecoveryReport;
import io.acrlifecycle.engine.recovery.RecoveryRequest;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.registry.Registries;
import io.acrlifecycle.engine.registry.RegistryConfig;
import io.acrlifecycle.engine.report.PurgeSections;
import io.acrlifecycle.engine.report.RecoverySections;
import io.acrlifecycle.engine.report.RegistrySections;
import io.acrlifecycle.engine.report.Section;
import io.acrlifecycle.engine.report.Sizes;
import io.acrlifecycle.engine.report.Table;
import io.acrlifecycle.engine.restore.RestoreItemResult;
import io.acrlifecycle.engine.restore.RestoreReport;
import io.acrlifecycle.engine.restore.RestoreRequest;
import io.acrlifecycle.engine.restore.RestoreService;
import io.acrlifecycle.engine.softdelete.SoftDeleteEnsure;
import io.acrlifecycle.engine.softdelete.SoftDeleteRequest;
import io.acrlifecycle.engine.softdelete.SoftDeleteResult;
import io.acrlifecycle.engine.softdelete.SoftDeletedItems;
import io.acrlifecycle.engine.usage.UsageReport;
import io.acrlifecycle.engine.usage.UsageService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The demo's steps after the registry is seeded. Every step calls the same engine services the commands call, then
 * narrates the engine's report; nothing here decides what to delete or keep.
 */
final class DemoRun {
    private final AcrEmulator emu;
    private final DemoStory story;
    private final Path out;
    private final EngineLog log;
    private UsageReport usageBefore;
    private UsageReport usageAfterPurge;

    DemoRun(AcrEmulator emu, DemoStory story, Path out, EngineLog log) {
        this.emu = emu;
        this.story = story;
        this.out = out;
        this.log = log;
    }

    /** The registry as a user would reach it: HTTPS with the emulator's CA, an AAD token, data plane and ARM. */
    AcrRegistry open() {
        return Registries.open(RegistryConfig.builder().loginServer(emu.loginServer()).endpoint(emu.endpoint())
                .resourceId(emu.resourceId()).sslContext(emu.sslContext())
                .credential(new StaticTokenCredential(emu.aadToken())).log(log).build());
    }

    void run() throws Exception {
        try (AcrRegistry registry = open()) {
            usageBefore = usage(registry, "Usage before");
            ensureSoftDelete(registry);
            DemoGuard.deploys(registry, story, log);
            PurgeReport dryRun = purge(registry, true);
            PurgeReport purge = purge(registry, false);
            String digest = accidentalDelete(registry);
            restore(registry, digest);
            undo(registry, purge);
            deleteLoopThenRestoreSince(registry);
            UsageReport after = usage(registry, "Usage after");
            compare(after);
            story.record("plannedDeletes", dryRun.planned().tagsToUntag() + dryRun.planned().manifestsToDelete(),
                    null);
        }
    }

    private UsageReport usage(AcrRegistry registry, String title) {
        story.title(title);
        UsageReport u = new UsageService(registry).usage();
        // storage and soft-deleted lines; the webhook/token counts are in the report
        story.block(String.join("\n", io.acrlifecycle.cli.UsageCommand.text(u).lines().limit(2).toList()));
        story.record(title.equals("Usage before") ? "usageBefore" : "usageAfter", u,
                RegistrySections.usage(title, u));
        return u;
    }

    private void ensureSoftDelete(AcrRegistry registry) {
        story.title("Ensure soft delete (7 days), as the pipeline declares it");
        SoftDeleteResult r = new SoftDeleteEnsure(registry, log).ensure(SoftDeleteRequest.enable(7));
        story.block(r.message());
        story.record("softDelete", r, RegistrySections.softDelete("Ensure soft delete", r));
    }

    private PurgeReport purge(AcrRegistry registry, boolean dryRun) throws Exception {
        story.title(dryRun ? "Purge, dry run: what the nightly task's policy would delete"
                : "Purge, for real, with a journal");
        story.block("acr purge --filter '" + DemoSeed.PURGE_FILTER + "' --ago 30d --keep 10 --untagged"
                + (dryRun ? "" : " --execute"));
        Path journal = out.resolve("purge-journal.jsonl");
        if (!dryRun) {
            Files.deleteIfExists(journal);
        }
        PurgeRequest request = PurgeRequest.builder().filter(DemoSeed.PURGE_FILTER).ago("30d").keep(10)
                .untagged(true).dryRun(dryRun).concurrency(8).journal(dryRun ? null : journal).build();
        long start = System.nanoTime();
        PurgeReport report = PurgeService.run(registry, request, null, EngineLog.SILENT);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (dryRun) {
            for (RepositoryPlan repo : report.plan().repositories()) {
                story.block(String.format("%-9s %3d tags to untag, %3d manifests to delete (%s), %3d spared",
                        repo.repository(), repo.untag().size(), repo.delete().size(), Sizes.human(repo.bytes()),
                        repo.spared().size()));
            }
            story.block("spared because: " + spareSummary(report));
        } else {
            PurgeReport.Totals t = report.totals();
            story.block(String.format("deleted %d tags and %d manifests (%s) in %.1f s; locked skipped: %d, errors: %d",
                    t.tagsUntagged(), t.manifestsDeleted(), Sizes.human(t.bytesReclaimed()), seconds,
                    t.skippedLocked(), t.errors()));
            story.block("journal: " + journal.toAbsolutePath());
            usageAfterPurge = new UsageService(registry).usage();
            story.block("storage used now: " + Sizes.human(usageAfterPurge.storageUsedBytes()) + ", of which "
                    + usageAfterPurge.softDeletedManifests() + " soft-deleted manifests ("
                    + Sizes.human(usageAfterPurge.softDeletedEstimatedBytes()) + ") still count until they expire");
            story.block("soft delete is on: all of it can still be restored for 7 days");
        }
        story.record(dryRun ? "purgeDryRun" : "purge", report,
                PurgeSections.of(dryRun ? "Purge (dry run)" : "Purge", report));
        return report;
    }

    private static String spareSummary(PurgeReport report) {
        Map<SpareReason, Integer> counts = new EnumMap<>(SpareReason.class);
        for (RepositoryPlan repo : report.plan().repositories()) {
            for (Spared s : repo.spared()) {
                counts.merge(s.reason(), 1, Integer::sum);
            }
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((reason, n) -> text.append(text.length() == 0 ? "" : ", ")
                .append(reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append(' ').append(n));
        return text.toString();
    }

    private String accidentalDelete(AcrRegistry registry) {
        story.title("An accidental delete of a production image");
        String image = DemoSeed.API + ":" + DemoSeed.ACCIDENT_TAG;
        TagInfo tag = registry.tag(DemoSeed.API, DemoSeed.ACCIDENT_TAG).orElseThrow(
                () -> new IllegalStateException("the demo registry lost " + image));
        story.block("someone cleans up by hand: az acr repository delete --image " + image + " --yes");
        DeleteOutcome outcome = registry.deleteManifest(DemoSeed.API, tag.digest());
        boolean gone = registry.tag(DemoSeed.API, DemoSeed.ACCIDENT_TAG).isEmpty();
        story.block(image + " (" + PurgeSections.shortDigest(tag.digest()) + "): " + outcome
                + (gone ? "; production can no longer pull it" : ""));
        Map<String, Object> accident = new java.util.LinkedHashMap<>();
        accident.put("image", image);
        accident.put("digest", tag.digest());
        accident.put("outcome", outcome.name());
        story.record("accidentalDelete", accident,
                Section.builder("An accidental delete").outcome(Section.Outcome.WARN)
                        .summary(image + " deleted by hand (" + outcome + "): production can no longer pull it")
                        .fact("image", image).fact("digest", tag.digest()).fact("outcome", outcome.name())
                        .note("az acr repository delete --image " + image + " removes the manifest and every tag "
                                + "on it.").build());
        return tag.digest();
    }

    private void restore(AcrRegistry registry, String digest) {
        story.title("Find it among the soft-deleted images and restore it");
        SoftDeletedItems.Listing listing = new SoftDeletedItems(registry).repository(DemoSeed.API);
        for (DeletedManifest m : listing.manifests()) {
            if (m.digest().equals(digest)) {
                story.block("list-deleted: " + DemoSeed.API + "@" + PurgeSections.shortDigest(m.digest())
                        + " former tags " + m.formerTags() + ", deleted " + m.deletedAt() + ", expires "
                        + m.expiresAt());
            }
        }
        story.block("acr-lifecycle restore --repository " + DemoSeed.API + " --tag " + DemoSeed.ACCIDENT_TAG);
        RestoreReport report = new RestoreService(registry, log)
                .restore(RestoreRequest.tag(DemoSeed.API, DemoSeed.ACCIDENT_TAG));
        for (RestoreItemResult item : report.items()) {
            story.block(item.outcome() + ": " + DemoSeed.API + "@" + PurgeSections.shortDigest(item.digest())
                    + " tags " + item.restoredTags());
        }
        boolean back = registry.tag(DemoSeed.API, DemoSeed.ACCIDENT_TAG).map(t -> t.digest().equals(digest))
                .orElse(false);
        story.block(back ? DemoSeed.API + ":" + DemoSeed.ACCIDENT_TAG + " is back, same digest"
                : "the tag did not come back");
        // ACR restores one tag per restore: say which former tags are still deleted, and how to get them back
        java.util.List<String> restored = report.items().stream().flatMap(i -> i.restoredTags().stream()).toList();
        listing.manifests().stream().filter(m -> m.digest().equals(digest)).findFirst().ifPresent(m -> {
            java.util.List<String> left = m.formerTags().stream().filter(t -> !restored.contains(t)).toList();
            if (!left.isEmpty()) {
                story.block("ACR restores one tag at a time; also held " + String.join(", ", left) + ": "
                        + "acr-lifecycle restore --repository " + DemoSeed.API + " --tag " + left.get(0));
            }
        });
        Table.Builder deleted = Table.builder("soft-deleted in " + DemoSeed.API + " before the restore", "digest",
                "former tags", "deleted at", "expires at");
        listing.manifests().stream().filter(m -> m.digest().equals(digest)).forEach(m -> deleted.row(
                m.digest(), String.join(", ", m.formerTags()), m.deletedAt(), m.expiresAt()));
        Section restoreSection = RegistrySections.restore("Restore " + DemoSeed.API + ":" + DemoSeed.ACCIDENT_TAG,
                report);
        story.record("restore", report, new Section(restoreSection.title(), restoreSection.outcome(),
                restoreSection.summary(), restoreSection.facts(), restoreSection.notes(),
                java.util.stream.Stream.concat(java.util.stream.Stream.of(deleted.build()),
                        restoreSection.tables().stream()).toList()));
    }

    private void undo(AcrRegistry registry, PurgeReport purge) {
        story.title("Undo the purge from its journal");
        Path journal = Path.of(purge.journal());
        story.block("acr-lifecycle undo --journal " + journal.toAbsolutePath());
        UndoReport report = PurgeUndo.undo(journal, new RestoreServiceUndoRestorer(new RestoreService(registry, log)));
        UndoReport.Totals t = report.totals();
        story.block(String.format("restored %d of %d manifests (children before indexes, subjects before referrers);"
                + " already live %d, expired %d, conflict %d, failed %d", t.restored(), t.targets(), t.alreadyLive(),
                t.expired(), t.conflict(), t.failed()));
        story.record("undo", report, RegistrySections.undo("Undo the purge", report));
    }

    /**
     * Not our purge: a hand-written loop deletes every image of a repository. No journal exists, but soft delete
     * holds everything with its deletion time, so one point-in-time restore puts the repository back.
     */
    private void deleteLoopThenRestoreSince(AcrRegistry registry) {
        story.title("An accidental loop of deletes, then one command brings everything back");
        String repo = DemoSeed.BASE;
        java.util.Map<String, String> tagsBefore = new java.util.TreeMap<>();
        registry.tags(repo, false).forEach(t -> tagsBefore.put(t.name(), t.digest()));
        java.util.List<String> digests = new java.util.ArrayList<>();
        registry.manifests(repo).forEach(m -> digests.add(m.digest()));
        java.time.Instant since = emu.clock().now();
        story.block("a colleague's cleanup script: for d in $(az acr manifest list-metadata -n " + repo
                + " --query '[].digest' -o tsv); do az acr repository delete --image " + repo + "@$d --yes; done");
        int deleted = 0;
        for (String digest : digests) {
            if (registry.deleteManifest(repo, digest) == DeleteOutcome.DELETED) {
                deleted++;
            }
        }
        int left = 0;
        try {
            for (TagInfo ignored : registry.tags(repo, false)) {
                left++;
            }
        } catch (io.acrlifecycle.engine.registry.NotFoundException e) {
            // the last manifest took the repository with it, as on ACR
        }
        story.block("deleted " + deleted + " of " + digests.size() + " manifests; " + repo + " has " + left + " of "
                + tagsBefore.size() + " tags left" + (left == 0 ? " (the repository itself is gone)" : ""));
        story.block("acr-lifecycle restore --since " + since + " -n " + repo + " --execute");
        RecoveryReport report = new PointInTimeRecovery(registry, log, java.time.Clock.fixed(emu.clock().now(),
                java.time.ZoneOffset.UTC)).run(new RecoveryRequest(since, repo, null, false, false,
                out.resolve("restore-journal.jsonl")));
        report.repositories().forEach(t -> story.block(t.repository() + ": brought back " + t.manifests()
                + " manifest(s) and " + t.tags() + " tag(s), " + Sizes.human(t.bytes()) + "; conflicts "
                + t.conflicts() + ", failed " + t.failed()));
        java.util.Map<String, String> tagsAfter = new java.util.TreeMap<>();
        registry.tags(repo, false).forEach(t -> tagsAfter.put(t.name(), t.digest()));
        story.block(tagsAfter.equals(tagsBefore) ? repo + " is as it was: every tag on the same digest"
                : repo + " differs from before the loop: " + tagsAfter.size() + " of " + tagsBefore.size() + " tags");
        story.record("restoreSince", report, RecoverySections.recovery("Restore " + repo + " since " + since,
                report));
    }

    private void compare(UsageReport after) {
        UsageReport mid = usageAfterPurge == null ? after : usageAfterPurge;
        Table.Builder table = Table.builder("before and after", "", "before", "after the purge", "after the undo")
                .row("storage used", Sizes.human(usageBefore.storageUsedBytes()), Sizes.human(mid.storageUsedBytes()),
                        Sizes.human(after.storageUsedBytes()))
                .row("soft-deleted manifests", usageBefore.softDeletedManifests(), mid.softDeletedManifests(),
                        after.softDeletedManifests())
                .row("soft-deleted bytes (estimated)", Sizes.human(usageBefore.softDeletedEstimatedBytes()),
                        Sizes.human(mid.softDeletedEstimatedBytes()), Sizes.human(after.softDeletedEstimatedBytes()));
        story.block("before: " + Sizes.human(usageBefore.storageUsedBytes()) + " used, after: "
                + Sizes.human(after.storageUsedBytes()) + " used (everything purged was restored by the undo)");
        story.record(null, null, Section.builder("Usage before and after").outcome(Section.Outcome.INFO)
                .summary(Sizes.human(usageBefore.storageUsedBytes()) + " before, " + Sizes.human(mid.storageUsedBytes())
                        + " after the purge (" + mid.softDeletedManifests() + " soft-deleted manifests still count), "
                        + Sizes.human(after.storageUsedBytes()) + " after the undo")
                .note("Soft-deleted images count as storage, and are billed, until their retention expires: a purge "
                        + "frees space only after the soft-delete retention.")
                .table(table.build()).build());
    }
}
