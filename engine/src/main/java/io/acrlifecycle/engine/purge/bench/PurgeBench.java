package io.acrlifecycle.engine.purge.bench;

import io.acrlifecycle.engine.json.Json;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.Locks;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.MediaTypes;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.purge.result.PurgeReport;
import io.acrlifecycle.engine.purge.PurgeService;
import io.acrlifecycle.engine.purge.exec.ExecutorOptions;
import io.acrlifecycle.engine.purge.exec.PurgeExecutor;
import io.acrlifecycle.engine.purge.plan.PurgePlan;
import io.acrlifecycle.engine.purge.plan.PurgePlanner;
import io.acrlifecycle.engine.purge.plan.RepositoryListing;
import io.acrlifecycle.engine.purge.rules.PurgeRules;
import io.acrlifecycle.engine.registry.Registry;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

/**
 * Purge benchmark (a main, not a test): prints figures as JSON. The CLI's {@code bench} command calls the public
 * static methods.
 *
 * <ul>
 * <li>{@link #throughput}: untag {@code tags} tags against a target with {@code latency} per call at
 * {@code concurrency}; ratio = achieved deletes/s ÷ (concurrency / latency). Target: >= 0.85.</li>
 * <li>{@link #executorThroughput}: the same ratio with a registry whose deletes only sleep (executor overhead
 * alone).</li>
 * <li>{@link #planHeap}: plan over {@code tags} tags (each on its own manifest, all eligible, untagged pass on, the
 * worst case) in one repository, listings generated lazily; ratio = used heap after GC while holding the plan ÷
 * 256 MiB. {@link #planHeapInChildJvm} runs it in a child JVM with {@code -Xmx256m}, proving it fits.</li>
 * </ul>
 */
public final class PurgeBench {
    static final long BUDGET = 256L * 1024 * 1024;

    private PurgeBench() {
    }

    public record Throughput(int tags, int concurrency, long latencyMillis, long deleted, double seconds,
            double deletesPerSecond, double limitPerSecond, double ratio, int throttles, String status) {
    }

    public record PlanHeap(int tags, int planned, long usedBytes, long budgetBytes, double ratio, long millis,
            boolean childJvm, String maxHeap) {
    }

    /** Seeds, injects latency, plans (not timed), then times the execution of the untags. */
    public static Throughput throughput(BenchTarget target, int tags, Duration latency, int concurrency) {
        return throughput(target, tags, latency, concurrency, ExecutorOptions.Recheck.AUTO);
    }

    /** As above, with the re-check forced ({@code PER_ITEM}: a GET before each delete, for comparison). */
    public static Throughput throughput(BenchTarget target, int tags, Duration latency, int concurrency,
            ExecutorOptions.Recheck recheck) {
        String repo = "bench";
        Registry registry = target.registry();
        ExecutorOptions opts = ExecutorOptions.defaults().withConcurrency(concurrency).withSafety(false, true, null)
                .withRecheck(recheck);
        // warm up the HTTP stack and the JIT on a small repository first, so the figure is the steady state
        target.seed("warmup", Math.min(500, Math.max(1, tags / 10)));
        PurgePlan warm = PurgeService.plan(registry, PurgeRules.fromAcrPurgeArgs(List.of("warmup:.*"), "0d", 0, false,
                false, false), Instant.now(), EngineLog.SILENT);
        target.latency(latency);
        new PurgeExecutor(registry, opts, null, EngineLog.SILENT).execute(warm, null);
        target.latency(Duration.ZERO);
        target.seed(repo, tags);
        PurgeRules rules = PurgeRules.fromAcrPurgeArgs(List.of(repo + ":.*"), "0d", 0, false, false, false);
        PurgePlan plan = PurgeService.plan(registry, rules, Instant.now(), EngineLog.SILENT);
        target.latency(latency);
        PurgeExecutor exec = new PurgeExecutor(registry, opts, null, EngineLog.SILENT);
        long t0 = System.nanoTime();
        PurgeReport report = exec.execute(plan, null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        target.latency(Duration.ZERO);
        long deleted = report.totals().tagsUntagged();
        double rate = deleted / seconds;
        double limit = concurrency / (latency.toNanos() / 1e9);
        return new Throughput(tags, concurrency, latency.toMillis(), deleted, round(seconds), round(rate),
                round(limit), round(rate / limit), exec.throttles(), report.status().name());
    }

    /**
     * The executor alone: {@code tags} untags against a registry whose deletes just sleep {@code latency}. Separates
     * the executor's overhead from the HTTP stack's (compare with {@link #throughput}).
     */
    public static Throughput executorThroughput(int tags, Duration latency, int concurrency) {
        if (tags > 500) {
            executorThroughput(500, latency, concurrency); // warm up the JIT, so the figure is the steady state
        }
        List<io.acrlifecycle.engine.purge.plan.TagAction> untag = new java.util.ArrayList<>(tags);
        for (int i = 0; i < tags; i++) {
            untag.add(new io.acrlifecycle.engine.purge.plan.TagAction("bench", "t" + i, digest(i), Instant.EPOCH,
                    "bench", "bench", false));
        }
        PurgePlan plan = PurgePlan.of("latency.only", Instant.now(), "bench", List.of(
                new io.acrlifecycle.engine.purge.plan.RepositoryPlan("bench", untag, List.of(), List.of(), null)));
        ExecutorOptions opts = ExecutorOptions.defaults().withConcurrency(concurrency).withSafety(false, true, null);
        PurgeExecutor exec = new PurgeExecutor(new LatencyOnlyRegistry(latency, tags), opts, null, EngineLog.SILENT);
        long t0 = System.nanoTime();
        PurgeReport report = exec.execute(plan, null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long deleted = report.totals().tagsUntagged();
        double rate = deleted / seconds;
        double limit = concurrency / (latency.toNanos() / 1e9);
        return new Throughput(tags, concurrency, latency.toMillis(), deleted, round(seconds), round(rate),
                round(limit), round(rate / limit), exec.throttles(), report.status().name());
    }

    /** Plans over {@code tags} synthetic tags in this JVM and measures the heap the plan holds. */
    public static PlanHeap planHeap(int tags) {
        gc();
        long before = used();
        long t0 = System.nanoTime();
        PurgePlan plan = planSynthetic(tags);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        gc();
        long after = used();
        int planned = plan.deletes();
        long retained = Math.max(0, after - before);
        // keep the plan reachable until measured
        if (plan.totals().repositories() != 1) {
            throw new IllegalStateException("unexpected plan");
        }
        return new PlanHeap(tags, planned, after, BUDGET, round((double) after / BUDGET), millis, false,
                Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m (plan retains " + retained / (1024 * 1024)
                        + " MiB)");
    }

    /** Runs {@link #planHeap} in a child JVM with {@code -Xmx256m}; an OutOfMemoryError there fails the figure. */
    public static PlanHeap planHeapInChildJvm(int tags) {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                PurgeBench.class.getName(), "--plan-heap-child", Integer.toString(tags));
        pb.redirectErrorStream(true);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("child JVM did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("child JVM with -Xmx256m failed (exit " + p.exitValue() + "): " + out);
            }
            String json = out.substring(out.lastIndexOf("{\"tags\""));
            PlanHeap child = Json.mapper().readValue(json.trim(), PlanHeap.class);
            return new PlanHeap(child.tags(), child.planned(), child.usedBytes(), child.budgetBytes(), child.ratio(),
                    child.millis(), true, child.maxHeap());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the child JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static PurgePlan planSynthetic(int tags) {
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofDays(400));
        Iterable<TagInfo> tagListing = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < tags;
            }

            @Override
            public TagInfo next() {
                int n = i++;
                Instant t = old.minusSeconds(n);
                return new TagInfo("app", "build-" + n, digest(n), t, t, Locks.NONE);
            }
        };
        Iterable<ManifestInfo> manifestListing = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < tags;
            }

            @Override
            public ManifestInfo next() {
                int n = i++;
                Instant t = old.minusSeconds(n);
                return new ManifestInfo("app", digest(n), MediaTypes.DOCKER_MANIFEST, 1024, t, t,
                        List.of("build-" + n), Locks.NONE);
            }
        };
        PurgeRules rules = PurgeRules.parse("""
                rules:
                  - {name: releases, filter: ["app:^v\\\\d+$"], action: keep}
                  - {name: builds, filter: ["app:^build-"], ago: 30d, keep: 10, untagged: true}
                """, null, "bench");
        return PurgePlanner.plan("bench.azurecr.io", List.of(new RepositoryListing("app", tagListing, manifestListing,
                null)), rules, now);
    }

    static String digest(int n) {
        return "sha256:" + String.format("%064x", n);
    }

    private static void gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static long used() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /**
     * {@code PurgeBench} prints {"planHeap":..., "throughput":...}. Throughput needs a {@link BenchTarget} found with
     * {@link ServiceLoader} (the CLI jar registers the emulator); without one it is omitted.
     * Options: {@code --tags N} (5000), {@code --latency-ms N} (20), {@code --concurrency N} (16),
     * {@code --plan-tags N} (100000), {@code --per-item 1} (re-check with a GET per item instead of the re-listing).
     */
    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals("--plan-heap-child")) {
            System.out.println(Json.write(planHeap(Integer.parseInt(args[1]))));
            return;
        }
        Map<String, Integer> opt = new LinkedHashMap<>(Map.of("--tags", 5000, "--latency-ms", 20, "--concurrency", 16,
                "--plan-tags", 100_000, "--per-item", 0));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!opt.containsKey(args[i])) {
                throw new IllegalArgumentException(args[i] + ": unknown option; known: " + opt.keySet());
            }
            opt.put(args[i], Integer.parseInt(args[i + 1]));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("planHeap", planHeapInChildJvm(opt.get("--plan-tags")));
        out.put("executorOnly", executorThroughput(opt.get("--tags"), Duration.ofMillis(opt.get("--latency-ms")),
                opt.get("--concurrency")));
        for (BenchTarget t : ServiceLoader.load(BenchTarget.class)) {
            try (t) {
                out.put("throughput", throughput(t, opt.get("--tags"), Duration.ofMillis(opt.get("--latency-ms")),
                        opt.get("--concurrency"), opt.get("--per-item") == 1 ? ExecutorOptions.Recheck.PER_ITEM
                                : ExecutorOptions.Recheck.AUTO));
            }
            break;
        }
        if (!out.containsKey("throughput")) {
            out.put("throughput", "no BenchTarget on the classpath (run from the CLI jar, or use acr-lifecycle bench)");
        }
        System.out.println(Json.writePretty(out));
    }
}
