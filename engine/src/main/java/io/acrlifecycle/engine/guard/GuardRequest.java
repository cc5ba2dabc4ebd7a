package io.acrlifecycle.engine.guard;

import io.acrlifecycle.engine.guard.schedule.NCrontab;
import io.acrlifecycle.engine.model.ImageRef;
import io.acrlifecycle.engine.purge.rules.Ago;
import io.acrlifecycle.engine.purge.rules.PurgeRules;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the guard is asked. {@code image}: the reference deployed or pushed. {@code expectedDigest}: the digest
 * about to be deployed or pushed (a digest in {@code image} counts as the expected digest). {@code stage}: DEPLOY
 * (default; the image must exist) or PUSH (the tag is about to be written). {@code window}: how far ahead to look. {@code rules}: declared purge rules (the purge module's format or
 * {@code acr purge} flags) that have no schedule and are treated as running now. {@code includeScheduledTasks}/{@code includeRetentionPolicy}
 * read the registry's ACR tasks and untagged retention policy (both default on); {@code lock} locks the image after a
 * decision that does not block; {@code restore} restores a soft-deleted image.
 */
public record GuardRequest(ImageRef image, String expectedDigest, Stage stage, String window, Duration windowLength,
        GuardMode mode, List<PurgeRules> rules, boolean includeScheduledTasks, boolean includeRetentionPolicy,
        boolean lock, boolean restore) {

    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    public GuardRequest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(windowLength, "windowLength");
        mode = mode == null ? GuardMode.BLOCK : mode;
        stage = stage == null ? Stage.DEPLOY : stage;
        rules = rules == null ? List.of() : List.copyOf(rules);
        if (expectedDigest != null && !DIGEST.matcher(expectedDigest).matches()) {
            throw new IllegalArgumentException("expectedDigest: '" + expectedDigest
                    + "' is not a digest; accepted: sha256:<64 lowercase hex>");
        }
        if (expectedDigest != null && image.digest() != null && !expectedDigest.equals(image.digest())) {
            throw new IllegalArgumentException("expectedDigest: " + expectedDigest
                    + " differs from the image's digest " + image.digest() + "; give the digest once (image repo:tag@digest, or expectedDigest)");
        }
        if (stage == Stage.PUSH && image.tag() == null) {
            throw new IllegalArgumentException("image: a push stage needs a tag; accepted image forms: repo:tag or"
                    + " repo:tag@sha256:<64 hex>");
        }
        if (windowLength.isNegative() || windowLength.compareTo(NCrontab.MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("window: '" + window + "' is outside 0d-"
                    + NCrontab.MAX_WINDOW.toDays() + "d; accepted: 7d, 36h, 1d12h");
        }
    }

    /** A request with the defaults: BLOCK mode, tasks and retention read, no lock, no restore. */
    public static GuardRequest of(final String image, final String window) {
        return new GuardRequest(ImageRef.parse(image), null, Stage.DEPLOY, window, parseWindow(window), GuardMode.BLOCK,
                List.of(), true, true, false, false);
    }

    /** Parses a window with acr purge's {@code ago} grammar: {@code 7d}, {@code 36h}, {@code 1d12h}, {@code 90m}. */
    public static Duration parseWindow(final String text) {
        return Ago.parse("window", text).duration();
    }

    public GuardRequest withExpectedDigest(final String digest) {
        return new GuardRequest(image, digest, stage, window, windowLength, mode, rules, includeScheduledTasks,
                includeRetentionPolicy, lock, restore);
    }

    public GuardRequest withMode(final GuardMode value) {
        return new GuardRequest(image, expectedDigest, stage, window, windowLength, value, rules, includeScheduledTasks,
                includeRetentionPolicy, lock, restore);
    }

    public GuardRequest withScheduledTasks(final boolean value) {
        return new GuardRequest(image, expectedDigest, stage, window, windowLength, mode, rules, value,
                includeRetentionPolicy, lock, restore);
    }

    public GuardRequest withRetentionPolicy(final boolean value) {
        return new GuardRequest(image, expectedDigest, stage, window, windowLength, mode, rules, includeScheduledTasks,
                value, lock, restore);
    }

    public GuardRequest withLock(final boolean value) {
        return new GuardRequest(image, expectedDigest, stage, window, windowLength, mode, rules, includeScheduledTasks,
                includeRetentionPolicy, value, restore);
    }

    public GuardRequest withRestore(final boolean value) {
        return new GuardRequest(image, expectedDigest, stage, window, windowLength, mode, rules, includeScheduledTasks,
                includeRetentionPolicy, lock, value);
    }

    public GuardRequest withRules(final List<PurgeRules> value) {
        return new GuardRequest(image, expectedDigest, stage, window, windowLength, mode, value, includeScheduledTasks,
                includeRetentionPolicy, lock, restore);
    }

    public GuardRequest withStage(final Stage value) {
        return new GuardRequest(image, expectedDigest, value, window, windowLength, mode, rules, includeScheduledTasks,
                includeRetentionPolicy, lock, restore);
    }

    /** The digest expected on the tag: {@code expectedDigest}, else the image's digest, else null. */
    public String expected() {
        return expectedDigest != null ? expectedDigest : image.digest();
    }
}
