package io.jenkins.plugins.acrlifecycle;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import io.acrlifecycle.emulator.AcrEmulator;
import io.jenkins.plugins.acrlifecycle.credentials.RegistryAccess;

/**
 * Points the plugin at an emulator started by the test: the emulator's admin user as Jenkins credentials
 * {@value #CREDENTIALS_ID}, and its CA as the trust store (the engine's JDK client is then used instead of the
 * azure-sdk client, which would not trust it).
 */
final class EmulatorFixture {
    static final String CREDENTIALS_ID = "acr";

    /** Old tags v1 and v2, a new tag v3, all in repository app; soft delete on. */
    static final String SEED = """
            {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
             "repositories": [{"name": "app", "manifests": [
               {"id": "old1", "tags": ["v1"], "updated": "-40d", "size": 1048576},
               {"id": "old2", "tags": ["v2"], "updated": "-35d", "size": 2097152},
               {"id": "new", "tags": ["v3"], "updated": "-1d"},
               {"id": "gone", "tags": ["v0"], "deleted": true, "deletedAt": "-2d"}
             ]}]}
            """;

    private EmulatorFixture() {
    }

    static void connect(AcrEmulator emulator) throws Exception {
        System.setProperty(RegistryAccess.TRUST_STORE, emulator.trustStorePkcs12().toString());
        System.setProperty(RegistryAccess.TRUST_STORE_PASSWORD, emulator.trustStorePassword());
        SystemCredentialsProvider store = SystemCredentialsProvider.getInstance();
        store.getCredentials().add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, CREDENTIALS_ID,
                "emulator admin", emulator.adminUsername(), emulator.adminPassword()));
        store.save();
        emulator.seed(SEED);
    }

    static void disconnect() {
        System.clearProperty(RegistryAccess.TRUST_STORE);
        System.clearProperty(RegistryAccess.TRUST_STORE_PASSWORD);
    }

    /** The first lines of a Pipeline script: the registry and credentials as Groovy variables. */
    static String preamble(AcrEmulator emulator) {
        return "def registry = '" + emulator.loginServer() + "'\ndef creds = '" + CREDENTIALS_ID + "'\n";
    }
}
