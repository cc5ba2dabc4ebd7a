package io.acrlifecycle.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathsTest {

    @Test
    void shouldEncodeSlashInRepositoryNamesLikeTheSdk() {
        assertThat(Paths.segment("team/app")).isEqualTo("team%2Fapp");
    }

    @Test
    void shouldKeepDigestColonAndTagCharactersRaw() {
        assertThat(Paths.segment("sha256:abc")).isEqualTo("sha256:abc");
        assertThat(Paths.segment("v1.2_rc-3")).isEqualTo("v1.2_rc-3");
    }

    @Test
    void shouldEncodeSpacesPercentAndNonAscii() {
        assertThat(Paths.segment("a b%é")).isEqualTo("a%20b%25%C3%A9");
    }
}
