package io.acrlifecycle.steps;

import io.acrlifecycle.engine.forecast.Forecast;
import io.acrlifecycle.engine.forecast.ForecastEvent;
import io.acrlifecycle.engine.forecast.ForecastRequest;
import io.acrlifecycle.engine.forecast.ForecastService;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.purge.rules.Ago;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.report.Sizes;
import io.acrlifecycle.steps.BuildSummary.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code acrForecast} step's engine side: its parameters ({@code window}, default 7d; {@code
 * includeRetentionPolicy}, default on), the run, and the forecast as plain JDK values (the map a sandboxed Pipeline
 * script reads as {@code result.forecast}, the same data as the CLI's {@code --output json}), plus one build-page
 * row per deletion point.
 */
public final class ForecastStep {

    /** Events kept in the map and on the build page; the CLI's JSON has them all. */
    static final int MAX_EVENTS = 500;

    private ForecastStep() {
    }

    static void validate(final StepParameters p) {
        p.parsed("window", Ago::parse, null);
        p.flag("includeRetentionPolicy", true);
    }

    static BuildSummary run(final Registry registry, final StepParameters p, final EngineLog log) {
        String window = p.text("window") == null ? StepRunner.DEFAULT_WINDOW : p.text("window");
        ForecastRequest request = ForecastRequest.of(window)
                .withRetentionPolicy(p.flag("includeRetentionPolicy", true));
        return summarize(ForecastService.forecast(registry, request, Instant.now(), log));
    }

    static BuildSummary summarize(final Forecast f) {
        // dryRun: a forecast deletes nothing, so the job's trend does not count its predicted deletions
        BuildSummary.Builder b = BuildSummary.builder(Kind.FORECAST, f.registry()).dryRun(true)
                .tagsUntagged(f.tagsUntagged())
                .manifestsDeleted(f.manifestsDeleted()).bytesReclaimed(f.bytesDeleted()).data(toMap(f));
        b.message(f.tagsUntagged() + " tag(s) untagged, " + f.manifestsDeleted() + " manifest(s) deleted ("
                + Sizes.human(f.bytesDeleted()) + "), " + f.softDeletedExpiring()
                + " soft-deleted manifest(s) expire in " + f.window());
        f.notes().forEach(b::message);
        for (ForecastEvent e : f.events()) {
            String action = switch (e.kind()) {
                case RUN -> e.manifests().isEmpty() ? "untag" : "delete";
                case RETENTION -> "retention";
                case EXPIRY -> "expire";
            };
            String detail = e.at() + " " + e.source() + ": " + (e.tags().isEmpty() ? ""
                    : e.tags().size() + " tag(s) untagged" + (e.manifests().isEmpty() ? "" : ", "))
                    + (e.manifests().isEmpty() ? "" : e.manifests().size() + " manifest(s), "
                    + Sizes.human(e.bytes()));
            String digest = e.manifests().size() == 1 ? e.manifests().get(0).digest() : null;
            b.row(action, e.repository(), e.tags().size() <= 5 ? String.join(", ", e.tags())
                    : String.join(", ", e.tags().subList(0, 5)) + ", ...", digest, detail);
        }
        return b.build();
    }

    /** The forecast as String/Long/Boolean/List/Map values, events capped at {@link #MAX_EVENTS}. */
    public static Map<String, Object> toMap(final Forecast f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("registry", f.registry());
        m.put("from", f.from().toString());
        m.put("until", f.until().toString());
        m.put("window", f.window());
        m.put("runs", (long) f.runs());
        m.put("tagsUntagged", (long) f.tagsUntagged());
        m.put("manifestsDeleted", (long) f.manifestsDeleted());
        m.put("bytesDeleted", f.bytesDeleted());
        m.put("softDeletedExpiring", (long) f.softDeletedExpiring());
        List<Object> events = new ArrayList<>();
        for (ForecastEvent e : f.events().subList(0, Math.min(MAX_EVENTS, f.events().size()))) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("at", e.at().toString());
            x.put("kind", e.kind().name());
            x.put("source", e.source());
            x.put("repository", e.repository());
            x.put("tags", new ArrayList<>(e.tags()));
            List<Object> manifests = new ArrayList<>();
            for (ForecastEvent.Item i : e.manifests()) {
                Map<String, Object> y = new LinkedHashMap<>();
                y.put("digest", i.digest());
                y.put("tags", new ArrayList<>(i.tags()));
                y.put("bytes", i.bytes());
                y.put("reason", i.reason());
                manifests.add(y);
            }
            x.put("manifests", manifests);
            x.put("bytes", e.bytes());
            events.add(x);
        }
        m.put("events", events);
        m.put("eventsOmitted", (long) Math.max(0, f.events().size() - MAX_EVENTS));
        m.put("notes", new ArrayList<>(f.notes()));
        return m;
    }

    static String headline(final BuildSummary s) {
        return "forecast: " + (s.messages().isEmpty() ? "nothing read" : s.messages().get(0));
    }
}
