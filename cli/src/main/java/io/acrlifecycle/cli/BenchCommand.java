package io.acrlifecycle.cli;

import io.acrlifecycle.emulator.bench.EmulatorBench;
import io.acrlifecycle.engine.json.Json;
import io.acrlifecycle.engine.purge.bench.EndToEndBench;
import io.acrlifecycle.engine.purge.bench.PurgeBench;
import io.acrlifecycle.engine.purge.bench.QuotaBench;
import io.acrlifecycle.engine.purge.exec.ExecutorOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: the figures the purge and emulator issues ask for, measured on this machine, as JSON. Figures, not
 * pass/fail: the exit code is 0 whenever the measurements ran.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure purge and emulator speed on this machine; print the figures as JSON:",
            "  purge.throughput: untag N tags on the emulator with 20 ms per call at concurrency 16; ratio = "
                    + "deletes/s ÷ (concurrency / latency), target >= 0.85",
            "  purge.planHeap: plan over 100,000 tags in one repository in a child JVM with -Xmx256m; ratio = heap "
                    + "used ÷ 256 MiB, must be < 1",
            "  emulator: 100,000 tags listed page by page over HTTPS, and small sequential requests",
            "  purge.endToEnd: one repository of 100,000 tags listed, planned, purged and undone, the engine in a child",
            "    JVM with -Xmx256m; undoPerSecond = tags restored per second",
            "  purge.quota: per tier (Basic, Standard, Premium), our purge and an acr-purge-like client (workers = CPUs,",
            "    429 retried after Retry-After) remove the same images under the tier's write quota, its window scaled",
            "    so that every tier allows --quota-rate writes/s; quotaRatio = writes/s ÷ quota, share429 = 429s ÷ writes",
            "--quick uses 1,000 / 20,000 / 10,000 / 200 instead (a few seconds; the quota race about a minute)."})
public class BenchCommand extends BaseCommand {

    @Option(names = "--quick", description = "Smaller figures, for a quick check.")
    boolean quick;

    @Option(names = "--tags", paramLabel = "N", description = "Tags untagged by the throughput run (5000; quick 1000).")
    Integer tags;

    @Option(names = "--latency-ms", paramLabel = "MS", defaultValue = "20",
            description = "Latency added to every data-plane call (default: ${DEFAULT-VALUE}).")
    int latencyMs;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16",
            description = "Parallel deletes (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--plan-tags", paramLabel = "N", description = "Tags in the plan-heap run (100000; quick 20000).")
    Integer planTags;

    @Option(names = "--emulator-tags", paramLabel = "N",
            description = "Tags listed by the emulator run (100000; quick 10000).")
    Integer emulatorTags;

    @Option(names = "--requests", paramLabel = "N", description = "Small requests timed (1000; quick 200).")
    Integer requests;

    @Option(names = "--quota-images", paramLabel = "N",
            description = "Images (one tag each) each client removes per tier in the quota race (1000; quick 200).")
    Integer quotaImages;

    @Option(names = "--quota-rate", paramLabel = "R", defaultValue = "40",
            description = "Writes per second every tier's scaled quota allows (default: ${DEFAULT-VALUE}).")
    double quotaRate;

    @Option(names = "--quota-tiers", paramLabel = "SKU", split = ",", defaultValue = "Basic,Standard,Premium",
            description = "Tiers raced (default: ${DEFAULT-VALUE}); none: --quota-tiers ''.")
    List<String> quotaTiers;

    @Option(names = "--quota-workers", paramLabel = "N",
            description = "Workers of both clients in the quota race (default: the number of CPUs, acr purge's).")
    Integer quotaWorkers;

    @Option(names = "--e2e-tags", paramLabel = "N",
            description = "Tags listed, planned, purged and undone end to end, engine in -Xmx256m (100000; quick 5000).")
    Integer e2eTags;

    @Option(names = "--only", paramLabel = "PART", split = ",",
            description = "Run only these parts: throughput, quota, endToEnd, planHeap, emulator (default: all).")
    List<String> only;

    private boolean runs(String part) {
        return only == null || only.isEmpty() || only.stream().anyMatch(p -> p.trim().equalsIgnoreCase(part));
    }

    @Override
    protected CommandResult execute() throws Exception {
        if (only != null) {
            for (String p : only) {
                if (!List.of("throughput", "quota", "endtoend", "planheap", "emulator").contains(p.trim().toLowerCase(java.util.Locale.ROOT))) {
                    throw CliException.usage("--only: '" + p + "' is not a part; accepted: throughput, quota, endToEnd, planHeap, emulator");
                }
            }
        }
        int throughputTags = positive("--tags", tags, quick ? 1000 : 5000);
        int heapTags = positive("--plan-tags", planTags, quick ? 20_000 : 100_000);
        int listTags = positive("--emulator-tags", emulatorTags, quick ? 10_000 : 100_000);
        int smallRequests = positive("--requests", requests, quick ? 200 : 1000);
        if (latencyMs < 0 || latencyMs > 10_000) {
            throw CliException.usage("--latency-ms: " + latencyMs + " is out of range; accepted: 0..10000");
        }
        if (concurrency < 1 || concurrency > 32) {
            throw CliException.usage("--concurrency: " + concurrency + " is out of range; accepted: 1..32");
        }
        int raceImages = positive("--quota-images", quotaImages, quick ? 200 : 1000);
        if (!(quotaRate >= 1 && quotaRate <= 1000)) {
            throw CliException.usage("--quota-rate: " + quotaRate + " is out of range; accepted: 1..1000 writes/s");
        }
        List<String> tiers = new java.util.ArrayList<>();
        for (String t : quotaTiers) {
            if (t.isBlank()) {
                continue;
            }
            String sku = QuotaBench.TIERS.stream().filter(x -> x.equalsIgnoreCase(t.trim())).findFirst()
                    .orElseThrow(() -> CliException.usage("--quota-tiers: '" + t + "' is not a tier; accepted: "
                            + String.join(", ", QuotaBench.TIERS)));
            tiers.add(sku);
        }
        Map<String, Object> purge = new LinkedHashMap<>();
        if (runs("throughput")) {
            io().err().println("bench: purge throughput, " + throughputTags + " tags, " + latencyMs + " ms per call, "
                    + "concurrency " + concurrency + " ...");
            try (EmulatorBenchTarget target = new EmulatorBenchTarget()) {
                purge.put("throughput", PurgeBench.throughput(target, throughputTags, Duration.ofMillis(latencyMs),
                        concurrency));
            }
        }
        if (runs("quota") && !tiers.isEmpty()) {
            List<Object> races = new java.util.ArrayList<>();
            int cpus = quotaWorkers != null ? quotaWorkers : ExecutorOptions.defaultConcurrency();
            if (cpus < 1 || cpus > 32) {
                throw CliException.usage("--quota-workers: " + cpus + " is out of range; accepted: 1..32");
            }
            try (EmulatorBenchTarget target = new EmulatorBenchTarget()) {
                QuotaBench.warmUp(target, Math.min(500, raceImages), cpus);
                for (String sku : tiers) {
                    io().err().println("bench: " + sku + " quota at " + quotaRate + " writes/s, " + raceImages
                            + " images per client, " + cpus + " workers each ...");
                    races.add(QuotaBench.race(target, sku, raceImages, quotaRate, cpus));
                }
            }
            purge.put("quota", races);
        }
        if (runs("endToEnd")) {
            int n = positive("--e2e-tags", e2eTags, quick ? 5000 : 100_000);
            io().err().println("bench: " + n + " tags end to end (list, plan, purge, undo), engine in a child JVM with"
                    + " -Xmx256m ...");
            try (EmulatorBenchTarget target = new EmulatorBenchTarget()) {
                purge.put("endToEnd", EndToEndBench.run(target, n, concurrency));
            }
        }
        if (runs("planHeap")) {
            io().err().println("bench: plan over " + heapTags + " tags in a child JVM with -Xmx256m ...");
            purge.put("planHeap", PurgeBench.planHeapInChildJvm(heapTags));
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("purge", purge);
        if (runs("emulator")) {
            io().err().println("bench: emulator listing of " + listTags + " tags and " + smallRequests + " requests ...");
            figures.put("emulator", EmulatorBench.run(listTags, smallRequests).toMap());
        }
        figures.put("targets", LockCommand.ordered("purge.throughput.ratio", ">= 0.85", "purge.planHeap.ratio",
                "< 1.0 (fits in -Xmx256m)", "purge.quota[].ours.quotaRatio", ">= 0.9",
                "purge.quota[].ours.share429", "<= 0.01"));
        figures.put("quick", quick);
        return CommandResult.of(commandName(), "done", ExitCodes.DONE, null, figures, Json.writePretty(figures),
                List.of());
    }

    private static int positive(String flag, Integer value, int fallback) {
        int v = value == null ? fallback : value;
        if (v < 1) {
            throw CliException.usage(flag + ": " + v + " is not a positive number");
        }
        return v;
    }
}
