package io.acrlifecycle.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.engine.purge.rules.ProtectedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One set of rules for every image reference: the guard's, the lock's and a protected image's. */
class ImageRefTest {
    static final String DIGEST = "sha256:" + "c".repeat(64);

    @Test
    void shouldLowerCaseTheLoginServerOnly() {
        assertThat(ImageRef.parse("MyRegistry.AzureCR.io/team/app:V1"))
                .isEqualTo(new ImageRef("myregistry.azurecr.io", "team/app", "V1", null));
        assertThat(ProtectedImage.parse("pods.txt", "MyRegistry.AzureCR.io/team/app:V1"))
                .extracting(ProtectedImage::registry, ProtectedImage::repository, ProtectedImage::tag)
                .containsExactly("myregistry.azurecr.io", "team/app", "V1");
    }

    @Test
    void shouldTellApartOnlyTheOptionalTagOfAProtectedImage() {
        assertThatThrownBy(() -> ImageRef.parse("docker.io/library/nginx"))
                .hasMessageContaining("neither a tag nor a digest");
        assertThat(ImageRef.parse("docker.io/library/nginx", "latest"))
                .isEqualTo(new ImageRef("docker.io", "library/nginx", "latest", null));
        assertThat(ProtectedImage.parse("pods.txt", "docker.io/library/nginx"))
                .extracting(ProtectedImage::registry, ProtectedImage::repository, ProtectedImage::tag)
                .containsExactly("docker.io", "library/nginx", "latest");
        assertThat(ProtectedImage.parse("pods.txt", "localhost:5000/app@" + DIGEST))
                .extracting(ProtectedImage::registry, ProtectedImage::repository, ProtectedImage::tag,
                        ProtectedImage::digest)
                .containsExactly("localhost:5000", "app", null, DIGEST);
    }

    /** A protection that could never match an ACR image is refused, not kept to protect nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"app@sha256:" + "a" + "bcdef0123456789abcdef0123456789a", "app@sha512:" + "ab",
        "App:1", "app:", "app:-x", "/app:1"})
    void shouldRefuseWhatTheGuardRefusesForAProtectedImageToo(String ref) {
        assertThatThrownBy(() -> ImageRef.parse(ref)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProtectedImage.parse("protect.images[0]", ref))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("protect.images[0]: image reference '" + ref + "'")
                .hasMessageContaining("repo:tag, repo@sha256:<64 hex> or repo:tag@sha256:<64 hex>");
    }
}
