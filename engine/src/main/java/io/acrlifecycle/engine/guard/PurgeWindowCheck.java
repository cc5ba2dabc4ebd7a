package io.acrlifecycle.engine.guard;

import io.acrlifecycle.engine.guard.schedule.AcrPurgeCommand;
import io.acrlifecycle.engine.guard.schedule.ScheduledPurge;
import io.acrlifecycle.engine.guard.schedule.TaskNote;
import io.acrlifecycle.engine.guard.schedule.TaskPurgeReport;
import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.model.ManifestContent;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.MediaTypes;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.purge.plan.ManifestAction;
import io.acrlifecycle.engine.purge.plan.PurgePlanner;
import io.acrlifecycle.engine.purge.plan.RepositoryListing;
import io.acrlifecycle.engine.purge.plan.RepositoryPlan;
import io.acrlifecycle.engine.purge.plan.SpareReason;
import io.acrlifecycle.engine.purge.plan.Spared;
import io.acrlifecycle.engine.purge.plan.TagAction;
import io.acrlifecycle.engine.purge.rules.AcrPurgeArgs;
import io.acrlifecycle.engine.purge.rules.PurgeRule;
import io.acrlifecycle.engine.purge.rules.PurgeRules;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The purge window: every declared rule set (run now) and every scheduled acr purge run inside
 * {@code [now, now + window]} is simulated with the purge module's pure planner, on the repository as listed now
 * (for a push: as it will be after the push), with {@code now = fire time}. The first run that untags the tag or
 * deletes the manifest (or a platform manifest of an index) is reported.
 */
public final class PurgeWindowCheck {

    public static final String PURGE_WINDOW = "purge-window";
    public static final String SCHEDULED_TASKS = "scheduled-tasks";

    /** Up to this many runs per source are simulated one by one; beyond, by bisection (see docs/guard.md). */
    static final int LINEAR_LIMIT = 48;
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
        Sources s = sources(ctx);
        String repo = ctx.request().image().repository();
        List<PurgeSource> applicable = s.list().stream().filter(p -> p.rules().selectsRepository(repo)).toList();
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
        Simulation sim = new Simulation(ctx);
        Hit first = null;
        int runs = 0;
        for (PurgeSource source : applicable) {
            runs += source.fires().size();
            Optional<Hit> hit = sim.firstHit(source, details);
            if (hit.isPresent() && (first == null || hit.get().fire().isBefore(first.fire()))) {
                first = hit.get();
            }
        }
        if (first == null) {
            return CheckResult.pass(PURGE_WINDOW, runs + " purge run(s) in the window until "
                    + MINUTE.format(ctx.windowEnd()) + "; none untags or deletes " + ctx.target().display(), details);
        }
        return CheckResult.block(PURGE_WINDOW, first.reason(), first.fire(), details);
    }

    /** True when some declared rule or scheduled purge may act on the image's repository. */
    static boolean selectsRepository(final GuardContext ctx) {
        String repo = ctx.request().image().repository();
        return sources(ctx).list().stream().anyMatch(p -> p.rules().selectsRepository(repo));
    }

    static String minute(final Instant t) {
        return MINUTE.format(t);
    }

    // ---- sources -----------------------------------------------------------------------------------------

    record Sources(List<PurgeSource> list, List<String> unreadable) {
    }

    static Sources sources(final GuardContext ctx) {
        Sources cached = ctx.memo(Sources.class);
        if (cached != null) {
            return cached;
        }
        List<PurgeSource> list = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (PurgeRules rules : ctx.request().rules()) {
            list.add(new PurgeSource("declared rules " + rules.source() + " (no schedule: treated as running now)",
                    rules, List.of(ctx.now()), false, rules.toString()));
        }
        if (ctx.request().includeScheduledTasks()) {
            for (ScheduledPurge p : ctx.tasks().map(TaskPurgeReport::purges).orElse(List.of())) {
                AcrPurgeCommand c = p.command();
                try {
                    PurgeRules rules = PurgeRules.fromAcrPurgeArgs(new AcrPurgeArgs(c.filters(), c.ago(), c.keep(),
                            c.untagged(), c.untaggedOnly(), c.includeLocked()));
                    list.add(new PurgeSource(p.label(), rules, p.fireTimes(ctx.now(), ctx.windowEnd()), true,
                            c.summary()));
                } catch (IllegalArgumentException e) {
                    unreadable.add(p.label() + ": acr purge flags cannot be read: " + e.getMessage());
                }
            }
        }
        return ctx.memo(Sources.class, new Sources(List.copyOf(list), List.copyOf(unreadable)));
    }

    // ---- simulation --------------------------------------------------------------------------------------

    record Hit(Instant fire, String reason) {
    }

    /** Runs the planner against one (projected) listing for any number of fire times. */
    private static final class Simulation {
        private final GuardContext ctx;
        private final String repo;
        private final String tag;
        private final String digest;
        private final Instant now;
        private List<TagInfo> tags;
        private List<ManifestInfo> manifests;
        private List<String> children;

        Simulation(final GuardContext ctx) {
            this.ctx = ctx;
            Target t = ctx.target();
            this.repo = t.repository();
            this.tag = t.tag();
            this.digest = ctx.isPush() && t.digest() == null ? PUSHED : t.digest();
            this.now = ctx.now();
        }

        Optional<Hit> firstHit(final PurgeSource source, final List<String> details) {
            List<Instant> fires = source.fires();
            if (fires.isEmpty()) {
                details.add(source.label() + ": no run in the window");
                return Optional.empty();
            }
            int found;
            int simulated;
            if (fires.size() <= LINEAR_LIMIT) {
                found = -1;
                simulated = 0;
                for (int i = 0; i < fires.size() && found < 0; i++) {
                    simulated++;
                    found = describe(source, fires.get(i)).isPresent() ? i : -1;
                }
            } else {
                // With a fixed listing, a later run untags and deletes at least what an earlier run does
                // (eligibility only grows with time and keep-N ranks the same items), so bisection is exact.
                simulated = 1;
                found = -1;
                if (describe(source, fires.get(fires.size() - 1)).isPresent()) {
                    int lo = 0;
                    int hi = fires.size() - 1;
                    while (lo < hi) {
                        int mid = (lo + hi) >>> 1;
                        simulated++;
                        if (describe(source, fires.get(mid)).isPresent()) {
                            hi = mid;
                        } else {
                            lo = mid + 1;
                        }
                    }
                    found = lo;
                }
            }
            if (found < 0) {
                details.add(source.label() + ": " + fires.size() + " run(s) in the window (" + source.summary()
                        + "), simulated " + simulated + "; none untags or deletes it");
                return Optional.empty();
            }
            Hit hit = new Hit(fires.get(found), describe(source, fires.get(found)).orElseThrow());
            details.add(source.label() + ": " + hit.reason());
            return Optional.of(hit);
        }

        /** The reason this run removes the image, or empty. */
        Optional<String> describe(final PurgeSource source, final Instant fire) {
            RepositoryListing listing = new RepositoryListing(repo, tags(), lazyManifests(),
                    d -> PUSHED.equals(d) ? Optional.empty() : ctx.snapshot().content(d));
            RepositoryPlan plan = PurgePlanner.planRepository(ctx.registry().loginServer(), listing, source.rules(),
                    fire);
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
                        + delete.get().reason() + ", " + age(delete.get().lastUpdateTime(), fire) + ")");
            }
            for (String child : children()) {
                if (plan.delete().stream().anyMatch(a -> a.digest().equals(child))) {
                    return Optional.of(when + " would delete its platform manifest " + child);
                }
                if (source.acrPurge() && acrPurgeDeletesChildOfLockedIndex(plan, child)) {
                    return Optional.of(when + " would delete its platform manifest " + child + ": acr purge does"
                            + " not let a locked index shield its children (lock the children too; the guard's"
                            + " lock does)");
                }
            }
            return Optional.empty();
        }

        // The planner spares children of a locked index; the real acr purge deletes them when they are unlocked.
        private boolean acrPurgeDeletesChildOfLockedIndex(final RepositoryPlan plan, final String child) {
            for (Spared s : plan.spared()) {
                if (s.tag() == null && s.digest().equals(child) && s.reason() == SpareReason.CHILD_OF_LOCKED_INDEX) {
                    return ctx.snapshot().manifest(child).map(m -> !m.locks().blocksDelete()).orElse(false);
                }
            }
            return false;
        }

        private String tagPosition(final TagAction action, final RepositoryPlan plan, final PurgeSource source,
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

        private static String ruleText(final PurgeSource source, final String ruleName) {
            Optional<PurgeRule> r = rule(source, ruleName);
            if (r.isEmpty()) {
                return "rule " + ruleName;
            }
            String text = "ago " + r.get().ago() + ", keep " + r.get().keep();
            return source.acrPurge() ? text : "rule " + ruleName + ": " + text;
        }

        private static Optional<PurgeRule> rule(final PurgeSource source, final String name) {
            return source.rules().rules().stream().filter(r -> r.name().equals(name)).findFirst();
        }

        private List<TagInfo> tags() {
            if (tags == null) {
                List<TagInfo> listed = ctx.snapshot().tagsNewestFirst();
                if (!ctx.isPush() || tag == null) {
                    tags = listed;
                } else {
                    List<TagInfo> projected = new ArrayList<>();
                    projected.add(new TagInfo(repo, tag, digest, now, now, Locks.NONE));
                    listed.stream().filter(t -> !t.name().equals(tag)).forEach(projected::add);
                    tags = List.copyOf(projected);
                }
            }
            return tags;
        }

        private Iterable<ManifestInfo> lazyManifests() {
            return () -> manifests().iterator();
        }

        private List<ManifestInfo> manifests() {
            if (manifests == null) {
                List<ManifestInfo> listed = ctx.snapshot().manifests();
                if (!ctx.isPush() || tag == null) {
                    manifests = listed;
                } else {
                    manifests = projectPush(listed);
                }
            }
            return manifests;
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

        private List<String> children() {
            if (children == null) {
                Optional<ManifestInfo> m = digest == null || PUSHED.equals(digest) ? Optional.empty()
                        : ctx.snapshot().manifest(digest);
                children = m.filter(ManifestInfo::isIndex)
                        .flatMap(x -> ctx.snapshot().content(x.digest()))
                        .map(ManifestContent::childDigests).orElse(List.of());
            }
            return children;
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
        for (PurgeSource s : sources(ctx).list()) {
            if (s.rules().includeLocked() && s.rules().selectsRepository(repo)) {
                out.add(s.label() + " runs with include-locked: it unlocks and deletes locked images");
            }
        }
        return out;
    }
}
