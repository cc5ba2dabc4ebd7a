package io.acrlifecycle.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.containers.containerregistry.ContainerRegistryContentClient;
import com.azure.containers.containerregistry.ContainerRegistryContentClientBuilder;
import com.azure.containers.containerregistry.models.GetManifestResult;
import com.azure.containers.containerregistry.models.ManifestMediaType;
import com.azure.containers.containerregistry.models.OciDescriptor;
import com.azure.containers.containerregistry.models.OciImageManifest;
import com.azure.containers.containerregistry.models.SetManifestResult;
import com.azure.containers.containerregistry.models.UploadRegistryBlobResult;
import com.azure.core.credential.AccessToken;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.BinaryData;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/** The SDK's content client pushes blobs and a manifest, reads it back and deletes it. */
class SdkContentTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    @Test
    void shouldPushPullAndDeleteThroughTheContentClient() {
        // given
        AcrEmulator emu = EMU.emulator();
        ContainerRegistryContentClient content = new ContainerRegistryContentClientBuilder().endpoint(emu.endpoint().toString())
                .repositoryName("team/content")
                .credential(ctx -> Mono.just(new AccessToken(emu.aadToken(), OffsetDateTime.now().plusHours(1))))
                .httpClient(new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(emu.sslContext())).build())
                .buildClient();
        BinaryData config = BinaryData.fromString("{\"architecture\":\"arm64\",\"os\":\"linux\"}");
        BinaryData layer = BinaryData.fromBytes(new byte[5 * 1024 * 1024 + 17]);
        // when
        UploadRegistryBlobResult c = content.uploadBlob(config);
        UploadRegistryBlobResult l = content.uploadBlob(layer);
        OciImageManifest manifest = new OciImageManifest().setSchemaVersion(2)
                .setConfiguration(new OciDescriptor().setMediaType("application/vnd.oci.image.config.v1+json")
                        .setDigest(c.getDigest()).setSizeInBytes(c.getSizeInBytes()))
                .setLayers(List.of(new OciDescriptor().setMediaType("application/vnd.oci.image.layer.v1.tar")
                        .setDigest(l.getDigest()).setSizeInBytes(l.getSizeInBytes())));
        SetManifestResult pushed = content.setManifest(manifest, "v1");
        GetManifestResult pulled = content.getManifest("v1");
        // then
        assertThat(pulled.getDigest()).isEqualTo(pushed.getDigest());
        assertThat(pulled.getManifestMediaType()).isEqualTo(ManifestMediaType.OCI_IMAGE_MANIFEST);
        java.io.ByteArrayOutputStream down = new java.io.ByteArrayOutputStream();
        content.downloadStream(l.getDigest(), java.nio.channels.Channels.newChannel(down));
        assertThat(down.size()).isEqualTo(5 * 1024 * 1024 + 17);
        content.deleteManifest(pushed.getDigest());
        RawClient raw = new RawClient(emu);
        assertThat(raw.call("GET", "/acr/v1/team%2Fcontent/_tags", null, raw.token("repository:team/content:metadata_read")).statusCode())
                .isEqualTo(404);
    }
}
