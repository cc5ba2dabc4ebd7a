package io.acrlifecycle.cli;

import io.acrlifecycle.engine.json.Json;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.report.HtmlReport;
import io.acrlifecycle.engine.report.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The frame of every command: output flags, the engine log on stderr, and one way to print a result
 * (text or the JSON envelope on stdout, plus the report files with {@code --report-dir}).
 */
public abstract class BaseCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Mixin
    protected OutputOptions output;

    @Option(names = {"--quiet", "-q"}, description = "Only warnings and errors on stderr (no log lines, no progress).")
    protected boolean quiet;

    @Override
    public final Integer call() throws Exception {
        if (output.reportDir() != null) {
            // a report directory that cannot be written is bad input: say so before anything is changed
            try {
                Files.createDirectories(output.reportDir());
            } catch (IOException e) {
                throw CliException.usage("--report-dir: cannot create directory '" + output.reportDir() + "' ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + "); accepted: a writable directory");
            }
        }
        return print(execute());
    }

    /** Runs the command: parse the flags into an engine request, call the engine, describe the outcome. */
    protected abstract CommandResult execute() throws Exception;

    /** The name scripts see in {@code command}: the command path without the root, e.g. {@code soft-delete show}. */
    protected String commandName() {
        String qualified = spec.qualifiedName(" ");
        int space = qualified.indexOf(' ');
        return space < 0 ? qualified : qualified.substring(space + 1);
    }

    protected Io io() {
        return ((Main) spec.root().userObject()).io();
    }

    protected EngineLog log() {
        return new StderrLog(io().err(), quiet);
    }

    protected Progress progress(String label) {
        return new Progress(quiet ? new Io(new java.io.PrintWriter(java.io.Writer.nullWriter()), io().err(),
                io().in(), io().env(), false) : io(), label);
    }

    boolean jsonOutput() {
        return output != null && output.json();
    }

    private int print(CommandResult result) throws IOException {
        Io io = io();
        if (output.json()) {
            io.out().println(Json.writePretty(result));
        } else if (result.text() != null && !result.text().isEmpty()) {
            io.out().print(result.text().endsWith("\n") ? result.text() : result.text() + "\n");
        }
        io.out().flush();
        if (output.reportDir() != null) {
            Path[] files = writeReports(output.reportDir(), result);
            io.err().println("report: " + files[1].toAbsolutePath() + " (JSON: " + files[0].toAbsolutePath() + ")");
        }
        return result.exitCode();
    }

    /** Writes {@code <command>.json} (the JSON envelope) and {@code <command>.html} into {@code dir}. */
    protected Path[] writeReports(Path dir, CommandResult result) throws IOException {
        Files.createDirectories(dir);
        String base = result.command().replace(' ', '-');
        Path json = dir.resolve(base + ".json");
        Files.writeString(json, Json.writePretty(result) + "\n", StandardCharsets.UTF_8);
        Path html = HtmlReport.write(new Report("acr-lifecycle " + result.command(), result.registry(), Instant.now(),
                result.sections()), dir.resolve(base + ".html"));
        return new Path[] {json, html};
    }
}
