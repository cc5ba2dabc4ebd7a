package io.acrlifecycle.engine.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acrlifecycle.engine.model.ImageRef;
import org.junit.jupiter.api.Test;

class RegistryNamesTest {
    @Test
    void shouldMatchTheSameRegistrySpelledDifferently() {
        assertThat(RegistryNames.same("MyRegistry.azurecr.io", "myregistry.azurecr.io")).isTrue();
        assertThat(RegistryNames.same("myregistry", "myregistry.azurecr.io")).isTrue();
        assertThat(RegistryNames.same("myregistry.azurecr.cn", "myregistry")).isTrue();
        assertThat(RegistryNames.same("myregistry.azurecr.io:443", "myregistry.azurecr.io")).isTrue();
        assertThat(RegistryNames.same("127.0.0.1:8443", "127.0.0.1:8443")).isTrue();
    }

    @Test
    void shouldTellDifferentRegistriesApart() {
        assertThat(RegistryNames.same("other.azurecr.io", "myregistry.azurecr.io")).isFalse();
        assertThat(RegistryNames.same("other", "myregistry.azurecr.io")).isFalse();
        assertThat(RegistryNames.same("myregistry.example.com", "myregistry")).isFalse();
        assertThat(RegistryNames.same("myregistry.azurecr.io", "myregistry.azurecr.cn")).isFalse();
        assertThat(RegistryNames.same("127.0.0.1:8443", "127.0.0.1:9443")).isFalse();
    }

    @Test
    void shouldRefuseAnImageOfAnotherRegistryNamingBoth() {
        ImageRef image = ImageRef.parse("other.azurecr.io/app:1");

        assertThatThrownBy(() -> RegistryNames.requireConnected(image, "myregistry.azurecr.io"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("image: 'other.azurecr.io/app:1' names registry other.azurecr.io")
                .hasMessageContaining("connected to registry myregistry.azurecr.io");
        assertThatCode(() -> RegistryNames.requireConnected(ImageRef.parse("app:1"), "myregistry.azurecr.io"))
                .doesNotThrowAnyException();
        assertThatCode(() -> RegistryNames.requireConnected(ImageRef.parse("MyRegistry.azurecr.io/app:1"),
                "myregistry.azurecr.io")).doesNotThrowAnyException();
    }
}
