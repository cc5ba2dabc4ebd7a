package io.acrlifecycle.engine.report;

import io.acrlifecycle.engine.guard.CheckResult;
import io.acrlifecycle.engine.guard.GuardVerdict;
import io.acrlifecycle.engine.guard.LockedItem;
import java.util.List;

/** A deploy guard decision as a report section: the verdict, every check with its reason and date, the locks. */
public final class GuardSections {
    private GuardSections() {
    }

    public static Section of(String title, GuardVerdict v) {
        Section.Builder s = Section.builder(title).outcome(switch (v.verdict()) {
            case PASS -> Section.Outcome.PASS;
            case WARN -> Section.Outcome.WARN;
            case BLOCK -> Section.Outcome.BLOCK;
        });
        s.summary(summary(v));
        s.fact("image", v.image());
        if (v.digest() != null) {
            s.fact("digest", v.digest());
        }
        s.fact("verdict", v.verdict()).fact("mode", v.mode()).fact("window", v.window())
                .fact("checked at", v.checkedAt()).fact("registry calls", v.registryCalls());
        for (CheckResult c : v.problems()) {
            s.note(c.verdict() + " " + c.name() + ": " + c.reason());
        }
        Table.Builder checks = Table.builder("checks", "check", "verdict", "reason", "earliest deletion", "details");
        for (CheckResult c : v.checks()) {
            checks.row(c.name(), c.verdict(), c.reason(), c.earliestDeletion() == null ? "" : c.earliestDeletion(),
                    String.join("; ", c.details()));
        }
        s.table(checks.build());
        if (!v.locked().isEmpty()) {
            s.table(locked("locked against delete and overwrite", v.locked()));
        }
        return s.build();
    }

    /** The decision in one line: the verdict, the first problem and its date, what was locked. */
    static String summary(GuardVerdict v) {
        StringBuilder out = new StringBuilder(v.verdict().name());
        List<CheckResult> problems = v.problems();
        if (!problems.isEmpty()) {
            CheckResult first = problems.get(0);
            out.append(": ").append(first.name()).append(": ").append(first.reason());
            if (problems.size() > 1) {
                out.append(" (+").append(problems.size() - 1).append(" more)");
            }
        } else {
            out.append(": every check passed");
        }
        if (!v.locked().isEmpty()) {
            out.append("; locked ").append(v.locked().size()).append(" item(s)");
        }
        return out.toString();
    }

    public static Table locked(String caption, List<LockedItem> items) {
        Table.Builder t = Table.builder(caption, "kind", "repository", "tag", "digest");
        for (LockedItem l : items) {
            t.row(l.kind(), l.repository(), l.tag(), l.digest());
        }
        return t.build();
    }
}
