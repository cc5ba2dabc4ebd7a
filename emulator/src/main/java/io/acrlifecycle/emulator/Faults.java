package io.acrlifecycle.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The active fault rules. Thread-safe. */
public final class Faults {
    private final List<Active> rules = new ArrayList<>();

    private static final class Active {
        final FaultRule rule;
        int remaining;

        Active(FaultRule rule) {
            this.rule = rule;
            this.remaining = rule.times();
        }
    }

    public synchronized Faults add(FaultRule rule) {
        rules.add(new Active(rule));
        return this;
    }

    public synchronized void clear() {
        rules.clear();
    }

    public synchronized List<FaultRule> rules() {
        return rules.stream().map(a -> a.rule).toList();
    }

    /** The rules that fire for this request (each consumes one of its {@code times}). */
    public synchronized List<FaultRule> fire(String method, String path) {
        List<FaultRule> out = new ArrayList<>();
        for (Active a : rules) {
            if (a.remaining == 0 || !a.rule.matches(method, path)) {
                continue;
            }
            if (a.rule.rate() < 1.0 && ThreadLocalRandom.current().nextDouble() >= a.rule.rate()) {
                continue;
            }
            if (a.remaining > 0) {
                a.remaining--;
            }
            out.add(a.rule);
        }
        rules.removeIf(a -> a.remaining == 0);
        return out;
    }
}
