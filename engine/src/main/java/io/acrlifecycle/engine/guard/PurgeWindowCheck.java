package io.acrlifecycle.engine.guard;

import io.acrlifecycle.engine.forecast.OrderedSimulation;
import io.acrlifecycle.engine.forecast.Run;
import io.acrlifecycle.engine.forecast.RunSource;
import io.acrlifecycle.engine.forecast.RunSources;
import io.acrlifecycle.engine.guard.schedule.TaskNote;
import io.acrlifecycle.engine.guard.schedule.TaskPurgeReport;
import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.model.ManifestContent;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.MediaTypes;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.purge.plan.ManifestAction;
import io.acrlifecycle.engine.purge.plan.ManifestLookup;
import io.acrlifecycle.engine.purge.plan.RepositoryPlan;
import io.acrlifecycle.engine.purge.plan.SpareReason;
import io.acrlifecycle.engine.purge.plan.Spared;
import io.acrlifecycle.engine.purge.plan.TagAction;
import io.acrlifecycle.engine.purge.rules.PurgeRule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The purge window: every declared rule set (run now) and every scheduled acr purge run inside
 * {@code [now, now + window]} is simulated in time order ({@link OrderedSimulation}), each run on the repository as
 * the earlier runs left it (starting from the listing read now; for a push: as it will be after the push), with
 * {@code now = fire time}, scheduled runs planned as the real acr purge plans them. The first run that untags the
 * tag, deletes the manifest, a platform manifest of a deployed index or the subject of a deployed referrer is
 * reported.
 */
public final class PurgeWindowCheck {

    public static final String PURGE_WINDOW = "purge-window";
    public static final String SCHEDULED_TASKS = "scheduled-tasks";

    /** Stands for the pushed manifest when a push gives no digest. */
    static final String PUSHED = "sha256:" + "0".repeat(64);

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    private PurgeWindowCheck() {
    }

    /** How the registry's tasks were read: a warning for each task that may purge but could not be read. */
    public static CheckResult scheduledTasks(final GuardContext ctx) {
        if (!ctx.request().includeScheduledTasks()) {
            return CheckResult.pass(SCHEDULED_TASKS, "not considered (includeScheduledTasks is off)", null);
        }
        Optional<TaskPurgeReport> report = ctx.tasks();
        if (report.isEmpty()) {
            return CheckResult.warn(SCHEDULED_TASKS, "the registry's ACR tasks could not be read: "
                    + ctx.tasksError() + "; scheduled purges were not checked", null, null);
        }
        List<String> details = new ArrayList<>();
        report.get().notes().forEach(n -> details.add(n.kind() + ": " + n.message()));
        List<String> risks = new ArrayList<>(report.get().risks().stream().map(TaskNote::message).toList());
        risks.addAll(sources(ctx).unreadable());
        details.addAll(sources(ctx).unreadable());
        if (!risks.isEmpty()) {
            return CheckResult.warn(SCHEDULED_TASKS, risks.size() + " task(s) may purge but could not be read: "
                    + String.join("; ", risks), null, details);
        }
        return CheckResult.pass(SCHEDULED_TASKS, report.get().purges().size() + " scheduled acr purge step(s) read",
                details);
    }

    public static CheckResult purgeWindow(final GuardContext ctx) {
        RunSources s = sources(ctx);
        String repo = ctx.request().image().repository();
        List<RunSource> applicable = s.selecting(repo);
        List<String> details = new ArrayList<>();
        s.list().stream().filter(p -> !applicable.contains(p))
                .forEach(p -> details.add(p.label() + ": does not select repository " + repo));
        if (applicable.isEmpty()) {
            return CheckResult.pass(PURGE_WINDOW, "no declared rule or scheduled purge selects repository " + repo,
                    details);
        }
        Target t = ctx.target();
        if (!ctx.isPush() && t.manifest().isEmpty()) {
            return CheckResult.pass(PURGE_WINDOW, "not simulated: " + t.display() + " does not exist", details);
        }
        for (RunSource p : applicable) {
            details.add(p.label() + ": " + p.fires().size() + " run(s) in the window"
                    + (p.acrPurge() ? " (" + p.summary() + ")" : ""));
        }
        Simulation sim = new Simulation(ctx);
        OrderedSimulation.Outcome outcome = sim.run(RunSources.runs(applicable));
        details.add(outcome.runs() + " run(s) simulated in time order, each on the repository as the earlier ones"
                + " left it; " + outcome.planned() + " planned, the others changed nothing (see docs/guard.md)");
        if (outcome.stoppedAt() == null) {
            return CheckResult.pass(PURGE_WINDOW, outcome.runs() + " purge run(s) in the window until "
                    + MINUTE.format(ctx.windowEnd()) + "; none untags or deletes " + ctx.target().display(), details);
        }
        return CheckResult.block(PURGE_WINDOW, sim.hit, outcome.stoppedAt().run().at(), details);
    }

    /** True when some declared rule or scheduled purge may act on the image's repository. */
    static boolean selectsRepository(final GuardContext ctx) {
        String repo = ctx.request().image().repository();
        return !sources(ctx).selecting(repo).isEmpty();
    }

    static String minute(final Instant t) {
        return MINUTE.format(t);
    }

    // ---- sources -----------------------------------------------------------------------------------------

    static RunSources sources(final GuardContext ctx) {
        RunSources cached = ctx.memo(RunSources.class);
        if (cached != null) {
            return cached;
        }
        TaskPurgeReport tasks = ctx.request().includeScheduledTasks() ? ctx.tasks().orElse(null) : null;
        return ctx.memo(RunSources.class, RunSources.of(ctx.request().rules(), tasks, ctx.now(), ctx.windowEnd()));
    }

    // ---- simulation --------------------------------------------------------------------------------------

    /**
     * The ordered simulation over the image's repository (for a push: as it will be after the push), stopped at the
     * first run that untags the tag, deletes the manifest, a platform manifest of a deployed index, or the subject of
     * a deployed referrer.
     */
    private static final class Simulation {
        private final GuardContext ctx;
        private final String repo;
        private final String tag;
        private final String digest;
        private final Instant now;
        private final OrderedSimulation sim;
        private List<String> children;
        private String hit;

        Simulation(final GuardContext ctx) {
            this.ctx = ctx;
            Target t = ctx.target();
            this.repo = t.repository();
            this.tag = t.tag();
            this.digest = ctx.isPush() && t.digest() == null ? PUSHED : t.digest();
            this.now = ctx.now();
            this.sim = new OrderedSimulation(ctx.registry().loginServer(), repo, tags(), this::manifests,
                    new ManifestLookup() {
                        @Override
                        public Optional<ManifestContent> content(final String d) {
                            return ctx.snapshot().content(d);
                        }
                    });
        }

        OrderedSimulation.Outcome run(final List<Run> runs) {
            children(); // read before any run: the index as it is now
            Optional<String> subject = subject();
            return sim.simulate(runs, ctx.windowEnd(), applied -> {
                hit = describe(applied, subject).orElse(null);
                return hit != null;
            });
        }

        private Optional<String> describe(final OrderedSimulation.Applied applied, final Optional<String> subject) {
            RunSource source = applied.run().source();
            RepositoryPlan plan = applied.plan();
            Instant fire = applied.run().at();
            String when = source.label() + (source.acrPurge() ? " at " + minute(fire) : "");
            Optional<TagAction> untag = plan.untag().stream().filter(a -> a.tag().equals(tag)).findFirst();
            Optional<ManifestAction> delete = plan.delete().stream().filter(a -> a.digest().equals(digest))
                    .findFirst();
            if (untag.isPresent()) {
                // acr purge "deletes" a tag (DELETE _tags/{tag}); the manifest goes too only in an untagged pass
                String manifest = delete.isPresent() ? ", and its manifest with it"
                        : "; tag " + tag + " goes, the manifest stays untagged";
                return Optional.of(when + " would delete it (" + ruleText(source, untag.get().rule()) + "; "
                        + tagPosition(untag.get(), plan, source, fire) + manifest + ")");
            }
            if (delete.isPresent()) {
                return Optional.of(when + " would delete it (" + ruleText(source, delete.get().rule()) + "; "
                        + delete.get().reason() + ", " + age(delete.get().lastUpdateTime(), fire) + ")"
                        + lockedParent(source, plan, digest));
            }
            if (applied.removedWithSubject().stream().anyMatch(m -> m.digest().equals(digest))) {
                return Optional.of(when + " would delete it with its subject " + subject.orElse("(a referrer's"
                        + " subject)") + ": ACR deletes a referrer together with its subject");
            }
            for (String child : children) {
                if (plan.delete().stream().anyMatch(a -> a.digest().equals(child))) {
                    return Optional.of(when + " would delete its platform manifest " + child
                            + lockedParent(source, plan, child));
                }
            }
            return Optional.empty();
        }

        // acr purge checks a manifest's lock before reading an index, so a locked index does not shield its children
        private String lockedParent(final RunSource source, final RepositoryPlan plan, final String child) {
            if (!source.acrPurge()) {
                return "";
            }
            for (Spared s : plan.spared()) {
                if (s.tag() == null && s.reason() == SpareReason.LOCKED && sim.lookup().content(s.digest())
                        .map(c -> c.childDigests().contains(child)).orElse(false)) {
                    return ": acr purge does not let a locked index shield its children (index " + s.digest()
                            + " is locked; lock the children too, the guard's lock does)";
                }
            }
            return "";
        }

        private String tagPosition(final TagAction action, final RepositoryPlan plan, final RunSource source,
                final Instant fire) {
            int keep = rule(source, action.rule()).map(PurgeRule::keep).orElse(0);
            int before = 0;
            for (TagAction a : plan.untag()) {
                if (a.tag().equals(action.tag())) {
                    break;
                }
                if (a.rule().equals(action.rule())) {
                    before++;
                }
            }
            return age(action.lastUpdateTime(), fire) + " and " + ordinal(keep + before + 1) + " newest";
        }

        private static String ruleText(final RunSource source, final String ruleName) {
            Optional<PurgeRule> r = rule(source, ruleName);
            if (r.isEmpty()) {
                return "rule " + ruleName;
            }
            String text = "ago " + r.get().ago() + ", keep " + r.get().keep();
            return source.acrPurge() ? text : "rule " + ruleName + ": " + text;
        }

        private static Optional<PurgeRule> rule(final RunSource source, final String name) {
            return source.rules().rules().stream().filter(r -> r.name().equals(name)).findFirst();
        }

        private List<TagInfo> tags() {
            List<TagInfo> listed = ctx.snapshot().tagsNewestFirst();
            if (!ctx.isPush() || tag == null) {
                return listed;
            }
            List<TagInfo> projected = new ArrayList<>();
            projected.add(new TagInfo(repo, tag, digest, now, now, Locks.NONE));
            listed.stream().filter(t -> !t.name().equals(tag)).forEach(projected::add);
            return List.copyOf(projected);
        }

        private List<ManifestInfo> manifests() {
            List<ManifestInfo> listed = ctx.snapshot().manifests();
            return !ctx.isPush() || tag == null ? listed : projectPush(listed);
        }

        // After the push the tag sits on the pushed manifest (created now if new) and no longer on the old one.
        private List<ManifestInfo> projectPush(final List<ManifestInfo> listed) {
            List<ManifestInfo> out = new ArrayList<>();
            boolean present = false;
            for (ManifestInfo m : listed) {
                List<String> tagsOf = new ArrayList<>(m.tags());
                tagsOf.remove(tag);
                if (m.digest().equals(digest)) {
                    present = true;
                    tagsOf.add(tag);
                }
                out.add(new ManifestInfo(repo, m.digest(), m.mediaType(), m.imageSize(), m.createdTime(),
                        m.lastUpdateTime(), tagsOf, m.locks()));
            }
            if (!present) {
                out.add(new ManifestInfo(repo, digest, MediaTypes.DOCKER_MANIFEST, 0, now, now, List.of(tag),
                        Locks.NONE));
            }
            return List.copyOf(out);
        }

        private Optional<ManifestInfo> deployed() {
            return digest == null || PUSHED.equals(digest) ? Optional.empty() : ctx.target().manifest();
        }

        private List<String> children() {
            if (children == null) {
                children = deployed().filter(ManifestInfo::isIndex)
                        .flatMap(x -> sim.lookup().content(x.digest()))
                        .map(ManifestContent::childDigests).orElse(List.of());
            }
            return children;
        }

        // A deployed referrer (signature, SBOM, an artifact with a subject) goes when its subject is deleted; its
        // body is read once so that the simulation's cascade knows the subject.
        private Optional<String> subject() {
            return deployed().filter(m -> MediaTypes.maySubject(m.mediaType()))
                    .flatMap(m -> sim.lookup().content(m.digest()))
                    .map(ManifestContent::subjectDigest);
        }
    }

    static String age(final Instant lastUpdate, final Instant fire) {
        if (lastUpdate == null) {
            return "age unknown";
        }
        long days = Duration.between(lastUpdate, fire).toDays();
        return "it will be " + days + (days == 1 ? " day" : " days") + " old";
    }

    static String ordinal(final int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    /** Scheduled steps whose flags include --include-locked: the guard's lock does not stop them. */
    public static List<String> includeLockedSources(final GuardContext ctx) {
        List<String> out = new ArrayList<>();
        String repo = ctx.target().repository();
        for (RunSource s : sources(ctx).list()) {
            if (s.rules().includeLocked() && s.rules().selectsRepository(repo)) {
                out.add(s.label() + " runs with include-locked: it unlocks and deletes locked images");
            }
        }
        return out;
    }
}
