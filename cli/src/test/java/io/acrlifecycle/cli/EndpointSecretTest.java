package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.emulator.AcrEmulatorExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A password inside a URL flag is never echoed (issue 10, finding 7): refused, exit 2, nothing sent. */
class EndpointSecretTest {
    static final String PW = "Pw-Zq81xSecret";

    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    @BeforeEach
    void seed() {
        EMU.emulator().seed(EmulatorArgs.SEED);
        EMU.emulator().requestLog().clear();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://admin:" + PW + "@HOSTPORT", "http://admin:" + PW + "@HOSTPORT",
        "https://admin:" + PW + " x@HOSTPORT", "https://admin:" + PW + "@HOSTPORT/v2/?q=1", "ftp://admin:" + PW
                + "@HOSTPORT", "https://:" + PW + "@HOSTPORT"})
    void shouldRefuseCredentialsInTheEndpointWithoutEchoingThem(String template) {
        String endpoint = template.replace("HOSTPORT", EMU.emulator().endpoint().getAuthority());
        for (String output : List.of("text", "json")) {
            // when
            List<String> args = new ArrayList<>(List.of("list-deleted", "-n", "app", "--endpoint", endpoint,
                    "--ca-file", EMU.emulator().caCertificatePem().toString(), "-o", output));
            CliRun run = CliRun.run(EmulatorArgs.env(EMU.emulator()), "", args.toArray(String[]::new));

            // then
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.out() + run.err()).as(run.toString()).doesNotContain(PW).contains("--endpoint");
            assertThat(EMU.emulator().requestLog().entries()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin:" + PW + "@myregistry.azurecr.io", "https://admin:" + PW
            + "@myregistry.azurecr.io"})
    void shouldRefuseCredentialsInTheRegistryWithoutEchoingThem(String registry) {
        // when
        CliRun run = CliRun.run(EmulatorArgs.env(EMU.emulator()), "", "list-deleted", "-n", "app", "-r", registry,
                "-o", "json");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out() + run.err()).as(run.toString()).doesNotContain(PW).contains("--registry");
    }
}
