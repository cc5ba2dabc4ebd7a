package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** docs/cli.md stays true: every documented command exists and every flag in its table is one of its options. */
class DocsCliTest {
    private static final Path DOC = Path.of("..", "docs", "cli.md");
    private static final Pattern SECTION = Pattern.compile("^## ([a-z-]+(?: [a-z-]+)?)$");
    private static final Pattern FLAG = Pattern.compile("`(--[a-z][a-z-]*)");

    private static CommandLine cli() {
        return Main.commandLine(new Io(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new ByteArrayInputStream(new byte[0]), Map.of(), false));
    }

    @Test
    void shouldDocumentOnlyFlagsTheCommandsHave() throws Exception {
        // given
        List<String> lines = Files.readAllLines(DOC);
        CommandLine root = cli();
        List<String> problems = new ArrayList<>();
        List<String> checked = new ArrayList<>();

        // when: each "## <command>" section's table rows are matched against that command's options
        CommandLine current = null;
        for (String line : lines) {
            Matcher section = SECTION.matcher(line);
            if (line.startsWith("## ")) {
                // the shared registry flags are checked against a command that has them
                current = section.matches() ? find(root, section.group(1))
                        : line.startsWith("## Registry and authentication") ? find(root, "usage") : null;
                continue;
            }
            if (current == null || !line.startsWith("| `")) {
                continue;
            }
            Matcher flag = FLAG.matcher(line.substring(0, line.indexOf('|', 2)));
            while (flag.find()) {
                checked.add(current.getCommandName() + " " + flag.group(1));
                if (current.getCommandSpec().findOption(flag.group(1)) == null) {
                    problems.add(current.getCommandSpec().qualifiedName() + " has no option " + flag.group(1));
                }
            }
        }

        // then
        assertThat(problems).isEmpty();
        assertThat(checked).contains("purge --filter", "purge --max-deletes", "guard --window", "restore --force",
                "emulator --demo-seed", "ensure --days", "usage --password-stdin", "usage --ca-file");
    }

    @Test
    void shouldDocumentEveryCommand() throws Exception {
        // given
        String doc = Files.readString(DOC);

        // then
        for (String name : cli().getSubcommands().keySet()) {
            if (!name.equals("help")) {
                assertThat(doc).as("docs/cli.md has a section for " + name)
                        .containsPattern("(?m)^## (.* )?" + Pattern.quote(name) + "( .*)?$");
            }
        }
    }

    private static CommandLine find(CommandLine root, String heading) {
        CommandLine c = root;
        for (String part : heading.split(" ")) {
            c = c == null ? null : c.getSubcommands().get(part);
        }
        return c;
    }
}
