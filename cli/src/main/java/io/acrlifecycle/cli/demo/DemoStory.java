package io.acrlifecycle.cli.demo;

import io.acrlifecycle.cli.Io;
import io.acrlifecycle.engine.report.Section;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's narration: each step prints a short titled section on stdout (text mode) and leaves a report section
 * (HTML) and a JSON result behind.
 */
final class DemoStory {
    private final Io io;
    private final boolean printText;
    private final List<Section> sections = new ArrayList<>();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private int step;

    DemoStory(Io io, boolean printText) {
        this.io = io;
        this.printText = printText;
    }

    /** Starts a step: prints its title. */
    void title(String title) {
        step++;
        line("");
        line("== " + step + ". " + title);
    }

    void line(String text) {
        if (printText) {
            io.out().println(text);
            io.out().flush();
        }
    }

    /** Prints a multi-line block indented under the step title. */
    void block(String text) {
        for (String l : text.split("\n")) {
            line("   " + l);
        }
    }

    void record(String key, Object result, Section section) {
        if (result != null) {
            results.put(key, result);
        }
        if (section != null) {
            sections.add(section);
        }
    }

    int steps() {
        return step;
    }

    List<Section> sections() {
        return List.copyOf(sections);
    }

    Map<String, Object> results() {
        return results;
    }
}
