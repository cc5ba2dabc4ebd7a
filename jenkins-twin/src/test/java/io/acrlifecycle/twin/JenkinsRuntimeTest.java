package io.acrlifecycle.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.CoreUtils;
import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.registry.Registries;
import io.acrlifecycle.engine.registry.RegistryConfig;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import io.acrlifecycle.steps.NettyHttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The classpath is the one Jenkins gives the plugin, and the client is the one the plugin builds: Netty, the Jenkins
 * proxy (with its password, or bypassed by noProxyHost), the private CA from the trust-store properties.
 */
class JenkinsRuntimeTest {
    @RegisterExtension
    static final AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    private static final String SEED = """
            {"repositories": [{"name": "app", "manifests": [{"id": "m1", "tags": ["v1"]}]}]}
            """;

    @Test
    void shouldRunOnTheLibraryVersionsOfTheJenkinsPlugins() {
        // expected values: the root pom's jenkins.* properties, passed by surefire
        assertThat(CoreUtils.getProperties("azure-core.properties").get("version"))
                .isEqualTo(System.getProperty("twin.azure-core.version"));
        assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString())
                .isEqualTo(System.getProperty("twin.jackson.version"));
        assertThat(io.netty.util.Version.identify().get("netty-common").artifactVersion())
                .isEqualTo(System.getProperty("twin.netty.version"));
        assertThat(jarVersion(reactor.core.publisher.Flux.class))
                .isEqualTo(System.getProperty("twin.reactor-core.version"));
        assertThat(jarVersion(com.azure.identity.DefaultAzureCredential.class))
                .isEqualTo(System.getProperty("twin.azure-identity.version"));
    }

    @Test
    void shouldBeReadFromTheBomThePluginImports() throws Exception {
        // a BOM bump in plugin/pom.xml fails here until the jenkins.* versions in the root pom are read again
        String pluginPom = Files.readString(Path.of(System.getProperty("twin.plugin.pom")));
        Matcher bom = Pattern.compile(
                "<artifactId>bom-\\$\\{jenkins\\.baseline}\\.x</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pluginPom);
        assertThat(bom.find()).as("plugin/pom.xml imports the Jenkins BOM").isTrue();
        assertThat(bom.group(1)).as("the Jenkins BOM version in plugin/pom.xml and jenkins.bom.version in pom.xml")
                .isEqualTo(System.getProperty("twin.bom.version"));
    }

    @Test
    void shouldSendEveryCallThroughTheJenkinsProxyWithItsPassword() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        int before = TwinHttpClient.PROXY.tunnels().size();
        try (AcrRegistry registry = EmulatorRegistries.open(emu)) {
            assertThat(list(registry.repositories())).containsExactly("app");
        }
        assertThat(TwinHttpClient.PROXY.tunnels().subList(before, TwinHttpClient.PROXY.tunnels().size()))
                .isNotEmpty().allMatch(t -> t.equals(emu.loginServer()));
        assertThat(TwinHttpClient.PROXY.challenges()).as("the proxy asked for the password").isPositive();
    }

    @Test
    void shouldGoDirectForNoProxyHosts() throws Exception {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        try (ConnectProxy proxy = new ConnectProxy(null, null)) {
            NettyHttpClient.Proxy jenkins = new NettyHttpClient.Proxy("127.0.0.1", proxy.port(), null, null,
                    "*.internal, 127.0.0.1");
            try (AcrRegistry registry = open(emu, jenkins)) {
                assertThat(list(registry.repositories())).containsExactly("app");
            }
            assertThat(proxy.tunnels()).isEmpty();

            try (AcrRegistry registry = open(emu, new NettyHttpClient.Proxy("127.0.0.1", proxy.port(), null, null,
                    null))) {
                assertThat(list(registry.repositories())).containsExactly("app");
            }
            assertThat(proxy.tunnels()).as("a proxy without a password").isNotEmpty();
        }
    }

    @Test
    void shouldTrustTheEmulatorOnlyThroughTheTrustStore() {
        AcrEmulator emu = EMU.emulator();
        emu.seed(SEED);
        RegistryConfig config = EmulatorRegistries.config(emu)
                .httpClient(NettyHttpClient.build(null, null, null)).retry(io.acrlifecycle.engine.registry.RetrySettings
                        .fast()).build();
        assertThatThrownBy(() -> {
            try (AcrRegistry registry = Registries.open(config)) {
                list(registry.repositories());
            }
        }).hasStackTraceContaining("PKIX");
    }

    private static AcrRegistry open(AcrEmulator emu, NettyHttpClient.Proxy proxy) {
        return Registries.open(EmulatorRegistries.config(emu).httpClient(NettyHttpClient.build(proxy,
                emu.trustStorePkcs12(), emu.trustStorePassword().toCharArray())).build());
    }

    private static String jarVersion(Class<?> type) {
        // e.g. .../reactor-core-3.8.6.jar
        String jar = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        String name = jar.substring(jar.lastIndexOf('/') + 1).replaceFirst("\\.jar$", "");
        return name.substring(name.lastIndexOf('-') + 1);
    }

    private static <T> List<T> list(Iterable<T> items) {
        List<T> out = new ArrayList<>();
        items.forEach(out::add);
        return out;
    }
}
