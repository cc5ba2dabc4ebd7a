package io.acrlifecycle.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.engine.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestoreRequestTest {
    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);
    private static final String C = "sha256:" + "c".repeat(64);

    @Test
    void shouldRefuseBadInputNamingTheFieldAndAcceptedForm() {
        assertThatThrownBy(() -> RestoreRequest.digest("app", "sha256:xyz", "v1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("targets[0].digest: 'sha256:xyz' is not a digest; accepted: sha256:<64 lowercase hex>");
        assertThatThrownBy(() -> RestoreRequest.tag("App", "v1")).hasMessageStartingWith("tags[0].repository: 'App'");
        assertThatThrownBy(() -> RestoreRequest.tag("app", "-bad")).hasMessageStartingWith("tags[0].tag: '-bad'");
        assertThatThrownBy(() -> new RestoreRequest(List.of(), List.of(), false, false))
                .hasMessageContaining("nothing to restore");
    }

    @Test
    void shouldSplitABatchIntoDigestAndTagItems() {
        RestoreRequest r = RestoreRequest.batch(List.of("app@" + A, "team/web:v2@" + B, "app:stable"));

        assertThat(r.targets()).extracting(RestoreTarget::digest).containsExactly(A, B);
        assertThat(r.targets().get(1).tags()).containsExactly("v2");
        assertThat(r.byTag()).containsExactly(new RestoreRequest.TagRef("app", "stable"));
    }

    @Test
    void shouldOrderChildrenBeforeIndexAndSubjectBeforeReferrer() {
        // given: a referrer C of subject A, listed first; an index B whose child is A
        LinkedHashMap<String, RestoreOrder.Node> nodes = new LinkedHashMap<>();
        nodes.put(RestoreOrder.key("app", C), new RestoreOrder.Node("app", C, List.of(A)));
        nodes.put(RestoreOrder.key("app", B), new RestoreOrder.Node("app", B, List.of(A)));
        nodes.put(RestoreOrder.key("app", A), new RestoreOrder.Node("app", A, List.of()));

        // when
        List<String> order = RestoreOrder.sort(nodes);

        // then A first, the others keep their input order
        assertThat(order).containsExactly("app@" + A, "app@" + C, "app@" + B);
    }

    @Test
    void shouldIgnoreRelationsToItemsOutsideTheBatchAndSurviveCycles() {
        LinkedHashMap<String, RestoreOrder.Node> nodes = new LinkedHashMap<>();
        nodes.put("app@" + A, new RestoreOrder.Node("app", A, List.of(B)));
        nodes.put("app@" + B, new RestoreOrder.Node("app", B, List.of(A)));
        nodes.put("app@" + C, new RestoreOrder.Node("app", C, List.of("sha256:" + "d".repeat(64))));

        assertThat(RestoreOrder.sort(nodes)).containsExactly("app@" + C, "app@" + A, "app@" + B);
    }

    @Test
    void shouldSerialiseTheReportThroughTheSharedJson() {
        List<RestoreItemResult> items = List.of(
                new RestoreItemResult("app", A, List.of("v1"), RestoreOutcome.RESTORED, null, List.of("v1"), null),
                new RestoreItemResult("app", B, List.of("v2"), RestoreOutcome.CONFLICT, C, List.of(), "live"));
        RestoreReport report = new RestoreReport("r.azurecr.io", false, false, items, RestoreReport.Totals.of(items));

        String json = Json.write(report);

        assertThat(json).contains("\"outcome\":\"RESTORED\"", "\"outcome\":\"CONFLICT\"", "\"liveDigest\":\"" + C,
                "\"restored\":1", "\"conflict\":1");
        assertThat(report.complete()).isFalse();
    }
}
