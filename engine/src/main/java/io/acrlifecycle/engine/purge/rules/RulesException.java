package io.acrlifecycle.engine.purge.rules;

import java.util.List;

/** Every problem found in a rules file or in purge options, each naming its field path. */
public class RulesException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public RulesException(String source, List<String> problems) {
        super((source == null ? "" : source + ": ") + (problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems:\n  - " + String.join("\n  - ", problems)));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
