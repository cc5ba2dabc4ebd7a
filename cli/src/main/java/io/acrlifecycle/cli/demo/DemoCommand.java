package io.acrlifecycle.cli.demo;

import io.acrlifecycle.cli.BaseCommand;
import io.acrlifecycle.cli.CommandResult;
import io.acrlifecycle.cli.ExitCodes;
import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.EmulatorOptions;
import io.acrlifecycle.engine.json.Json;
import io.acrlifecycle.engine.report.HtmlReport;
import io.acrlifecycle.engine.report.Report;
import io.acrlifecycle.engine.report.Section;
import io.acrlifecycle.engine.report.Table;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the whole product on the embedded emulator, no Azure account needed. Starts the emulator with the
 * {@link DemoSeed} registry and tells the story step by step; see docs/getting-started.md.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole product on an embedded ACR emulator, no Azure account needed.",
            "Seeds a realistic registry, then: usage, soft delete, two guarded deploys, purge dry run, purge with a "
                    + "journal, an accidental delete and its restore, undo of the purge, usage again. Writes an HTML "
                    + "report and prints where. Takes about 10 s."})
public class DemoCommand extends BaseCommand {

    /** The random seed of the demo registry: the same registry every run. */
    public static final long DEFAULT_SEED = 42;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "acrlc-out",
            description = "Where the report, JSON and purge journal go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--random-seed", paramLabel = "N", defaultValue = "42", hidden = true,
            description = "Seed of the generated registry (sizes vary with it).")
    long randomSeed;

    @Override
    protected CommandResult execute() throws Exception {
        Instant started = Instant.now();
        boolean text = !output.json();
        DemoStory story = new DemoStory(io(), text);
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw io.acrlifecycle.cli.CliException.usage("--out: cannot create directory '" + out + "' ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); accepted: a writable directory");
        }
        String seed = DemoSeed.generate(randomSeed);
        story.line("Starting the ACR emulator on 127.0.0.1 and seeding the demo registry ...");
        try (AcrEmulator emu = AcrEmulator.start(EmulatorOptions.defaults())) {
            emu.seed(seed);
            story.line("Emulator at " + emu.endpoint() + " (login server " + emu.loginServer() + ")");
            registryStep(story, seed);
            new DemoRun(emu, story, out, warningsOnly()).run();
        }
        Duration took = Duration.between(started, Instant.now());
        Report report = new Report("acr-lifecycle demo", "demo registry (embedded emulator)", Instant.now(),
                story.sections());
        Path html = HtmlReport.write(report, out.resolve("demo.html"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("steps", story.results());
        result.put("reportHtml", html.toAbsolutePath().toString());
        result.put("seconds", took.toMillis() / 1000.0);
        Files.writeString(out.resolve("demo.json"), Json.writePretty(result) + "\n", StandardCharsets.UTF_8);
        story.line("");
        story.line("Done in " + String.format(java.util.Locale.ROOT, "%.1f", took.toMillis() / 1000.0) + " s.");
        story.line("Report: " + html.toAbsolutePath());
        return CommandResult.of("demo", "done", ExitCodes.DONE, null, result, null, story.sections());
    }

    /** The story is the output; the engine's info lines would drown it, its warnings must not be lost. */
    private io.acrlifecycle.engine.log.EngineLog warningsOnly() {
        java.io.PrintWriter err = io().err();
        return new io.acrlifecycle.engine.log.EngineLog() {
            @Override
            public void info(String line) {
            }

            @Override
            public void warn(String line) {
                err.println("warning: " + line);
            }
        };
    }

    private void registryStep(DemoStory story, String seedJson) throws Exception {
        story.title("The registry");
        var seed = Json.mapper().readTree(seedJson);
        Table.Builder table = Table.builder("repositories", "repository", "manifests", "tags", "untagged");
        int manifestsTotal = 0;
        for (var repo : seed.get("repositories")) {
            int manifests = 0;
            int tags = 0;
            int untagged = 0;
            for (var manifest : repo.get("manifests")) {
                manifests++;
                int n = manifest.has("tags") ? manifest.get("tags").size() : 0;
                tags += n;
                if (n == 0) {
                    untagged++;
                }
            }
            manifestsTotal += manifests;
            table.row(repo.get("name").asText(), manifests, tags, untagged);
            story.block(String.format("%-11s %4d manifests, %4d tags, %3d untagged", repo.get("name").asText(),
                    manifests, tags, untagged));
        }
        story.block("scheduled task " + DemoSeed.TASK_NAME + " (" + DemoSeed.TASK_SCHEDULE + " UTC): "
                + DemoSeed.TASK_CMD);
        Section section = Section.builder("The registry").outcome(Section.Outcome.INFO)
                .summary(manifestsTotal + " manifests in " + seed.get("repositories").size() + " repositories, 90 days "
                        + "of CI pushes; nightly task " + DemoSeed.TASK_NAME + ": " + DemoSeed.TASK_CMD)
                .fact("manifests", manifestsTotal)
                .fact("scheduled task", DemoSeed.TASK_NAME + " at " + DemoSeed.TASK_SCHEDULE + ": " + DemoSeed.TASK_CMD)
                .note("90 days of CI pushes; builds rebuilt the same day left untagged manifests behind.")
                .note("shop/web:" + DemoSeed.LOCKED_RELEASE + " is a signed multi-arch index whose tag is locked.")
                .table(table.build()).build();
        story.record("registry", Map.of("manifests", manifestsTotal), section);
    }
}
