package io.acrlifecycle.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinksTest {

    @Test
    void shouldTakeTheNextLinkAsRecordedFromRealAcr() {
        String h = "</acr/v1/library%2Fhello-world/_manifests?last=sha256%3A1b26&n=1&orderby=>; rel=\"next\"";

        assertThat(Links.next(h)).isEqualTo("/acr/v1/library%2Fhello-world/_manifests?last=sha256%3A1b26&n=1&orderby=");
    }

    @Test
    void shouldPickRelNextAmongSeveralLinks() {
        String h = "</v2/_catalog?last=a&n=2>; rel=\"prev\", </v2/_catalog?last=c&n=2>; rel=\"next\"";

        assertThat(Links.next(h)).isEqualTo("/v2/_catalog?last=c&n=2");
    }

    @Test
    void shouldReturnNullWithoutANextLink() {
        assertThat(Links.next(null)).isNull();
        assertThat(Links.next("")).isNull();
        assertThat(Links.next("</x>; rel=\"prev\"")).isNull();
        assertThat(Links.next("<>; rel=\"next\"")).isNull();
    }
}
