package io.acrlifecycle.engine.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A captioned table of text cells. Rows shorter than the header are padded, longer ones refused, so a converter
 * bug shows up in its unit test rather than as a shifted column in a report. A {@code collapsed} table is detail a
 * reader opens on demand (the spared items of a purge): HTML shows it folded under its caption.
 */
public record Table(String caption, List<String> columns, List<List<String>> rows, boolean collapsed) {

    public Table(String caption, List<String> columns, List<List<String>> rows) {
        this(caption, columns, rows, false);
    }

    public Table {
        Objects.requireNonNull(columns, "columns");
        columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>();
        for (List<String> row : rows == null ? List.<List<String>>of() : rows) {
            if (row.size() > columns.size()) {
                throw new IllegalArgumentException("table '" + caption + "': row has " + row.size()
                        + " cells but the header has " + columns.size());
            }
            List<String> cells = new ArrayList<>();
            for (String cell : row) {
                cells.add(cell == null ? "" : cell);
            }
            while (cells.size() < columns.size()) {
                cells.add("");
            }
            copy.add(List.copyOf(cells));
        }
        rows = List.copyOf(copy);
    }

    public static Builder builder(String caption, String... columns) {
        return new Builder(caption, List.of(columns));
    }

    public static final class Builder {
        private final String caption;
        private final List<String> columns;
        private final List<List<String>> rows = new ArrayList<>();
        private boolean collapsed;

        private Builder(String caption, List<String> columns) {
            this.caption = caption;
            this.columns = columns;
        }

        public Builder row(Object... cells) {
            List<String> row = new ArrayList<>();
            for (Object cell : cells) {
                row.add(cell == null ? "" : String.valueOf(cell));
            }
            rows.add(row);
            return this;
        }

        /** Folded under its caption in HTML: detail a reader opens on demand. */
        public Builder collapsed() {
            this.collapsed = true;
            return this;
        }

        public boolean isEmpty() {
            return rows.isEmpty();
        }

        public Table build() {
            return new Table(caption, columns, rows, collapsed);
        }
    }
}
