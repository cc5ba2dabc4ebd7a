package io.acrlifecycle.steps;

import java.util.List;

/**
 * Every problem found in the raw parameters of one step call, each starting with the field name
 * ({@code ago: '30x' is not a duration; accepted: ...}). Thrown before anything touches the registry.
 */
public class StepParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public StepParameterException(String verb, List<String> problems) {
        super(verb + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
