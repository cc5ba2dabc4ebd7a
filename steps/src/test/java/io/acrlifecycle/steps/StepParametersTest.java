package io.acrlifecycle.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StepParametersTest {

    private static StepParameters params(Map<String, ?> raw) {
        return new StepParameters("acrPurge", raw);
    }

    @Test
    void shouldReportEveryProblemWithItsFieldName() {
        StepParameters p = params(Map.of("keep", "-1", "concurrency", "99", "dryRun", "maybe"));

        p.required("registry");
        p.integer("keep", 0, Integer.MAX_VALUE, 0);
        p.integer("concurrency", 1, 32, 5);
        p.flag("dryRun");

        assertThatThrownBy(p::check)
                .isInstanceOf(StepParameterException.class)
                .hasMessageStartingWith("acrPurge: registry: missing")
                .satisfies(e -> assertThat(((StepParameterException) e).problems()).containsExactly(
                        "registry: missing; it is required for acrPurge",
                        "keep: '-1' is not a whole number from 0 to 2147483647",
                        "concurrency: '99' is not a whole number from 1 to 32",
                        "dryRun: 'maybe' is not a boolean; accepted: true, false"));
    }

    @Test
    void shouldReadValidValuesAndDefaults() {
        StepParameters p = params(Map.of("registry", " myregistry.azurecr.io ", "keep", 3, "dryRun", true,
                "untagged", "TRUE", "mode", "Warn"));

        assertThat(p.required("registry")).isEqualTo("myregistry.azurecr.io");
        assertThat(p.integer("keep", 0, 100, 0)).isEqualTo(3);
        assertThat(p.integer("concurrency", 1, 32, 5)).isEqualTo(5);
        assertThat(p.flag("dryRun")).isTrue();
        assertThat(p.flag("untagged")).isTrue();
        assertThat(p.flag("includeLocked")).isFalse();
        assertThat(p.choice("mode", Set.of("block", "warn"), "block")).isEqualTo("warn");
        assertThat(p.choice("status", Set.of("enabled", "disabled"), null)).isNull();
        p.check();
        assertThat(p.problems()).isEmpty();
    }

    @Test
    void shouldTreatBlankTextAsAbsent() {
        StepParameters p = params(Map.of("ago", "   ", "keep", ""));

        assertThat(p.text("ago")).isNull();
        assertThat(p.integer("keep", 0, 10, null)).isNull();
        assertThat(p.problems()).isEmpty();
    }

    @Test
    void shouldNameTheAcceptedChoices() {
        StepParameters p = params(Map.of("mode", "loud"));

        p.choice("mode", Set.of("warn", "block"), "block");

        assertThat(p.problems()).containsExactly("mode: 'loud' is not accepted; accepted: block, warn");
    }

    @Test
    void shouldSplitListsOnLinesAndCommasButFiltersOnLinesOnly() {
        StepParameters p = params(Map.of("protectTags", "latest, stable\n\nprod-.*",
                "filter", "app:^v1\\.{1,3}$\nweb:.*", "exclude", List.of("a", " b ")));

        assertThat(p.list("protectTags")).containsExactly("latest", "stable", "prod-.*");
        assertThat(p.lines("filter")).containsExactly("app:^v1\\.{1,3}$", "web:.*");
        assertThat(p.list("exclude")).containsExactly("a", "b");
        assertThat(p.list("missing")).isEmpty();
    }

    @Test
    void shouldRecordTheParsersMessageUnderTheField() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("ago", "30x");
        raw.put("window", "60");
        StepParameters p = params(raw);

        // Long.parseLong throws NumberFormatException, an IllegalArgumentException, as engine parsers do
        Duration ago = p.parsed("ago", (field, text) -> Duration.ofMinutes(Long.parseLong(text)), Duration.ZERO);
        Duration window = p.parsed("window", (field, text) -> Duration.ofMinutes(Long.parseLong(text)), null);
        p.parsed("keep", (field, text) -> {
            throw new IllegalArgumentException(field + ": '" + text + "' is odd");
        }, null);

        assertThat(ago).isEqualTo(Duration.ZERO);
        assertThat(window).isEqualTo(Duration.ofHours(1));
        // keep is absent, so its parser is never asked
        assertThat(p.problems()).containsExactly("ago: For input string: \"30x\"");
    }

    @Test
    void shouldKeepAFieldPrefixTheParserAlreadyGave() {
        StepParameters p = params(Map.of("ago", "30x"));

        p.parsed("ago", (field, text) -> {
            throw new IllegalArgumentException("ago: '30x' is not a duration; accepted: 30d, 1d12h, 90m");
        }, null);
        p.problem("untaggedOnly", "cannot be combined with keep");

        assertThat(p.problems()).containsExactly("ago: '30x' is not a duration; accepted: 30d, 1d12h, 90m",
                "untaggedOnly: cannot be combined with keep");
    }
}
