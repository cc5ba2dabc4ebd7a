package io.acrlifecycle.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The output flags every command takes. */
public class OutputOptions {

    /** Output format of stdout. */
    public enum Format { text, json }

    @Option(names = {"--output", "-o"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "Logs and progress always go to stderr.")
    Format output = Format.text;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Also write the report as JSON and as one self-contained HTML file into DIR.")
    Path reportDir;

    public boolean json() {
        return output == Format.json;
    }

    public Path reportDir() {
        return reportDir;
    }
}
