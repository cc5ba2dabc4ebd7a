package io.acrlifecycle.engine.purge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class UserPatternTest {

    @Test
    @Timeout(20)
    void shouldAbortCatastrophicBacktrackingWithAClearError() {
        // Java 9+ memoizes simple nested loops, so (a+)+$ is "only" quadratic: a long input still blows up
        Filter f = Filter.parse("rules[0].filter[0]", "app:(a+)+$", Filter.RepoAnchoring.FULL);
        String tag = "a".repeat(5_000) + "b";
        long start = System.nanoTime();
        assertThatThrownBy(() -> f.matchesTag(tag))
                .isInstanceOf(RegexTooSlowException.class)
                .hasMessageStartingWith("filter 'app:(a+)+$' took too long on tag 'aaaa")
                .hasMessageContaining("backtracks catastrophically");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    @Timeout(20)
    void shouldAbortExponentialBacktrackingOnATagSizedInput() {
        // a back-reference defeats Java's loop memoization: exponential in the tag length
        Filter f = Filter.parse("f", "app:(a+)+\\1$", Filter.RepoAnchoring.FULL);
        assertThatThrownBy(() -> f.matchesTag("a".repeat(40) + "!"))
                .isInstanceOf(RegexTooSlowException.class)
                .hasMessageContaining("took too long on tag");
    }

    @Test
    void shouldStillMatchOrdinaryInputsQuickly() {
        Filter f = Filter.parse("f", "app:(a+)+$", Filter.RepoAnchoring.FULL);
        assertThat(f.matchesTag("aaaa")).isTrue();
        assertThat(f.matchesTag("b")).isFalse();
    }

    @Test
    void shouldSupportLookaroundLikeRegexp2() {
        // acr-cli "Delete 2 with negative lookahead/lookbehind"
        assertThat(Filter.parse("f", "bar:v1(?!-a)", Filter.RepoAnchoring.FULL).matchesTag("v1-a")).isFalse();
        assertThat(Filter.parse("f", "bar:v1(?!-a)", Filter.RepoAnchoring.FULL).matchesTag("v1-b")).isTrue();
        assertThat(Filter.parse("f", "bar:v1-*[abc]+(?<!-[a])", Filter.RepoAnchoring.FULL).matchesTag("v1-a")).isFalse();
        assertThat(Filter.parse("f", "bar:v1-*[abc]+(?<!-[a])", Filter.RepoAnchoring.FULL).matchesTag("v1-c")).isTrue();
    }

    @Test
    void shouldNameFieldPatternAndPositionForProtectedTags() {
        assertThatThrownBy(() -> UserPattern.compile("protect.tags[1]", "^prod-(")).hasMessageStartingWith(
                "protect.tags[1]: '^prod-(' is not a valid regular expression").hasMessageContaining("at position");
        assertThatThrownBy(() -> UserPattern.compile("protect.tags[0]", "")).hasMessageContaining("empty");
    }
}
