package io.acrlifecycle.engine.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.engine.model.ImageRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The references the guard accepts, and the ones it refuses with the accepted forms named. */
class GuardImageRefTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    /** The three accepted forms, with and without a login server. */
    @Test
    void shouldAcceptTheThreeForms() {
        assertThat(ImageRef.parse("app:1.2.3")).isEqualTo(new ImageRef(null, "app", "1.2.3", null));
        assertThat(ImageRef.parse("team/app@" + DIGEST)).isEqualTo(new ImageRef(null, "team/app", null, DIGEST));
        assertThat(ImageRef.parse("my.azurecr.io/app:1@" + DIGEST))
                .isEqualTo(new ImageRef("my.azurecr.io", "app", "1", DIGEST));
    }

    /** Bad references are refused before any registry call, naming the accepted forms. */
    @ParameterizedTest
    @ValueSource(strings = {"", "app", "App:1", "app:", "app:-x", "app@sha256:123", "app@md5:" + "a",
        "app:1@sha256:" + "AB", "app::1", "/app:1", "app:1 2"})
    void shouldRefuseBadReferencesNamingTheAcceptedForms(final String text) {
        assertThatThrownBy(() -> ImageRef.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repo:tag, repo@sha256:<64 hex> or repo:tag@sha256:<64 hex>");
    }
}
