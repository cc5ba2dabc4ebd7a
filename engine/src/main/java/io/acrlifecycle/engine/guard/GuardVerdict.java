package io.acrlifecycle.engine.guard;

import io.acrlifecycle.engine.json.Json;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The guard's decision as written to JSON (field order is the contract): the image as given, the digest the decision
 * is about, the overall verdict (in WARN mode a blocking check yields WARN, its reason kept), every check, what was
 * locked (or unlocked), the number of registry calls made, when and for which window.
 */
public record GuardVerdict(String image, String digest, Verdict verdict, GuardMode mode, List<CheckResult> checks,
        List<LockedItem> locked, int registryCalls, Map<String, Integer> callsByOperation, Instant checkedAt,
        String window) {

    /** Exit code: the pipeline passes. */
    public static final int EXIT_PASS = 0;
    /** Exit code for bad input (reference, window, rules): reserved for the CLI, no decision was made. */
    public static final int EXIT_USAGE = 2;
    /** Exit code: the guard blocks (only in BLOCK mode). */
    public static final int EXIT_BLOCK = 3;

    public GuardVerdict {
        checks = List.copyOf(checks);
        locked = List.copyOf(locked);
        // sorted, so the JSON is stable
        callsByOperation = Collections.unmodifiableMap(new TreeMap<>(callsByOperation == null ? Map.of()
                : callsByOperation));
    }

    /** 0 for PASS and WARN (warnings are printed, the pipeline goes on), 3 for BLOCK. */
    public int exitCode() {
        return exitCode(verdict);
    }

    public static int exitCode(final Verdict verdict) {
        return verdict == Verdict.BLOCK ? EXIT_BLOCK : EXIT_PASS;
    }

    /** The checks whose own verdict is not PASS. */
    public List<CheckResult> problems() {
        return checks.stream().filter(c -> c.verdict() != Verdict.PASS).toList();
    }

    /** The check with this name, or null. */
    public CheckResult check(final String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    public String toJson() {
        return Json.writePretty(this);
    }

    /** Lines for a build log: the verdict, then one line per check that is not a pass. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("guard ").append(verdict).append(" for ").append(image)
                .append(digest == null ? "" : " (" + digest + ")").append(", window ").append(window)
                .append(", mode ").append(mode).append(", ").append(registryCalls).append(" registry calls\n");
        for (CheckResult c : checks) {
            out.append("  ").append(c.verdict()).append(' ').append(c.name()).append(": ").append(c.reason())
                    .append('\n');
        }
        for (LockedItem l : locked) {
            out.append("  locked ").append(l).append('\n');
        }
        return out.toString();
    }
}
