package io.acrlifecycle.engine.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A chart over time for a report section: points between {@code from} and {@code until}, each with a count and
 * bytes, drawn as two bar rows sharing the time axis. {@code series} is a short word (the colour and legend entry),
 * {@code label} what a tooltip says about the point.
 */
public record Timeline(String caption, Instant from, Instant until, List<Point> points) {

    public Timeline {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        points = List.copyOf(points);
    }

    /** One bar: when, which series, what, how many items and how many bytes. */
    public record Point(Instant at, String series, String label, int count, long bytes) {
    }
}
