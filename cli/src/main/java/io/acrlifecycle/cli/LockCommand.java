package io.acrlifecycle.cli;

import io.acrlifecycle.engine.guard.CheckResult;
import io.acrlifecycle.engine.guard.DeployGuard;
import io.acrlifecycle.engine.guard.GuardMode;
import io.acrlifecycle.engine.guard.GuardRequest;
import io.acrlifecycle.engine.guard.GuardVerdict;
import io.acrlifecycle.engine.guard.LockedItem;
import io.acrlifecycle.engine.guard.Verdict;
import io.acrlifecycle.engine.model.ImageRef;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.report.GuardSections;
import io.acrlifecycle.engine.report.Section;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lock} and {@code unlock}: the guard's remediation on its own. */
public final class LockCommand {
    private LockCommand() {
    }

    /** A JSON object with its fields in the order given (Map.of has none). */
    public static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static ImageRef parse(String image) {
        try {
            return ImageRef.parse(image);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(GuardCommand.flag(e.getMessage()));
        }
    }

    @Command(name = "lock", mixinStandardHelpOptions = true,
            description = {"Lock an image against delete and overwrite: its tag, its manifest and, for a multi-arch "
                    + "index, its platform manifests (acr purge lets a locked index's untagged children go).",
                "It is the guard's --lock, in warn mode: the checks are run and reported, the lock is applied "
                        + "whatever they say."},
            footer = {"", "Example:", "  acr-lifecycle lock -r myregistry --image shop/api:2.4.0"})
    public static class Lock extends RegistryCommand {
        @Option(names = "--image", paramLabel = "IMAGE", required = true,
                description = "repo:tag, repo@sha256:<64 hex> or repo:tag@sha256:<64 hex>.")
        String image;

        @Override
        protected CommandResult execute() {
            GuardRequest request = new GuardRequest(parse(image), null, null, "0d", java.time.Duration.ZERO,
                    GuardMode.WARN, List.of(), false, false, true, false);
            try (AcrRegistry registry = openRegistry()) {
                GuardVerdict v = DeployGuard.check(registry, request, Instant.now(), log());
                CheckResult lock = v.check("lock");
                boolean ok = lock != null && lock.verdict() == Verdict.PASS;
                StringBuilder text = new StringBuilder(lock == null ? "not locked\n" : lock.reason() + "\n");
                v.locked().forEach(l -> text.append("  locked ").append(l).append('\n'));
                Section section = Section.builder("Lock " + image)
                        .outcome(ok ? Section.Outcome.DONE : Section.Outcome.FAILED)
                        .note(lock == null ? "not locked" : lock.reason())
                        .table(GuardSections.locked("locked", v.locked())).build();
                return CommandResult.of(commandName(), ok ? "done" : "failed", ok ? ExitCodes.DONE : ExitCodes.FAILED,
                        registry.loginServer(), ordered("image", image, "locked", v.locked(), "reason",
                                lock == null ? "" : lock.reason()), text.toString(), List.of(section));
            }
        }
    }

    @Command(name = "unlock", mixinStandardHelpOptions = true,
            description = "Undo a lock: deleteEnabled and writeEnabled back on for the tag, its manifest and an "
                    + "index's platform manifests.",
            footer = {"", "Example:", "  acr-lifecycle unlock -r myregistry --image shop/api:2.4.0"})
    public static class Unlock extends RegistryCommand {
        @Option(names = "--image", paramLabel = "IMAGE", required = true,
                description = "repo:tag, repo@sha256:<64 hex> or repo:tag@sha256:<64 hex>.")
        String image;

        @Override
        protected CommandResult execute() {
            ImageRef ref = parse(image);
            try (AcrRegistry registry = openRegistry()) {
                List<LockedItem> unlocked = DeployGuard.unlock(registry, ref);
                StringBuilder text = new StringBuilder("unlocked " + unlocked.size() + " item(s)\n");
                unlocked.forEach(l -> text.append("  unlocked ").append(l).append('\n'));
                Section section = Section.builder("Unlock " + image).outcome(Section.Outcome.DONE)
                        .table(GuardSections.locked("unlocked", unlocked)).build();
                return CommandResult.of(commandName(), "done", ExitCodes.DONE, registry.loginServer(),
                        ordered("image", image, "unlocked", unlocked), text.toString(), List.of(section));
            }
        }
    }
}
