package io.acrlifecycle.engine.purge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.engine.purge.rules.Filter.RepoAnchoring;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** acr-cli TestGetRepositoryAndTagRegex and TestCollectTagFilters, as Java cases. */
class FilterTest {

    static Stream<Arguments> splits() {
        return Stream.of(
                Arguments.of("foo:bar", "foo", "bar"),
                Arguments.of("hello-(?:abc):zzz", "hello-(?:abc)", "zzz"),
                Arguments.of("hello-:z-(?:abc)zz", "hello-", "z-(?:abc)zz"),
                Arguments.of("hello-(?:abc)?:z-(?:abc)zz", "hello-(?:abc)?", "z-(?:abc)zz"),
                Arguments.of("hello-(?:abc)?:z-(?:[:])zz", "hello-(?:abc)?", "z-(?:[:])zz"),
                Arguments.of("[[:alpha:]](?:abc)(?:.*)?:test123[[:digit:]](?:.*)", "[[:alpha:]](?:abc)(?:.*)?",
                        "test123[[:digit:]](?:.*)"),
                Arguments.of("[^[:alpha:]](?ims-U:abc)(?:.*)?:test123[[^:digit:]](?-imUs:.*)",
                        "[^[:alpha:]](?ims-U:abc)(?:.*)?", "test123[[^:digit:]](?-imUs:.*)"),
                Arguments.of("(?imsU:test):[[:digit:]][tes:]", "(?imsU:test)", "[[:digit:]][tes:]"),
                Arguments.of("foo/bar:(?:.*)", "foo/bar", "(?:.*)"),
                Arguments.of("app:^v\\d+\\.\\d+$", "app", "^v\\d+\\.\\d+$"));
    }

    @ParameterizedTest
    @MethodSource("splits")
    void shouldSplitLikeAcrPurge(String text, String repo, String tag) {
        assertThat(Filter.split(text)).containsExactly(repo, tag);
    }

    @Test
    void shouldRefuseWrongNumberOfParts() {
        assertThatThrownBy(() -> Filter.parse("filter[0]", "foo", RepoAnchoring.FULL))
                .hasMessageStartingWith("filter[0]: 'foo' must have exactly one ':'").hasMessageContaining("found 0");
        assertThatThrownBy(() -> Filter.parse("filter[0]", "foo:bar:zzz", RepoAnchoring.FULL))
                .hasMessageContaining("found 2");
        assertThatThrownBy(() -> Filter.parse("f", "[^[:alpha:]](?ims-U:abc)(?:.*)?:test123[[^:digit:]](?-imUs:.*):",
                RepoAnchoring.FULL)).hasMessageContaining("exactly one ':'");
    }

    @Test
    void shouldRefuseEmptyHalvesAndEmptyFilter() {
        assertThatThrownBy(() -> Filter.parse("rules[0].filter[0]", ":.*", RepoAnchoring.FULL))
                .hasMessageStartingWith("rules[0].filter[0]: ':.*' has no repository expression");
        assertThatThrownBy(() -> Filter.parse("rules[0].filter[0]", "bar.*:", RepoAnchoring.FULL))
                .hasMessageContaining("has no tag expression");
        assertThatThrownBy(() -> Filter.parse("rules[0].filter[0]", "", RepoAnchoring.FULL))
                .hasMessageStartingWith("rules[0].filter[0]: filter is empty");
    }

    @Test
    void shouldPointAtTheErrorPositionInTheFilterText() {
        assertThatThrownBy(() -> Filter.parse("rules[2].filter[0]", "app:v1[", RepoAnchoring.FULL))
                .hasMessageStartingWith("rules[2].filter[0]: 'app:v1[' is not a valid regular expression")
                .hasMessageContaining("at position 6")
                .hasMessageContaining("\n  app:v1[\n        ^");
        assertThatThrownBy(() -> Filter.parse("f", "ap(p:.*", RepoAnchoring.ACR_PURGE))
                .hasMessageContaining("'ap(p:.*' is not a valid regular expression");
    }

    @Test
    void shouldAnchorRepositoryAndSearchTag() {
        Filter f = Filter.parse("f", "bar:local", RepoAnchoring.FULL);
        assertThat(f.matchesRepository("bar")).isTrue();
        assertThat(f.matchesRepository("foo/bar")).isFalse();
        assertThat(f.matchesRepository("barn")).isFalse();
        assertThat(f.matchesTag("v1-local.test")).isTrue();
        assertThat(Filter.parse("f", "ba:.*", RepoAnchoring.ACR_PURGE).matchesRepository("bar")).isFalse();
    }

    @Test
    void shouldMatchRepositoriesLikeCollectTagFilters() {
        List<String> repos = List.of("bar", "foo", "baz", "foo/bar");
        assertThat(matching(".+:.*-?local[.].+", repos)).containsExactly("bar", "foo", "baz", "foo/bar");
        assertThat(matching(".*:.*", repos)).hasSize(4);
        assertThat(matching("bar:.*", repos)).containsExactly("bar");
        assertThat(matching("ba:.*", repos)).isEmpty();
        assertThat(matching("foo/bar:.*", repos)).containsExactly("foo/bar");
        assertThat(matching("foo/bar(?:.*)?:(?:.*)", repos)).containsExactly("foo/bar");
        assertThat(matching("foo/bar(?:.*):.(?:.*)", repos)).containsExactly("foo/bar");
        assertThat(matching("foo/b[[:alpha:]]r(?:.*):.(?:.*)", repos)).containsExactly("foo/bar");
    }

    @Test
    void shouldReproduceAcrPurgeHalfAnchoredAlternationOnlyInCompatMode() {
        Filter acr = Filter.parse("f", "app|api:.*", RepoAnchoring.ACR_PURGE);
        Filter full = Filter.parse("f", "app|api:.*", RepoAnchoring.FULL);
        // acr purge builds ^app|api$ : "apptest" starts with app, "my-api" ends with api
        assertThat(acr.matchesRepository("apptest")).isTrue();
        assertThat(acr.matchesRepository("my-api")).isTrue();
        assertThat(full.matchesRepository("apptest")).isFalse();
        assertThat(full.matchesRepository("my-api")).isFalse();
        assertThat(full.matchesRepository("api")).isTrue();
    }

    @Test
    void shouldTranslatePosixClassesLikeRegexp2() {
        Filter f = Filter.parse("f", "app:^[[:digit:]]+$", RepoAnchoring.FULL);
        assertThat(f.matchesTag("123")).isTrue();
        assertThat(f.matchesTag("a:")).isFalse();
    }

    private static List<String> matching(String filter, List<String> repos) {
        Filter f = Filter.parse("f", filter, RepoAnchoring.ACR_PURGE);
        return repos.stream().filter(f::matchesRepository).toList();
    }
}
