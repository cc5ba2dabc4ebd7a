package io.acrlifecycle.engine.purge.bench;

import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.purge.result.PurgeReport;
import io.acrlifecycle.engine.purge.PurgeService;
import io.acrlifecycle.engine.purge.exec.ExecutorOptions;
import io.acrlifecycle.engine.purge.exec.PurgeExecutor;
import io.acrlifecycle.engine.purge.plan.PurgePlan;
import io.acrlifecycle.engine.purge.rules.PurgeRules;
import io.acrlifecycle.engine.registry.Registry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Purge at the registry's quota, side by side: our executor and {@link AcrPurgeLikeClient} (fixed workers, blind
 * retries) remove the same number of images (one tag each; tags, then the untagged manifests) from the same
 * emulator under the same tier's quota, each starting with the budget just spent (a busy registry: a fresh budget
 * would let the first window's worth through at once, and a short run would measure that burst, not the rate).
 *
 * <p>The tiers' budgets are ACR's per-minute figures; a minute would make a run of thousands of images last many
 * minutes per tier, so the window is shortened to {@code budget / rate} seconds: every tier then allows
 * {@code rate} writes per second (its own budget per its own, shorter, window; the read budget shrinks with it).
 * What is compared is each client's rate against that quota ({@code quotaRatio}) and its share of 429s, which do not
 * depend on the scale. {@code Retry-After} stays in whole real seconds, as ACR would send it.
 */
public final class QuotaBench {
    /** ACR's documented WriteOps per minute by tier. */
    public static final List<String> TIERS = List.of("Basic", "Standard", "Premium");

    private QuotaBench() {
    }

    public static int writeOpsPerMinute(String sku) {
        return switch (sku) {
            case "Basic" -> 100;
            case "Standard" -> 500;
            case "Premium" -> 2000;
            default -> throw new IllegalArgumentException("sku: '" + sku + "' is not one of " + TIERS);
        };
    }

    /** One client's run. */
    public record ClientFigures(String client, int workers, long imagesRemoved, long tagsRemoved, double seconds,
            long writesServed, long throttled, double deletesPerSecond, double quotaRatio, double share429,
            double writeCallsPerImage, Double learnedRatePerSecond, String status) {
    }

    /** Both clients under one tier's quota. */
    public record TierRace(String sku, int writeOpsPerMinute, String window, double timeScale,
            double quotaWritesPerSecond, int images, ClientFigures ours, ClientFigures acrPurgeLike) {
    }

    /** Runs both clients once without a quota on {@code images} images: JIT, TLS and tokens warm for both. */
    public static void warmUp(BenchTarget target, int images, int concurrency) {
        target.quota(null, null);
        target.seed("warm-ours", images);
        target.seed("warm-acrpurge", images);
        ours(target, "warm-ours", null, null, 1, images, concurrency);
        acrPurgeLike(target, "warm-acrpurge", null, null, 1, images, concurrency);
    }

    /** Seeds two repositories of {@code images} images, then purges one with each client under {@code sku}'s quota. */
    public static TierRace race(BenchTarget target, String sku, int images, double writesPerSecond, int concurrency) {
        int budget = writeOpsPerMinute(sku);
        Duration window = Duration.ofNanos((long) (budget / writesPerSecond * 1e9));
        double quota = budget / (window.toNanos() / 1e9);
        String tag = sku.toLowerCase(java.util.Locale.ROOT) + "-" + images;
        target.seed("ours-" + tag, images);
        target.seed("acrpurge-" + tag, images);
        ClientFigures ours = ours(target, "ours-" + tag, sku, window, quota, images, concurrency);
        ClientFigures theirs = acrPurgeLike(target, "acrpurge-" + tag, sku, window, quota, images, concurrency);
        target.quota(null, null);
        return new TierRace(sku, budget, window.toString(), round(60.0 / (window.toNanos() / 1e9)), round(quota),
                images, ours, theirs);
    }

    private static ClientFigures ours(BenchTarget target, String repo, String sku, Duration window, double quota,
            int images, int concurrency) {
        Registry registry = target.registry();
        ExecutorOptions opts = ExecutorOptions.defaults().withConcurrency(concurrency).withSafety(false, true, null);
        PurgeRules rules = PurgeRules.fromAcrPurgeArgs(List.of(repo + ":.*"), "0d", 0, true, false, false);
        if (sku != null) {
            target.quota(sku, window);
        }
        long t0 = System.nanoTime();
        PurgePlan plan = PurgeService.plan(registry, rules, Instant.now(), EngineLog.SILENT);
        PurgeExecutor exec = new PurgeExecutor(registry, opts, null, EngineLog.SILENT);
        PurgeReport report = exec.execute(plan, null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        BenchTarget.QuotaCounts c = target.quotaCounts();
        return figures("ours", concurrency, report.totals().manifestsDeleted(), report.totals().tagsUntagged(),
                seconds, c, quota, round(exec.pacing().measuredPerSecond()), report.status().name()
                        + (report.message() == null ? "" : ": " + report.message()));
    }

    private static ClientFigures acrPurgeLike(BenchTarget target, String repo, String sku, Duration window,
            double quota, int images, int workers) {
        BenchTarget.RawAccess raw = target.raw();
        AcrPurgeLikeClient client = new AcrPurgeLikeClient(raw.endpoint(), raw.ssl(), raw.username(), raw.password(),
                workers);
        if (sku != null) {
            target.quota(sku, window);
        }
        String status;
        AcrPurgeLikeClient.Result r;
        long t0 = System.nanoTime();
        try {
            r = client.purge(repo);
            status = "COMPLETED";
        } catch (IOException e) {
            r = new AcrPurgeLikeClient.Result(0, 0, 0, 0, (System.nanoTime() - t0) / 1e9);
            status = "FAILED: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        BenchTarget.QuotaCounts c = target.quotaCounts();
        return figures("acr-purge-like", workers, r.manifestsDeleted(), r.tagsDeleted(), r.seconds(), c, quota, null,
                status);
    }

    private static ClientFigures figures(String client, int workers, long images, long tags, double seconds,
            BenchTarget.QuotaCounts c, double quota, Double learned, String status) {
        long calls = c.writes() + c.throttledWrites();
        double served = c.writes() / seconds;
        return new ClientFigures(client, workers, images, tags, round(seconds), c.writes(), c.throttledWrites(),
                round(served), round(served / quota), round(calls == 0 ? 0 : (double) c.throttledWrites() / calls),
                round(images == 0 ? 0 : (double) calls / images), learned, status);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
