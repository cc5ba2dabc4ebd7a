package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void shouldPrintHelpWithExitCodes() {
        // when
        CliRun run = CliRun.run("--help");

        // then
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("acr-lifecycle", "Exit codes:", "3  guard blocked the deploy");
    }

    @Test
    void shouldRefuseAnUnknownOptionWithExitTwo() {
        // when
        CliRun run = CliRun.run("--frobnicate");

        // then
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("error: Unknown option: '--frobnicate'", "see 'acr-lifecycle --help'");
    }
}
