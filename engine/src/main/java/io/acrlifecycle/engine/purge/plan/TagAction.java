package io.acrlifecycle.engine.purge.plan;

import java.time.Instant;

/**
 * Untag {@code repository:tag} ({@code DELETE /acr/v1/{repo}/_tags/{tag}}), selected by {@code rule}.
 * {@code unlock} = the tag is locked and includeLocked is on: PATCH it writable/deletable first.
 */
public record TagAction(String repository, String tag, String digest, Instant lastUpdateTime, String rule,
        String reason, boolean unlock) {

    /** Journal and dedupe key: the tag name and the digest it pointed to. */
    public String id() {
        return "tag:" + repository + ":" + tag + "@" + digest;
    }
}
