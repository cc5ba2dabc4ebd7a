package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    @Test
    void shouldDocumentEveryExitCodeInTheDocsAndTheHelp() throws Exception {
        // given the constants scripts branch on
        Map<Integer, String> constants = new TreeMap<>();
        for (Field f : ExitCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                constants.put(f.getInt(null), f.getName());
            }
        }
        // and the "## Exit codes" table of docs/cli.md
        String doc = Files.readString(Path.of("..", "docs", "cli.md"));
        String table = doc.substring(doc.indexOf("## Exit codes"), doc.indexOf("\n## ", doc.indexOf("## Exit codes")));
        Map<Integer, String> documented = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\d) \\| ([a-z ]+):").matcher(table);
        while (row.find()) {
            documented.put(Integer.parseInt(row.group(1)), row.group(2));
        }

        // when
        String help = CliRun.run("--help").out();

        // then: the same codes, with the same meaning, everywhere
        assertThat(constants.keySet()).containsExactly(0, 1, 2, 3, 4);
        assertThat(documented).isEqualTo(Map.of(0, "done", 1, "failed", 2, "usage", 3, "guard blocked", 4,
                "refused before any change"));
        assertThat(constants).isEqualTo(Map.of(0, "DONE", 1, "FAILED", 2, "USAGE", 3, "GUARD_BLOCKED", 4, "REFUSED"));
        for (Map.Entry<Integer, String> e : documented.entrySet()) {
            assertThat(help).contains("  " + e.getKey() + "  " + e.getValue().split(" ")[0]);
        }
    }
}
