package io.acrlifecycle.engine.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One step of a report. {@code outcome} is a short word shown as a badge ({@link Outcome}); {@code summary} is the
 * one line the report's summary table shows for the step (null: its first facts); {@code facts} are the totals
 * (label and value); {@code notes} are sentences a person should read; {@code tables} hold the detail, usually one
 * per repository; {@code timeline} (may be null) is a chart over time, drawn above the tables in HTML.
 */
public record Section(String title, Outcome outcome, String summary, List<Fact> facts, List<String> notes,
        List<Table> tables, Timeline timeline) {

    public Section(String title, Outcome outcome, List<Fact> facts, List<String> notes, List<Table> tables) {
        this(title, outcome, null, facts, notes, tables, null);
    }

    public Section(String title, Outcome outcome, String summary, List<Fact> facts, List<String> notes,
            List<Table> tables) {
        this(title, outcome, summary, facts, notes, tables, null);
    }

    public Section {
        Objects.requireNonNull(title, "title");
        outcome = outcome == null ? Outcome.INFO : outcome;
        facts = facts == null ? List.of() : List.copyOf(facts);
        notes = notes == null ? List.of() : List.copyOf(notes);
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    /** The badge of a section: its colour in HTML and its word in text. */
    public enum Outcome {
        DONE("done"), DRY_RUN("dry run"), PASS("pass"), WARN("warn"), BLOCK("blocked"), REFUSED("refused"),
        FAILED("failed"), INFO("info");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The summary line, or the first two facts when the converter gave none. */
    public String headline() {
        if (summary != null && !summary.isBlank()) {
            return summary;
        }
        StringBuilder out = new StringBuilder();
        for (Fact f : facts.subList(0, Math.min(2, facts.size()))) {
            out.append(out.length() == 0 ? "" : "; ").append(f.label()).append(": ").append(f.value());
        }
        return out.length() > 0 ? out.toString() : notes.isEmpty() ? "" : notes.get(0);
    }

    /** A label and its value, e.g. "bytes reclaimed" and "1.2 GiB". */
    public record Fact(String label, String value) {
        public Fact {
            Objects.requireNonNull(label, "label");
            value = value == null ? "" : value;
        }
    }

    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Sections are assembled piece by piece by the converters; the record stays immutable. */
    public static final class Builder {
        private final String title;
        private Outcome outcome = Outcome.INFO;
        private String summary;
        private final List<Fact> facts = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<Table> tables = new ArrayList<>();
        private Timeline timeline;

        private Builder(String title) {
            this.title = title;
        }

        public Builder outcome(Outcome value) {
            this.outcome = value;
            return this;
        }

        /** The one line shown for this step in the report's summary table. */
        public Builder summary(String line) {
            this.summary = line;
            return this;
        }

        public Builder fact(String label, Object value) {
            facts.add(new Fact(label, value == null ? "" : String.valueOf(value)));
            return this;
        }

        public Builder note(String line) {
            notes.add(line);
            return this;
        }

        public Builder table(Table table) {
            if (table != null) {
                tables.add(table);
            }
            return this;
        }

        /** A chart over time (one per section). */
        public Builder timeline(Timeline value) {
            this.timeline = value;
            return this;
        }

        public Section build() {
            return new Section(title, outcome, summary, facts, notes, tables, timeline);
        }
    }
}
