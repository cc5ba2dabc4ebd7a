package io.acrlifecycle.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.containers.containerregistry.ContainerRegistryClient;
import com.azure.containers.containerregistry.ContainerRegistryClientBuilder;
import com.azure.containers.containerregistry.models.ArtifactManifestProperties;
import com.azure.containers.containerregistry.models.ArtifactTagProperties;
import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.rest.PagedResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/** The real azure-containers-containerregistry client over HTTPS with a TokenCredential. */
class SdkClientTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private ContainerRegistryClient client() {
        AcrEmulator emu = EMU.emulator();
        TokenCredential cred = ctx -> Mono.just(new AccessToken(emu.aadToken(), OffsetDateTime.now().plusHours(1)));
        return new ContainerRegistryClientBuilder().endpoint(emu.endpoint().toString()).credential(cred)
                .httpClient(new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(emu.sslContext())).build())
                .buildClient();
    }

    private static String seedRepos(int repos, int tags) {
        String manifests = IntStream.range(0, tags).mapToObj(i -> "{\"id\":\"m" + i + "\",\"tags\":[\"v" + i + "\"],\"updated\":\"-" + (tags - i) + "h\"}")
                .collect(Collectors.joining(","));
        return "{\"repositories\":[" + IntStream.range(0, repos).mapToObj(r -> "{\"name\":\"team/app" + r + "\",\"manifests\":[" + manifests + "]}")
                .collect(Collectors.joining(",")) + "]}";
    }

    @Test
    void shouldListRepositoriesTagsAndManifestsAcrossPages() {
        // given
        EMU.emulator().seed(seedRepos(5, 7));
        ContainerRegistryClient client = client();
        // when
        List<String> names = new ArrayList<>();
        int pages = 0;
        for (PagedResponse<String> page : client.listRepositoryNames().iterableByPage(2)) {
            names.addAll(page.getValue());
            pages++;
        }
        List<String> tags = new ArrayList<>();
        int tagPages = 0;
        for (PagedResponse<ArtifactTagProperties> page : client.getArtifact("team/app1", "v1").listTagProperties().iterableByPage(1)) {
            page.getValue().forEach(t -> tags.add(t.getName()));
            tagPages++;
        }
        List<ArtifactManifestProperties> manifests = new ArrayList<>();
        int manifestPages = 0;
        for (PagedResponse<ArtifactManifestProperties> page : client.getRepository("team/app1").listManifestProperties().iterableByPage(3)) {
            manifests.addAll(page.getValue());
            manifestPages++;
        }
        // then
        assertThat(names).containsExactly("team/app0", "team/app1", "team/app2", "team/app3", "team/app4");
        assertThat(pages).isEqualTo(3);
        assertThat(tags).containsExactly("v1");
        assertThat(tagPages).isEqualTo(1);
        assertThat(manifests).hasSize(7);
        assertThat(manifestPages).isEqualTo(3);
        assertThat(manifests).allSatisfy(m -> assertThat(m.getTags()).hasSize(1));
    }

    @Test
    void shouldRefuseDeletingLockedItemsAndDeleteAnUnlockedTag() {
        // given
        EMU.emulator().seed(seedRepos(1, 3));
        ContainerRegistryClient client = client();
        var artifact = client.getArtifact("team/app0", "v0");
        // when
        artifact.updateTagProperties("v0", new ArtifactTagProperties().setDeleteEnabled(false));
        var m2 = client.getArtifact("team/app0", "v2");
        m2.updateManifestProperties(new ArtifactManifestProperties().setWriteEnabled(false));
        // then
        assertThat(artifact.getTagProperties("v0").isDeleteEnabled()).isFalse();
        assertThat(m2.getManifestProperties().isWriteEnabled()).isFalse();
        assertThatThrownBy(() -> artifact.deleteTag("v0")).isInstanceOfSatisfying(HttpResponseException.class, e -> {
            assertThat(e.getResponse().getStatusCode()).isEqualTo(405);
            assertThat(e.getMessage()).contains("REGISTRY_DISALLOWED_OPERATION");
        });
        assertThatThrownBy(m2::delete).isInstanceOfSatisfying(HttpResponseException.class,
                e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(405));
        client.getArtifact("team/app0", "v1").deleteTag("v1");
        List<String> left = new ArrayList<>();
        client.getRepository("team/app0").listManifestProperties().forEach(m -> left.addAll(m.getTags() == null ? List.of() : m.getTags()));
        assertThat(left).containsExactlyInAnyOrder("v0", "v2");
        assertThat(client.getRepository("team/app0").getProperties().getTagCount()).isEqualTo(2);
    }
}
