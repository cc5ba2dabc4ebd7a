package io.acrlifecycle.engine.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.DeletedTag;
import io.acrlifecycle.engine.model.MediaTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The recovery planner's rules, on listings built by hand (no network). */
class RecoveryPlannerTest {
    static final Instant T = Instant.parse("2026-12-03T09:40:00Z");
    static final String A = "sha256:" + "a".repeat(64);
    static final String B = "sha256:" + "b".repeat(64);
    static final String C = "sha256:" + "c".repeat(64);
    static final String X = "sha256:" + "e".repeat(64);

    private static DeletedManifest deleted(String digest, Instant at, String mediaType) {
        return new DeletedManifest("app", digest, List.of(), at.minus(Duration.ofDays(30)), at, at.plus(
                Duration.ofDays(7)), 100, mediaType);
    }

    private static DeletedTag tag(String name, String digest, Instant created, Instant deleted) {
        return new DeletedTag("app", name, digest, created, deleted);
    }

    private static List<RecoveryItem> plan(List<DeletedManifest> manifests, List<DeletedTag> tags,
            Map<String, String> liveTags, Set<String> liveDigests) {
        return RecoveryPlanner.plan(T, new RepositoryState("app", manifests, tags, liveTags, liveDigests));
    }

    @Test
    void shouldRestoreWhatWentAtOrAfterSinceAndNothingBefore() {
        List<RecoveryItem> items = plan(List.of(deleted(A, T, MediaTypes.OCI_MANIFEST),
                deleted(B, T.minusSeconds(1), MediaTypes.OCI_MANIFEST)),
                List.of(tag("v1", A, T.minusSeconds(99), T), tag("v0", B, T.minusSeconds(99), T.minusSeconds(1))),
                Map.of(), Set.of());

        assertThat(items).singleElement().satisfies(i -> {
            assertThat(i.digest()).isEqualTo(A);
            assertThat(i.tags()).extracting(RecoveryItem.TagStep::tag).containsExactly("v1");
        });
    }

    @Test
    void shouldGiveATagThatMovedTwiceToTheManifestItPointedAtAtSince() {
        // 'latest' pointed at A at T; a push moved it to B at T+1m; B was deleted at T+5m
        List<RecoveryItem> items = plan(List.of(deleted(B, T.plusSeconds(300), MediaTypes.OCI_MANIFEST)),
                List.of(tag("latest", A, T.minusSeconds(3600), T.plusSeconds(60)),
                        tag("latest", B, T.plusSeconds(60), T.plusSeconds(300))),
                Map.of(), Set.of(A));

        assertThat(items).extracting(RecoveryItem::digest).containsExactly(A, B);
        assertThat(items.get(0).live()).isTrue();
        assertThat(items.get(0).tags()).extracting(RecoveryItem.TagStep::tag).containsExactly("latest");
        assertThat(items.get(1).tags()).isEmpty(); // B comes back untagged
    }

    @Test
    void shouldTakeTheNewestRecordWhenNoneWasLiveAtSince() {
        List<RecoveryItem> items = plan(List.of(deleted(A, T.plusSeconds(10), null),
                deleted(B, T.plusSeconds(20), null)),
                List.of(tag("ci", A, T.plusSeconds(1), T.plusSeconds(10)),
                        tag("ci", B, T.plusSeconds(10), T.plusSeconds(20))),
                Map.of(), Set.of());

        assertThat(items).filteredOn(i -> i.digest().equals(B)).singleElement()
                .satisfies(i -> assertThat(i.tags()).extracting(RecoveryItem.TagStep::tag).containsExactly("ci"));
        assertThat(items).filteredOn(i -> i.digest().equals(A)).singleElement()
                .satisfies(i -> assertThat(i.tags()).isEmpty());
    }

    @Test
    void shouldMarkATagThatPointsElsewhereNowAsAConflictWithBothDigests() {
        List<RecoveryItem> items = plan(List.of(deleted(A, T, null)),
                List.of(tag("stable", A, T.minusSeconds(9), T)), Map.of("stable", X), Set.of(X));

        assertThat(items).singleElement().satisfies(i -> {
            assertThat(i.digest()).isEqualTo(A);
            assertThat(i.tags()).singleElement().satisfies(t -> {
                assertThat(t.conflicts()).isTrue();
                assertThat(t.liveDigest()).isEqualTo(X);
            });
        });
    }

    @Test
    void shouldSkipTagsThatAreBackAndOurOwnTemporaryTags() {
        List<RecoveryItem> items = plan(List.of(), List.of(tag("v1", A, T, T.plusSeconds(5)),
                tag("acrl-restore-aaaaaaaaaaaa", A, T, T.plusSeconds(6))), Map.of("v1", A), Set.of(A));

        assertThat(items).isEmpty();
    }

    @Test
    void shouldReportATagWhoseManifestIsGoneForGood() {
        List<RecoveryItem> items = plan(List.of(), List.of(tag("v1", C, T, T.plusSeconds(5))), Map.of(), Set.of());

        assertThat(items).singleElement().satisfies(i -> assertThat(i.gone()).isTrue());
    }

    @Test
    void shouldOrderTagsOfLiveManifestsThenImagesThenUntaggedThenIndexes() {
        List<RecoveryItem> items = plan(List.of(deleted(A, T.plusSeconds(1), MediaTypes.OCI_INDEX),
                deleted(B, T.plusSeconds(2), MediaTypes.OCI_MANIFEST),
                deleted(C, T.plusSeconds(3), MediaTypes.OCI_MANIFEST)),
                List.of(tag("multi", A, T, T.plusSeconds(1)), tag("v1", C, T, T.plusSeconds(3)),
                        tag("v2", X, T, T.plusSeconds(4))),
                Map.of(), Set.of(X));

        assertThat(items).extracting(RecoveryItem::digest).containsExactly(X, C, B, A);
    }

    @Test
    void shouldParseSinceAsAnInstantAnOffsetOrADurationAndRefuseTheRest() {
        Instant now = T.plusSeconds(3600);
        assertThat(RecoveryRequest.parseSince("--since", "2026-12-03T09:40:00Z", now)).isEqualTo(T);
        assertThat(RecoveryRequest.parseSince("--since", "2026-12-03T10:40:00+01:00", now)).isEqualTo(T);
        assertThat(RecoveryRequest.parseSince("--since", "1h", now)).isEqualTo(T);
        assertThatThrownBy(() -> RecoveryRequest.parseSince("--since", "yesterday", now))
                .hasMessageContaining("--since: 'yesterday' is not a time; accepted: an ISO-8601 instant");
        assertThatThrownBy(() -> RecoveryRequest.parseSince("--since", "2027-01-01T00:00:00Z", now))
                .hasMessageContaining("is in the future");
        assertThatThrownBy(() -> RecoveryRequest.parseSince("since", null, now))
                .hasMessageContaining("since: missing");
    }

    @Test
    void shouldRefuseARepositoryAndAFilterTogetherAndBadValues() {
        assertThatThrownBy(() -> new RecoveryRequest(T, "app", "a.*", false, true, null))
                .hasMessageContaining("repository and filter: give one, not both");
        assertThatThrownBy(() -> new RecoveryRequest(T, "Bad Name", null, false, true, null))
                .hasMessageContaining("repository: 'Bad Name' is not a repository name");
        assertThatThrownBy(() -> new RecoveryRequest(T, "a".repeat(256), null, false, true, null))
                .hasMessageContaining("at most 255 characters");
        assertThatThrownBy(() -> new RecoveryRequest(T, null, "shop/(", false, true, null))
                .hasMessageContaining("filter");
        assertThat(new RecoveryRequest(T, null, "shop/.*", false, true, null).repositories())
                .accepts("shop/api").rejects("myshop/api", "other");
    }
}
