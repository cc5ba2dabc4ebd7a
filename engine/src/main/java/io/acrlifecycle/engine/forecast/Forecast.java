package io.acrlifecycle.engine.forecast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every deletion the window holds for the whole registry, in time order ({@code events}), with the totals and the
 * notes a person must read (tasks that could not be read, soft delete off, what the forecast assumes).
 */
public record Forecast(String registry, Instant from, Instant until, String window, List<ForecastEvent> events,
        int tagsUntagged, int manifestsDeleted, long bytesDeleted, int softDeletedExpiring, int runs,
        List<String> notes) {

    public Forecast {
        events = List.copyOf(events);
        notes = List.copyOf(notes);
    }

    /** One bar of the timeline: a run (or retention or expiry point) over all repositories. */
    public record Bar(Instant at, ForecastEvent.Kind kind, String source, int deletions, long bytes) {
    }

    /** The events grouped by time, kind and source across repositories, in time order: one bar each. */
    public List<Bar> bars() {
        Map<String, Bar> out = new LinkedHashMap<>();
        for (ForecastEvent e : events) {
            String key = e.at() + "|" + e.kind() + "|" + e.source();
            Bar b = out.get(key);
            out.put(key, b == null ? new Bar(e.at(), e.kind(), e.source(), e.deletions(), e.bytes())
                    : new Bar(b.at(), b.kind(), b.source(), b.deletions() + e.deletions(), b.bytes() + e.bytes()));
        }
        return new ArrayList<>(out.values());
    }
}
