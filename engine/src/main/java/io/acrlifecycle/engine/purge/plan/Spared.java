package io.acrlifecycle.engine.purge.plan;

/**
 * A tag ({@code tag} set) or manifest ({@code tag} null) that this plan leaves alone, with the reason, the rule that
 * decided (null when none) and a human detail (the matching pattern, the keep rank, the parent index, ...).
 */
public record Spared(String repository, String tag, String digest, SpareReason reason, String rule, String detail) {

    public boolean isTag() {
        return tag != null;
    }
}
