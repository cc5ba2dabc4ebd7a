package io.acrlifecycle.engine.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A chart over time for a report section: points between {@code from} and {@code until}, each with a count and
 * bytes, drawn as two bar rows sharing the time axis. {@code series} names the legend entries in order (each gets a
 * fixed colour, so the same kind of point has the same colour in every report; series only found in points are
 * added after them); a point's {@code series} is one of them, its {@code label} what a tooltip says about it.
 */
public record Timeline(String caption, Instant from, Instant until, List<String> series, List<Point> points) {

    public Timeline {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        series = series == null ? List.of() : List.copyOf(series);
        points = List.copyOf(points);
    }

    /** One bar: when, which series, what, how many items and how many bytes. */
    public record Point(Instant at, String series, String label, int count, long bytes) {
    }
}
