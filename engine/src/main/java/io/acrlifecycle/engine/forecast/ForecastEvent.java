package io.acrlifecycle.engine.forecast;

import java.time.Instant;
import java.util.List;

/**
 * One deletion point of the window in one repository. {@code kind}: {@code RUN} (a scheduled acr purge run; its
 * {@code source} names the task), {@code RETENTION} (the untagged retention policy deletes manifests) or
 * {@code EXPIRY} (soft-deleted manifests pass their expiry: from then on they cannot be restored). {@code tags} are
 * the tags a run untags; {@code manifests} what goes (with the referrers deleted with their subject); {@code bytes}
 * the manifests' sizes.
 */
public record ForecastEvent(Instant at, Kind kind, String source, String repository, List<String> tags,
        List<Item> manifests, long bytes) {

    public enum Kind {
        RUN, RETENTION, EXPIRY
    }

    /** A manifest and why it goes; {@code tags} are the tags it had (for an expiry: before it was deleted). */
    public record Item(String digest, List<String> tags, long bytes, String reason) {

        public Item {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    public ForecastEvent {
        tags = List.copyOf(tags);
        manifests = List.copyOf(manifests);
    }

    /** Tags untagged plus manifests removed: what the chart counts. */
    public int deletions() {
        return tags.size() + manifests.size();
    }
}
