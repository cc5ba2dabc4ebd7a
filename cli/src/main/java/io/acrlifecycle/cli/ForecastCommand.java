package io.acrlifecycle.cli;

import io.acrlifecycle.engine.forecast.Forecast;
import io.acrlifecycle.engine.forecast.ForecastEvent;
import io.acrlifecycle.engine.forecast.ForecastRequest;
import io.acrlifecycle.engine.forecast.ForecastService;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.report.ForecastSections;
import io.acrlifecycle.engine.report.Sizes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code forecast}: every deletion the window holds for the whole registry, in time order. Deletes nothing. */
@Command(name = "forecast", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Every deletion the window holds for the whole registry, in time order: which scheduled acr "
                + "purge run or the retention policy removes which tags and manifests (with bytes), and which "
                + "soft-deleted manifests pass their expiry (no restore after that). Reads only; deletes nothing.",
            "See docs/forecast.md."},
        footer = {"", "Examples:",
            "  acr-lifecycle forecast -r myregistry --resource-id \"$ID\" --window 7d",
            "  acr-lifecycle forecast -r myregistry --resource-id \"$ID\" --window 30d --output json --report-dir out",
            "", "Exit codes: 0 done, 2 bad input, 1 failed."})
public class ForecastCommand extends RegistryCommand {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "7d",
            description = "How far ahead to look: 7d, 36h, 1d12h; 0 to 400 days (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--no-retention",
            description = "Leave the untagged retention policy out (it is read over ARM by default).")
    boolean noRetention;

    @Option(names = "--as-of", paramLabel = "TIME",
            description = "Forecast as if now were TIME (ISO-8601, e.g. 2026-12-01T00:00:00Z).")
    String asOf;

    @Override
    protected CommandResult execute() {
        ForecastRequest request;
        try {
            request = ForecastRequest.of(window).withRetentionPolicy(!noRetention);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage().replaceFirst("^window:", "--window:"));
        }
        Instant at = AsOf.parse(asOf);
        try (AcrRegistry registry = openRegistry()) {
            Forecast f = ForecastService.forecast(registry, request, at == null ? Instant.now() : at, log());
            return CommandResult.of(commandName(), "done", ExitCodes.DONE, registry.loginServer(), f, text(f),
                    List.of(ForecastSections.of("Deletion forecast", f)));
        }
    }

    /** The forecast as lines a person reads: the totals, then one line per deletion point, then the notes. */
    public static String text(final Forecast f) {
        StringBuilder out = new StringBuilder();
        out.append("forecast ").append(MINUTE.format(f.from())).append(" .. ").append(MINUTE.format(f.until()))
                .append(" (").append(f.window()).append("): ").append(ForecastSections.summary(f)).append('\n');
        for (ForecastEvent e : f.events()) {
            out.append(MINUTE.format(e.at())).append("  ").append(e.source()).append("  ").append(e.repository())
                    .append(": ");
            if (!e.tags().isEmpty()) {
                out.append("untags ").append(list(e.tags()));
                out.append(e.manifests().isEmpty() ? "" : "; ");
            }
            if (!e.manifests().isEmpty()) {
                out.append(e.kind() == ForecastEvent.Kind.EXPIRY ? "expire (no restore after): " : "deletes ")
                        .append(e.manifests().size()).append(" manifest(s), ").append(Sizes.human(e.bytes()))
                        .append(": ");
                List<String> shown = e.manifests().stream().limit(5).map(i -> shortDigest(i.digest())
                        + (i.tags().isEmpty() ? "" : " (" + String.join(", ", i.tags()) + ")")).toList();
                out.append(String.join(", ", shown)).append(e.manifests().size() > 5 ? ", ..." : "");
            }
            out.append('\n');
        }
        f.notes().forEach(n -> out.append("note: ").append(n).append('\n'));
        return out.toString();
    }

    private static String list(final List<String> tags) {
        return tags.size() <= 10 ? String.join(", ", tags)
                : String.join(", ", tags.subList(0, 10)) + " and " + (tags.size() - 10) + " more";
    }

    private static String shortDigest(final String digest) {
        int colon = digest.indexOf(':');
        return digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
    }
}
