package io.acrlifecycle.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.acrlifecycle.engine.report.Section;
import java.util.List;

/**
 * What a command hands back for printing. Its JSON form is the envelope of {@code --output json} (docs/cli.md,
 * "JSON output"): {@code command}, {@code status}, {@code exitCode}, {@code registry}, then the engine's own report
 * under {@code result}, or {@code error} when the command failed. {@code text} and {@code sections} are the human
 * renderings (stdout and the HTML report) and stay out of the JSON.
 */
@JsonPropertyOrder({"command", "status", "exitCode", "registry", "result", "error"})
public record CommandResult(String command, String status, int exitCode, String registry, Object result,
        String error, @JsonIgnore String text, @JsonIgnore List<Section> sections) {

    public CommandResult {
        sections = sections == null ? List.of() : List.copyOf(sections);
    }

    public static CommandResult of(String command, String status, int exitCode, String registry, Object result,
            String text, List<Section> sections) {
        return new CommandResult(command, status, exitCode, registry, result, null, text, sections);
    }

    public static CommandResult error(String command, int exitCode, String message) {
        return new CommandResult(command, exitCode == ExitCodes.USAGE ? "usage" : "failed", exitCode, null, null,
                message, null, List.of());
    }
}
