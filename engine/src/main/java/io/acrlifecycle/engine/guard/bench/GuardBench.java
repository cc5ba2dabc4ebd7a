package io.acrlifecycle.engine.guard.bench;

import io.acrlifecycle.engine.guard.CheckResult;
import io.acrlifecycle.engine.guard.DeployGuard;
import io.acrlifecycle.engine.guard.GuardRequest;
import io.acrlifecycle.engine.guard.GuardVerdict;
import io.acrlifecycle.engine.json.Json;
import io.acrlifecycle.engine.model.RegistryTask;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Guard benchmark (a main, not a test): prints figures as JSON. A {@code *}{@code /5 * * * *} acr purge task
 * ({@code --ago 30d --keep 10 --untagged}, 2017 runs in a 7-day window) over one repository of {@code tags} tags
 * (default 5000) pushed {@code spacing} apart (default 1h, so about 170 tags cross the 30-day cutoff inside the
 * window and each crossing changes what the next run deletes). Three deploys are decided: the newest tag (PASS, the
 * whole window simulated), one that crosses the cutoff mid-window (BLOCK) and a digest deploy of it. Each decision is
 * timed after {@code warmup} untimed rounds (wall clock, and the thread's CPU time, which a loaded machine distorts
 * less); the target is under one second each.
 */
public final class GuardBench {

    /** Figures of one decision: the verdict, its time and how many of the runs had to be planned. */
    public record Decision(String image, String verdict, double millis, double cpuMillis, String simulated) {
    }

    /** All figures. */
    public record Figures(int tags, String spacing, String schedule, String window, List<Decision> decisions,
            double worstMillis, String target) {
    }

    private GuardBench() {
    }

    public static Figures run(final int tags, final Duration spacing, final int warmup) {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        String cmd = "acr purge --filter 'app:.*' --ago 30d --keep 10 --untagged";
        List<RegistryTask> tasks = List.of(new RegistryTask("purge-every-5-minutes", true, "EncodedTask",
                "version: v1.1.0\nsteps:\n  - cmd: " + cmd + "\n",
                List.of(new RegistryTask.TimerTrigger("t1", "*/5 * * * *", true))));
        SyntheticRegistry registry = new SyntheticRegistry(tags, now, spacing, tasks);
        // the tag that reaches 30 days in the middle of the window
        long crossing = Duration.ofDays(26).dividedBy(spacing);
        List<String> images = List.of("app:1.0", "app:1." + crossing,
                "app@" + String.format("sha256:%064x", crossing + 1));
        List<Decision> out = new ArrayList<>();
        double worst = 0;
        for (String image : images) {
            GuardRequest request = GuardRequest.of(image, "7d");
            for (int i = 0; i < warmup; i++) {
                DeployGuard.check(registry, request, now);
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            GuardVerdict v = DeployGuard.check(registry, request, now);
            double millis = (System.nanoTime() - start) / 1e6;
            double cpuMillis = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
            worst = Math.max(worst, millis);
            CheckResult window = v.check("purge-window");
            String simulated = window.details().stream().filter(d -> d.contains("simulated in time order"))
                    .findFirst().orElse("");
            out.add(new Decision(image, v.verdict() + " " + window.reason(), millis, cpuMillis, simulated));
        }
        return new Figures(tags, spacing.toString(), "*/5 * * * *", "7d", out, worst, "< 1000 ms per decision");
    }

    /** {@code GuardBench [tags] [spacing-minutes] [warmup]}. */
    public static void main(final String[] args) {
        int tags = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Duration spacing = Duration.ofMinutes(args.length > 1 ? Long.parseLong(args[1]) : 60);
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        System.out.println(Json.writePretty(run(tags, spacing, warmup)));
    }
}
