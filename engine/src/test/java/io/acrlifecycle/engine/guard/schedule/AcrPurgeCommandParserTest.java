package io.acrlifecycle.engine.guard.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AcrPurgeCommandParserTest {

    private static AcrPurgeCommand parse(final String line) {
        return AcrPurgeCommandParser.parse(line).orElseThrow();
    }

    /** The documented task command reads into acr purge's vocabulary. */
    @Test
    void shouldReadTheDocumentedCommand() {
        AcrPurgeCommand c = parse("acr purge --filter 'app:.*' --ago 30d --keep 5 --untagged");

        assertThat(c.filters()).containsExactly("app:.*");
        assertThat(c.ago()).isEqualTo("30d");
        assertThat(c.keep()).isEqualTo(5);
        assertThat(c.untagged()).isTrue();
        assertThat(c.untaggedOnly()).isFalse();
        assertThat(c.dryRun()).isFalse();
        assertThat(c.deletes()).isTrue();
        assertThat(c.summary()).isEqualTo("filter app:.*, ago 30d, keep 5, untagged");
    }

    /** The explicit acr-cli image, =-forms, short flags, repeated filters and double quotes all read. */
    @Test
    void shouldReadImageFormEqualsFormsAndShortFlags() {
        AcrPurgeCommand c = parse("mcr.microsoft.com/acr/acr-cli:0.19 purge --registry {{.Run.Registry}}"
                + " -f \"web:^release-.*\" --filter=api:v1 -fworker:.* --ago=1d12h --keep=3 --include-locked"
                + " --concurrency 8 --untagged-only=false");

        assertThat(c.executable()).isEqualTo("mcr.microsoft.com/acr/acr-cli:0.19");
        assertThat(c.filters()).containsExactly("web:^release-.*", "api:v1", "worker:.*");
        assertThat(c.ago()).isEqualTo("1d12h");
        assertThat(c.keep()).isEqualTo(3);
        assertThat(c.includeLocked()).isTrue();
        assertThat(c.untaggedOnly()).isFalse();
        assertThat(c.concurrency()).isEqualTo(8);
        assertThat(c.registry()).isEqualTo("{{.Run.Registry}}");
    }

    /** A folded multi-line command (YAML '>' or backslash continuations) reads the same. */
    @Test
    void shouldReadMultiLineCommands() {
        AcrPurgeCommand c = parse("acr purge \\\n  --filter 'app:.*' \\\n  --ago 7d\n  --dry-run\n");

        assertThat(c.filters()).containsExactly("app:.*");
        assertThat(c.ago()).isEqualTo("7d");
        assertThat(c.dryRun()).isTrue();
        assertThat(c.deletes()).isFalse();
    }

    /** Non-purge commands are not purges. */
    @Test
    void shouldIgnoreOtherCommands() {
        assertThat(AcrPurgeCommandParser.parse("acr tag list -r x")).isEmpty();
        assertThat(AcrPurgeCommandParser.parse("docker build -t app .")).isEmpty();
        assertThat(AcrPurgeCommandParser.parse("  ")).isEmpty();
        assertThat(AcrPurgeCommandParser.isPurge("acr purge --filter 'a:.*")).isTrue();
    }

    /** Unknown flags are tolerated and reported, their values masked; the password never appears. */
    @Test
    void shouldTolerateUnknownFlagsAndMaskSecrets() {
        AcrPurgeCommand c = parse("acr purge --filter a:.* --ago 1d --new-flag xyz --token=s3cr3t -p hunter2");

        assertThat(c.unknownFlags()).containsExactly("--new-flag", "--token");
        assertThat(c.commandLine()).doesNotContain("hunter2").doesNotContain("s3cr3t").doesNotContain("xyz")
                .contains("--password ***");
        assertThat(c.deletes()).isTrue();
    }

    /** Flag combinations acr purge refuses make a run that deletes nothing. */
    @Test
    void shouldReportStartupErrors() {
        assertThat(parse("acr purge --filter a:.* --ago 1d --untagged --untagged-only").startupErrors())
                .anyMatch(e -> e.contains("mutually exclusive"));
        assertThat(parse("acr purge --ago 1d").startupErrors()).anyMatch(e -> e.contains("--filter is required"));
        assertThat(parse("acr purge --filter a:.*").startupErrors()).anyMatch(e -> e.contains("--ago is required"));
        assertThat(parse("acr purge --untagged-only").startupErrors()).isEmpty();
        assertThat(parse("acr purge --filter a --ago 1d").deletes()).isFalse();
    }

    /** Unreadable values name the flag and the accepted form. */
    @Test
    void shouldRefuseBadValuesNamingTheFlag() {
        assertThatThrownBy(() -> parse("acr purge --filter a:.* --ago 30x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--ago '30x'")
                .hasMessageContaining("30d, 1d12h");
        assertThatThrownBy(() -> parse("acr purge --filter a:.* --ago 15")).hasMessageContaining("--ago '15'");
        assertThatThrownBy(() -> parse("acr purge --filter a:.* --ago 1d --keep five"))
                .hasMessageContaining("--keep 'five'").hasMessageContaining("--keep 5");
        assertThatThrownBy(() -> parse("acr purge --filter a:.* --ago")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> parse("acr purge --filter 'a:.* --ago 1d")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> parse("acr purge --filter a:.* --ago 1d --dry-run=maybe"))
                .hasMessageContaining("not a boolean");
    }
}
