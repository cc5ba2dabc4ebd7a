package io.acrlifecycle.cli.demo;

import io.acrlifecycle.engine.guard.CheckResult;
import io.acrlifecycle.engine.guard.DeployGuard;
import io.acrlifecycle.engine.guard.GuardRequest;
import io.acrlifecycle.engine.guard.GuardVerdict;
import io.acrlifecycle.engine.guard.LockedItem;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.report.GuardSections;
import io.acrlifecycle.engine.report.PurgeSections;
import java.time.Instant;

/** The demo's two guarded deploys: a release that passes and is locked, a rollback the nightly purge would break. */
final class DemoGuard {
    /** The rollback target: 50 days old, past the keep-10 of the nightly task's eligible builds. */
    static final int ROLLBACK_RANK = 26;

    private DemoGuard() {
    }

    static void deploys(AcrRegistry registry, DemoStory story, EngineLog log) {
        String release = DemoSeed.API + ":" + DemoSeed.API_RELEASE;
        story.title("Guard deploy 1: " + release + " to production");
        story.block("acr-lifecycle guard --image " + release + " --window 7d --mode block --lock");
        GuardVerdict pass = DeployGuard.check(registry, GuardRequest.of(release, "7d").withLock(true), Instant.now(),
                log);
        story.block(pass.verdict() + " (exit " + pass.exitCode() + "), " + pass.registryCalls() + " registry calls");
        for (LockedItem item : pass.locked()) {
            story.block("locked " + item.kind() + " " + item.repository() + (item.tag() != null ? ":" + item.tag()
                    : "@" + PurgeSections.shortDigest(item.digest())));
        }
        story.block("no purge and no overwrite can take it now");
        story.record("guardDeploy1", pass, GuardSections.of("Guard deploy 1: " + release, pass));

        String rollback = DemoSeed.WEB + ":" + DemoSeed.webBuild(ROLLBACK_RANK);
        story.title("Guard deploy 2: roll shop/web back to " + rollback);
        story.block("acr-lifecycle guard --image " + rollback + " --window 7d --mode block");
        // the story prints the reasons itself; the engine's warning lines would repeat them
        GuardVerdict block = DeployGuard.check(registry, GuardRequest.of(rollback, "7d"), Instant.now(),
                EngineLog.SILENT);
        story.block(block.verdict() + " (exit " + block.exitCode() + ")");
        for (CheckResult c : block.problems()) {
            story.block(c.verdict() + " " + c.name() + ": " + c.reason());
            if (c.earliestDeletion() != null) {
                story.block("  would be deleted at " + c.earliestDeletion());
            }
        }
        story.record("guardDeploy2", block, GuardSections.of("Guard deploy 2: " + rollback, block));
    }
}
