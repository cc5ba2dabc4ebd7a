package io.acrlifecycle.cli;

import io.acrlifecycle.engine.guard.DeployGuard;
import io.acrlifecycle.engine.guard.GuardMode;
import io.acrlifecycle.engine.guard.GuardRequest;
import io.acrlifecycle.engine.guard.GuardVerdict;
import io.acrlifecycle.engine.guard.Stage;
import io.acrlifecycle.engine.model.ImageRef;
import io.acrlifecycle.engine.purge.rules.PurgeRules;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.report.GuardSections;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code guard}: is this image about to be overwritten or purged? Exit 3 when the deploy should not go ahead. */
@Command(name = "guard", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Before a push or a deploy: is the tag about to be overwritten, will a scheduled acr purge "
                + "task, a declared rule or the untagged retention policy delete the image within the window, is "
                + "it soft-deleted or missing? Blocks (exit 3) or warns, says why and when, and can lock the image.",
            "See docs/guard.md for every check."},
        footer = {"", "Examples:",
            "  acr-lifecycle guard -r myregistry --image app:1.2.3 --window 7d --lock          # deploy stage",
            "  acr-lifecycle guard -r myregistry --image app:1.2.3 --stage push --expected-digest sha256:... ",
            "", "Exit codes: 0 pass or warn, 3 blocked, 2 bad input, 1 failed."})
public class GuardCommand extends RegistryCommand {

    @Option(names = "--image", paramLabel = "IMAGE", required = true,
            description = "repo:tag, repo@sha256:<64 hex> or repo:tag@sha256:<64 hex>.")
    String image;

    @Option(names = "--expected-digest", paramLabel = "DIGEST",
            description = "The digest about to be deployed or pushed.")
    String expectedDigest;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "7d",
            description = "How far ahead to look: 7d, 36h, 1d12h (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "block",
            description = "block (exit 3 on a blocking check) or warn (report, exit 0). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--stage", paramLabel = "STAGE", defaultValue = "deploy",
            description = "deploy (the image must exist) or push (the tag is about to be written). "
                    + "Default: ${DEFAULT-VALUE}.")
    String stage;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Purge rules file (docs/rules.md) to consider as running now (repeatable).")
    List<Path> rules = new ArrayList<>();

    // Plain switches on purpose: picocli's negatable options declared as "--no-x" with a true default inverted
    // both forms (--no-tasks still read the tasks).
    @Option(names = "--no-tasks",
            description = "Do not read the registry's scheduled acr purge tasks over ARM (they are read by default).")
    boolean noTasks;

    @Option(names = "--no-retention",
            description = "Do not read the untagged retention policy over ARM (it is read by default).")
    boolean noRetention;

    @Option(names = "--lock", description = "After a decision that does not block, lock the tag and manifest "
            + "(and an index's platform manifests) against delete and overwrite.")
    boolean lock;

    @Option(names = "--restore", description = "Restore the image when it is soft-deleted.")
    boolean restore;

    @Option(names = "--as-of", paramLabel = "TIME",
            description = "Judge as if now were TIME (ISO-8601, e.g. 2026-12-01T01:00:00Z): the window starts there.")
    String asOf;

    @Override
    protected CommandResult execute() {
        GuardRequest request = request();
        Instant at = AsOf.parse(asOf);
        try (AcrRegistry registry = openRegistry()) {
            GuardVerdict verdict = DeployGuard.check(registry, request, at == null ? Instant.now() : at, log());
            return CommandResult.of(commandName(), verdict.verdict().name().toLowerCase(Locale.ROOT),
                    verdict.exitCode(), registry.loginServer(), verdict, verdict.render(),
                    List.of(GuardSections.of("Guard " + verdict.image(), verdict)));
        }
    }

    private GuardRequest request() {
        try {
            ImageRef ref = ImageRef.parse(image);
            List<PurgeRules> declared = new ArrayList<>();
            for (Path file : rules) {
                try {
                    declared.add(PurgeRules.load(file));
                } catch (IllegalArgumentException e) {
                    String m = e.getMessage();
                    throw CliException.usage(m.startsWith("rulesFile: ") ? "--rules: " + m.substring(11)
                            : "--rules: " + m);
                }
            }
            return new GuardRequest(ref, expectedDigest, Stage.parse(stage), window, GuardRequest.parseWindow(window),
                    GuardMode.parse(mode), declared, !noTasks, !noRetention, lock, restore);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(flag(e.getMessage()));
        }
    }

    /** The engine names its fields; the user typed flags. */
    static String flag(String message) {
        return message.replaceFirst("^image reference", "--image: image reference")
                .replaceFirst("^image:", "--image:").replaceFirst("^window:", "--window:")
                .replaceFirst("^mode:", "--mode:").replaceFirst("^stage:", "--stage:")
                .replaceFirst("^expectedDigest:", "--expected-digest:");
    }
}
