package io.acrlifecycle.engine.report;

import io.acrlifecycle.engine.forecast.Forecast;
import io.acrlifecycle.engine.forecast.ForecastEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The deletion forecast as a report section: totals, the notes, a timeline chart (deletions and bytes per run over
 * the window) and one row per deletion point in time order; the manifests of each point are folded in a table.
 */
public final class ForecastSections {

    private ForecastSections() {
    }

    public static Section of(final String title, final Forecast f) {
        Section.Builder s = Section.builder(title).outcome(f.events().isEmpty() ? Section.Outcome.PASS
                : Section.Outcome.INFO);
        s.summary(summary(f));
        s.fact("window", f.window() + " (" + f.from() + " to " + f.until() + ")")
                .fact("scheduled runs in the window", f.runs())
                .fact("tags untagged", f.tagsUntagged())
                .fact("manifests deleted", f.manifestsDeleted())
                .fact("bytes deleted", Sizes.human(f.bytesDeleted()))
                .fact("soft-deleted manifests expiring", f.softDeletedExpiring());
        f.notes().forEach(s::note);
        List<Timeline.Point> points = new ArrayList<>();
        for (Forecast.Bar b : f.bars()) {
            points.add(new Timeline.Point(b.at(), series(b.kind()), b.source(), b.deletions(), b.bytes()));
        }
        s.timeline(new Timeline("Deletions and bytes per run, " + f.window() + " from " + f.from(), f.from(),
                f.until(), List.of(series(ForecastEvent.Kind.RUN), series(ForecastEvent.Kind.RETENTION),
                        series(ForecastEvent.Kind.EXPIRY)), points));
        Table.Builder events = Table.builder("deletions in time order", "time", "what", "repository", "tags untagged",
                "manifests", "bytes");
        Table.Builder items = Table.builder("manifests", "time", "what", "repository", "digest", "tags", "bytes",
                "reason").collapsed();
        for (ForecastEvent e : f.events()) {
            events.row(e.at(), e.source(), e.repository(), firstTags(e.tags()), e.manifests().size(),
                    Sizes.human(e.bytes()));
            for (ForecastEvent.Item i : e.manifests()) {
                items.row(e.at(), e.source(), e.repository(), i.digest(), String.join(", ", i.tags()),
                        Sizes.human(i.bytes()), i.reason());
            }
        }
        s.table(events.build()).table(items.build());
        return s.build();
    }

    // the full list is in the JSON; a table row names the first ten
    private static String firstTags(final List<String> tags) {
        return tags.size() <= 10 ? String.join(", ", tags)
                : String.join(", ", tags.subList(0, 10)) + " and " + (tags.size() - 10) + " more";
    }

    static String series(final ForecastEvent.Kind kind) {
        return switch (kind) {
            case RUN -> "scheduled acr purge run";
            case RETENTION -> "retention policy";
            case EXPIRY -> "soft-delete expiry";
        };
    }

    /** One line: the totals, and the first deletion. */
    public static String summary(final Forecast f) {
        if (f.events().isEmpty()) {
            return "nothing is deleted in the " + f.window() + " window";
        }
        ForecastEvent first = f.events().get(0);
        return String.format(Locale.ROOT, "%d tag(s) untagged, %d manifest(s) deleted (%s), %d soft-deleted"
                + " manifest(s) expire in %s; first: %s at %s", f.tagsUntagged(), f.manifestsDeleted(),
                Sizes.human(f.bytesDeleted()), f.softDeletedExpiring(), f.window(), first.source(), first.at());
    }
}
