package io.acrlifecycle.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChallengeTest {

    @Test
    void shouldParseAcrBearerChallengeWithCommasInsideTheScope() {
        // given a real-shaped ACR challenge whose scope holds a comma-separated action list
        String header = "Bearer realm=\"https://myregistry.azurecr.io/oauth2/token\",service=\"myregistry.azurecr.io\","
                + "scope=\"repository:team/app:pull,delete\",error=\"invalid_token\"";

        // when
        Challenge c = Challenge.parse(header);

        // then
        assertThat(c.scheme()).isEqualTo("bearer");
        assertThat(c.realm()).isEqualTo("https://myregistry.azurecr.io/oauth2/token");
        assertThat(c.service()).isEqualTo("myregistry.azurecr.io");
        assertThat(c.scope()).isEqualTo("repository:team/app:pull,delete");
    }

    @Test
    void shouldAcceptAnyParameterOrderSpacesAndUnquotedValues() {
        Challenge c = Challenge.parse("Bearer scope=\"registry:catalog:*\", service=reg.azurecr.io ,realm=\"r\"");

        assertThat(c.scope()).isEqualTo("registry:catalog:*");
        assertThat(c.service()).isEqualTo("reg.azurecr.io");
        assertThat(c.realm()).isEqualTo("r");
    }

    @Test
    void shouldReturnNullForMissingOrForeignSchemes() {
        assertThat(Challenge.parse(null)).isNull();
        assertThat(Challenge.parse(" ")).isNull();
        assertThat(Challenge.parse("Negotiate abc")).isNull();
    }

    @Test
    void shouldLeaveScopeNullWhenTheChallengeHasNone() {
        Challenge c = Challenge.parse("Bearer realm=\"https://h/oauth2/token\",service=\"h\"");

        assertThat(c.service()).isEqualTo("h");
        assertThat(c.scope()).isNull();
    }

    @Test
    void shouldShareOneRouteForEveryItemOfARepository() {
        assertThat(AcrChallengePolicy.routePath("/v2/team%2Fapp/manifests/sha256:abc"))
                .isEqualTo("/v2/team%2Fapp/manifests/*");
        assertThat(AcrChallengePolicy.routePath("/acr/v1/app/_tags/v1")).isEqualTo("/acr/v1/app/_tags/*");
        assertThat(AcrChallengePolicy.routePath("/acr/v1/_deleted/app/_manifests/sha256:1"))
                .isEqualTo("/acr/v1/_deleted/app/_manifests/*");
        assertThat(AcrChallengePolicy.routePath("/acr/v1/app/_tags")).isEqualTo("/acr/v1/app/_tags");
        assertThat(AcrChallengePolicy.routePath("/acr/v1/other/_tags/v1")).isNotEqualTo(
                AcrChallengePolicy.routePath("/acr/v1/app/_tags/v1"));
    }
}
