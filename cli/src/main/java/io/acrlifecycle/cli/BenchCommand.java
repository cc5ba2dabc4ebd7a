package io.acrlifecycle.cli;

import io.acrlifecycle.emulator.bench.EmulatorBench;
import io.acrlifecycle.engine.json.Json;
import io.acrlifecycle.engine.purge.bench.PurgeBench;
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
            "--quick uses 1,000 / 20,000 / 10,000 instead (a few seconds)."})
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

    @Override
    protected CommandResult execute() throws Exception {
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
        Map<String, Object> purge = new LinkedHashMap<>();
        io().err().println("bench: purge throughput, " + throughputTags + " tags, " + latencyMs + " ms per call, "
                + "concurrency " + concurrency + " ...");
        try (EmulatorBenchTarget target = new EmulatorBenchTarget()) {
            purge.put("throughput", PurgeBench.throughput(target, throughputTags, Duration.ofMillis(latencyMs),
                    concurrency));
        }
        io().err().println("bench: plan over " + heapTags + " tags in a child JVM with -Xmx256m ...");
        purge.put("planHeap", PurgeBench.planHeapInChildJvm(heapTags));
        io().err().println("bench: emulator listing of " + listTags + " tags and " + smallRequests + " requests ...");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("purge", purge);
        figures.put("emulator", EmulatorBench.run(listTags, smallRequests).toMap());
        figures.put("targets", LockCommand.ordered("purge.throughput.ratio", ">= 0.85", "purge.planHeap.ratio",
                "< 1.0 (fits in -Xmx256m)"));
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
