package io.acrlifecycle.steps;

import io.acrlifecycle.engine.guard.CheckResult;
import io.acrlifecycle.engine.guard.DeployGuard;
import io.acrlifecycle.engine.guard.GuardMode;
import io.acrlifecycle.engine.guard.GuardRequest;
import io.acrlifecycle.engine.guard.GuardVerdict;
import io.acrlifecycle.engine.guard.Stage;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.ImageRef;
import io.acrlifecycle.engine.purge.ItemResult;
import io.acrlifecycle.engine.purge.PurgeProgress;
import io.acrlifecycle.engine.purge.PurgeReport;
import io.acrlifecycle.engine.purge.PurgeRequest;
import io.acrlifecycle.engine.purge.PurgeService;
import io.acrlifecycle.engine.purge.RepositoryReport;
import io.acrlifecycle.engine.purge.rules.Ago;
import io.acrlifecycle.engine.purge.undo.PurgeUndo;
import io.acrlifecycle.engine.purge.undo.RegistryUndoRestorer;
import io.acrlifecycle.engine.purge.undo.UndoItem;
import io.acrlifecycle.engine.purge.undo.UndoReport;
import io.acrlifecycle.engine.recovery.RecoveryRequest;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.restore.RestoreItemResult;
import io.acrlifecycle.engine.restore.RestoreReport;
import io.acrlifecycle.engine.restore.RestoreRequest;
import io.acrlifecycle.engine.restore.RestoreService;
import io.acrlifecycle.engine.softdelete.FieldChange;
import io.acrlifecycle.engine.softdelete.SoftDeleteEnsure;
import io.acrlifecycle.engine.softdelete.SoftDeleteRequest;
import io.acrlifecycle.engine.softdelete.SoftDeleteResult;
import io.acrlifecycle.steps.BuildSummary.Kind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one door CI front ends (the Jenkins steps and build steps) use: raw parameters in, validated, run by the
 * engine, flattened into a {@link BuildSummary}. Front ends hold no ACR logic, so everything a step decides is
 * here and tested without Jenkins.
 */
public final class StepRunner {
    static final Set<String> ON_OFF = Set.of("enabled", "disabled");
    static final Set<String> GUARD_MODES = Set.of("block", "warn");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    /** The guard's look-ahead when a step gives none: a week, as the guard docs' deploy example. */
    static final String DEFAULT_WINDOW = "7d";

    private StepRunner() {
    }

    /** Checks every parameter of one call and throws {@link StepParameterException} naming each bad field. */
    public static StepParameters validate(StepKind verb, Map<String, ?> raw) {
        StepParameters p = new StepParameters(verb.stepName(), raw);
        p.required("registry");
        endpoint(p);
        switch (verb) {
            case SOFT_DELETE_ENSURE -> {
                p.choice("status", ON_OFF, null);
                p.integer("retentionDays", 1, 90, null);
                String policy = p.choice("retentionPolicyStatus", ON_OFF, null);
                if (p.integer("retentionPolicyDays", 0, 365, null) != null && policy == null) {
                    p.problem("retentionPolicyDays", "needs retentionPolicyStatus (enabled or disabled)");
                }
            }
            case PURGE -> {
                if (p.lines("filter").isEmpty() && p.text("rulesFile") == null) {
                    p.problem("filter", "missing; give at least one 'repository-regex:tag-regex' or a rulesFile");
                }
                p.parsed("ago", Ago::parse, null);
                p.integer("keep", 0, Integer.MAX_VALUE, 0);
                p.integer("maxDeletes", 0, Integer.MAX_VALUE, null);
                p.integer("concurrency", 1, 32, null);
                for (String flag : new String[] {"untagged", "untaggedOnly", "includeLocked", "dryRun",
                    "requireSoftDelete", "allowPermanentDelete"}) {
                    p.flag(flag);
                }
                p.list("protectImages").forEach(ref -> p.parsed("protectImages", (f, t) -> ImageRef.parse(ref), null));
            }
            case RESTORE -> {
                if (p.text("since") != null) {
                    RestoreSinceStep.validate(p, Instant.now());
                } else if (p.text("journal") == null) {
                    p.required("repository");
                    if (p.text("digest") == null && p.text("tag") == null) {
                        p.problem("digest", "missing; give the digest to restore, or a tag it held, or a journal");
                    }
                }
                digest(p, "digest");
                p.flag("force");
            }
            case GUARD -> {
                ImageRef image = p.required("image") == null ? null
                        : p.parsed("image", (f, t) -> ImageRef.parse(t), null);
                Stage stage = p.parsed("stage", (f, t) -> Stage.parse(t), Stage.DEPLOY);
                if (stage == Stage.PUSH && image != null && image.tag() == null) {
                    p.problem("image", "a push stage needs a tag; accepted image forms: repo:tag or"
                            + " repo:tag@sha256:<64 hex>");
                }
                digest(p, "expectedDigest");
                p.parsed("window", Ago::parse, null);
                p.choice("mode", GUARD_MODES, "block");
                p.flag("lock");
            }
            default -> throw new IllegalStateException("unknown verb " + verb);
        }
        p.check();
        return p;
    }

    /**
     * Form validation of one field on its own: the problem with {@code value}, or empty when it is acceptable.
     * Fields that only make sense together (e.g. filter and rulesFile) are left to {@link #validate}.
     */
    public static Optional<String> checkField(String field, String value) {
        StepParameters p = new StepParameters("form", Map.of(field, value == null ? "" : value));
        switch (field) {
            case "status", "retentionPolicyStatus" -> p.choice(field, ON_OFF, null);
            case "retentionDays" -> p.integer(field, 1, 90, null);
            case "retentionPolicyDays" -> p.integer(field, 0, 365, null);
            case "keep", "maxDeletes" -> p.integer(field, 0, Integer.MAX_VALUE, null);
            case "concurrency" -> p.integer(field, 1, 32, null);
            case "digest", "expectedDigest" -> digest(p, field);
            case "image" -> p.parsed(field, (f, t) -> ImageRef.parse(t), null);
            case "ago" -> p.parsed(field, Ago::parse, null);
            case "since" -> p.parsed(field, (f, t) -> RecoveryRequest.parseSince(f, t, Instant.now()), null);
            case "window" -> p.parsed(field, Ago::parse, null);
            case "mode" -> p.choice(field, GUARD_MODES, null);
            case "stage" -> p.parsed(field, (f, t) -> Stage.parse(t), null);
            case "endpoint" -> endpoint(p);
            case "protectImages" -> p.list(field).forEach(ref -> p.parsed(field, (f, t) -> ImageRef.parse(ref), null));
            default -> {
                // free text, checked in context by validate()
            }
        }
        return p.problems().stream().findFirst();
    }

    /** Runs one verb; {@code journal} is the file a purge writes its journal to (ignored by the other verbs). */
    public static BuildSummary run(StepKind verb, Registry registry, Map<String, ?> raw, Path journal, EngineLog log) {
        StepParameters p = validate(verb, raw);
        return switch (verb) {
            case SOFT_DELETE_ENSURE -> softDelete(registry, p, log);
            case PURGE -> purge(registry, p, journal, log);
            case RESTORE -> restore(registry, p, log);
            case GUARD -> guard(registry, p, log);
        };
    }

    static BuildSummary softDelete(Registry registry, StepParameters p, EngineLog log) {
        SoftDeleteRequest request = new SoftDeleteRequest(
                SoftDeleteRequest.Status.parse("status", p.choice("status", ON_OFF, "enabled")),
                p.integer("retentionDays", 1, 90, null), null, false);
        String policy = p.choice("retentionPolicyStatus", ON_OFF, null);
        if (policy != null) {
            request = request.withUntaggedRetention(SoftDeleteRequest.Status.parse("retentionPolicyStatus", policy),
                    p.integer("retentionPolicyDays", 0, 365, null));
        }
        SoftDeleteResult result = new SoftDeleteEnsure(registry, log).ensure(request);
        BuildSummary.Builder b = BuildSummary.builder(Kind.SOFT_DELETE, registry.loginServer())
                .dryRun(result.dryRun()).message(result.message());
        result.warnings().forEach(b::message);
        for (FieldChange change : result.drift()) {
            b.row(result.changed() ? "change" : "drift", null, null, null, change.toString());
        }
        return b.build();
    }

    static BuildSummary purge(Registry registry, StepParameters p, Path journal, EngineLog log) {
        PurgeRequest.Builder request = PurgeRequest.builder().filters(p.lines("filter")).ago(p.text("ago"))
                .keep(p.integer("keep", 0, Integer.MAX_VALUE, null)).untagged(p.flag("untagged"))
                .untaggedOnly(p.flag("untaggedOnly")).includeLocked(p.flag("includeLocked")).dryRun(p.flag("dryRun"))
                .requireSoftDelete(p.flag("requireSoftDelete", true)).allowPermanentDelete(p.flag("allowPermanentDelete"))
                .maxDeletes(p.integer("maxDeletes", 0, Integer.MAX_VALUE, null)).journal(journal);
        if (p.text("rulesFile") != null) {
            request.rulesFile(Path.of(p.text("rulesFile")));
        }
        if (p.text("protectImagesFile") != null) {
            // image references, whitespace separated (kubectl get pods -A -o jsonpath='{..image}'); read when the
            // request is validated, before anything is deleted
            request.protectImagesFile(Path.of(p.text("protectImagesFile")));
        }
        Integer concurrency = p.integer("concurrency", 1, 32, null);
        if (concurrency != null) {
            request.concurrency(concurrency);
        }
        p.lines("exclude").forEach(request::exclude);
        p.list("protectTags").forEach(request::protectTag);
        p.list("protectImages").forEach(request::protectImage);
        return summarize(PurgeService.run(registry, request.build(), PurgeProgress.toLog(log), log));
    }

    /** A purge report flattened; a dry run counts what was planned. */
    static BuildSummary summarize(PurgeReport report) {
        PurgeReport.Totals done = report.totals();
        BuildSummary.Builder b = BuildSummary.builder(Kind.PURGE, report.registry()).dryRun(report.dryRun())
                .bytesReclaimed(done.bytesReclaimed()).spared(done.spared()).locked(done.skippedLocked())
                .errors(done.errors());
        if (report.dryRun() && report.planned() != null) {
            b.tagsUntagged(report.planned().tagsToUntag()).manifestsDeleted(report.planned().manifestsToDelete())
                    .spared(report.planned().spared());
        } else {
            b.tagsUntagged(done.tagsUntagged()).manifestsDeleted(done.manifestsDeleted());
        }
        b.message(report.message()).message(report.note());
        for (RepositoryReport repo : report.repositories()) {
            repo.untagged().forEach(i -> b.row("untag", i.repository(), i.tag(), i.digest(), i.detail()));
            repo.deleted().forEach(i -> b.row("delete", i.repository(), i.tag(), i.digest(), i.detail()));
            repo.spared().forEach(s -> b.row("spare", s.repository(), s.tag(), s.digest(),
                    s.reason() + (s.detail() == null ? "" : ": " + s.detail())));
            repo.skipped().forEach(i -> b.row(i.outcome() == ItemResult.Outcome.LOCKED ? "locked" : "skip",
                    i.repository(), i.tag(), i.digest(), i.detail()));
            repo.errors().forEach(i -> b.row("error", i.repository(), i.tag(), i.digest(), i.detail()));
            repo.notAttempted().forEach(i -> b.row("not attempted", i.repository(), i.tag(), i.digest(), i.detail()));
        }
        if (report.status() == PurgeReport.Status.FAILED || report.status() == PurgeReport.Status.REFUSED) {
            b.failure("acrPurge " + report.status().name().toLowerCase(Locale.ROOT) + ": " + report.message());
        }
        return b.build();
    }

    static BuildSummary restore(Registry registry, StepParameters p, EngineLog log) {
        if (p.text("since") != null) {
            return RestoreSinceStep.run(registry, p, log);
        }
        if (p.text("journal") != null) {
            return summarize(Kind.RESTORE, registry.loginServer(),
                    PurgeUndo.undo(Path.of(p.text("journal")), new RegistryUndoRestorer(registry)));
        }
        String repository = p.text("repository");
        RestoreRequest request = p.text("digest") != null
                ? RestoreRequest.digest(repository, p.text("digest"), p.text("tag"))
                : RestoreRequest.tag(repository, p.text("tag"));
        return summarize(new RestoreService(registry, log).restore(request.withForce(p.flag("force"))));
    }

    static BuildSummary summarize(RestoreReport report) {
        BuildSummary.Builder b = BuildSummary.builder(Kind.RESTORE, report.registry()).dryRun(report.dryRun())
                // a dry run counts what it would restore, as a purge dry run counts what it would delete
                .restored(report.dryRun() ? report.totals().wouldRestore() : report.totals().restored())
                .errors(report.totals().failed() + report.totals().conflict()
                        + report.totals().expired() + report.totals().notFound());
        for (RestoreItemResult item : report.items()) {
            b.row(item.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '), item.repository(),
                    String.join(", ", item.restoredTags().isEmpty() ? item.tags() : item.restoredTags()), item.digest(),
                    item.message());
        }
        if (!report.complete()) {
            b.failure("acrRestore: not everything was restored; see the build's ACR page");
        }
        return b.build();
    }

    static BuildSummary guard(Registry registry, StepParameters p, EngineLog log) {
        String window = p.text("window") == null ? DEFAULT_WINDOW : p.text("window");
        GuardRequest request = GuardRequest.of(p.text("image"), window)
                .withExpectedDigest(p.text("expectedDigest"))
                .withMode(GuardMode.parse(p.choice("mode", GUARD_MODES, "block")))
                .withStage(p.parsed("stage", (f, t) -> Stage.parse(t), Stage.DEPLOY))
                .withLock(p.flag("lock"));
        GuardVerdict verdict = DeployGuard.check(registry, request, Instant.now(), log);
        BuildSummary.Builder b = BuildSummary.builder(Kind.GUARD, registry.loginServer())
                .verdict(verdict.verdict());
        verdict.problems().forEach(c -> b.message(c.name() + ": " + c.reason()));
        ImageRef image = request.image();
        for (CheckResult check : verdict.checks()) {
            b.row("check " + check.verdict().name().toLowerCase(Locale.ROOT), image.repository(), image.tag(),
                    verdict.digest(), check.name() + ": " + check.reason());
        }
        verdict.locked().forEach(l -> b.row("lock", l.repository(), l.tag(), l.digest(), l.kind()));
        return b.build();
    }

    /**
     * The summary of a purge that stopped with an exception after it had started writing its journal: totals are
     * unknown, the journal (kept by the caller) says what was deleted, and undoing from it is the way back.
     *
     * @param why the failure, already free of secrets (engine messages are)
     */
    public static BuildSummary interruptedPurge(String registry, String why) {
        return BuildSummary.builder(Kind.PURGE, registry)
                .message("the purge stopped part-way; its journal records what was deleted and can be undone")
                .failure(why).build();
    }

    /** Restores everything a purge journal recorded as deleted (the build page's "Undo this purge"). */
    public static BuildSummary undoPurge(Registry registry, Path journal, EngineLog log) {
        return summarize(Kind.PURGE_UNDO, registry.loginServer(),
                PurgeUndo.undo(journal, new RegistryUndoRestorer(registry)));
    }

    static BuildSummary summarize(Kind kind, String registry, UndoReport report) {
        UndoReport.Totals t = report.totals();
        BuildSummary.Builder b = BuildSummary.builder(kind, registry).restored(t.restored())
                .errors(t.expired() + t.conflict() + t.notFound() + t.failed());
        for (UndoItem item : report.items()) {
            b.row(item.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '), item.repository(),
                    String.join(", ", item.restoredTags().isEmpty() ? item.tags() : item.restoredTags()),
                    item.digest(), item.detail());
        }
        if (t.restored() + t.alreadyLive() < t.targets()) {
            b.failure((kind == Kind.RESTORE ? "acrRestore" : "undo") + ": " + (t.targets() - t.restored()
                    - t.alreadyLive()) + " of " + t.targets() + " images were not restored; see the build's ACR page");
        }
        return b.build();
    }

    private static void endpoint(StepParameters p) {
        String e = p.text("endpoint");
        if (e != null && !e.matches("https://[^/\\s]+/?")) {
            p.problem("endpoint", "'" + e + "' is not an https URL of a host; accepted: https://host[:port]");
        }
    }

    private static void digest(StepParameters p, String field) {
        String d = p.text(field);
        if (d != null && !DIGEST.matcher(d).matches()) {
            p.problem(field, "'" + d + "' is not a digest; accepted: sha256:<64 lowercase hex>");
        }
    }
}
