package io.acrlifecycle.engine.guard;

import io.acrlifecycle.engine.purge.rules.PurgeRules;
import java.time.Instant;
import java.util.List;

/**
 * Something that will run a purge over the repository: a scheduled ACR task step ({@code acrPurge}: the real
 * acr purge runs it, with its known hole around locked indexes) or declared rules (treated as running now).
 */
record PurgeSource(String label, PurgeRules rules, List<Instant> fires, boolean acrPurge, String summary) {

    PurgeSource {
        fires = List.copyOf(fires);
    }
}
