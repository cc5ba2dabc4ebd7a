package io.acrlifecycle.engine.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A document a person reads after a run: a title, the registry it is about, and one section per step
 * (a purge, a restore, a guard decision...). Rendered to one self-contained HTML file by {@link HtmlReport};
 * the CLI and the Jenkins plugin build it from the engine's own reports through {@link ReportSections}.
 */
public record Report(String title, String registry, Instant generatedAt, List<Section> sections) {

    public Report {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(generatedAt, "generatedAt");
        sections = sections == null ? List.of() : List.copyOf(sections);
    }
}
