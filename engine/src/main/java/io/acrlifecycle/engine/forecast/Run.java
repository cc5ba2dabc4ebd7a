package io.acrlifecycle.engine.forecast;

import java.time.Instant;
import java.util.Comparator;

/** One run of a source at {@code at}, started by the source's timer number {@code timer} (0-based). */
public record Run(Instant at, RunSource source, int timer) {

    /**
     * The order runs happen in: by time; at the same instant declared rules first (in the order given), then tasks
     * by name, then by timer order, then by step (a task's steps run one after the other).
     */
    public static final Comparator<Run> ORDER = Comparator.comparing(Run::at)
            .thenComparing(r -> r.source().declared() ? 0 : 1)
            .thenComparing(r -> r.source().declared() ? "" : r.source().task())
            .thenComparingInt(Run::timer)
            .thenComparingInt(r -> r.source().step());
}
