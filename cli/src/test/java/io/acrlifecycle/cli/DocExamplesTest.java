package io.acrlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Every {@code acr-lifecycle} command line in a code block of the docs (docs/*.md and the README) parses: its
 * command exists and every flag it uses is one of that command's options, with a value of the right type. Shown
 * error transcripts ({@code $ acr-lifecycle ...} followed by {@code error: ...}) are run and must fail with exit 2
 * and that error.
 */
class DocExamplesTest {
    private static final Path DOCS = Path.of("..", "docs");
    private static final Pattern COMMAND = Pattern.compile(
            "(?:^|[|;&]\\s*|^\\$\\s+|sh ')(?:java -jar \\S*acr-lifecycle\\.jar|acr-lifecycle)\\s+(.*)$");
    /** What {@code R=...} in the docs holds: the emulator's endpoint and CA. */
    private static final String R = "--endpoint https://127.0.0.1:8443 --ca-file ca.pem";

    record Example(Path file, int line, String text, List<String> args, String expectedError) {
        @Override
        public String toString() {
            return file.getFileName() + ":" + line + ": " + text;
        }
    }

    private static CommandLine cli() {
        return Main.commandLine(new Io(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new ByteArrayInputStream(new byte[0]), Map.of(), false));
    }

    static List<Example> examples() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> docs = Files.list(DOCS)) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        files.add(Path.of("..", "README.md"));
        List<Example> out = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            boolean fenced = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.trim().startsWith("```")) {
                    fenced = !fenced;
                    continue;
                }
                if (!fenced) {
                    continue;
                }
                int first = i;
                StringBuilder logical = new StringBuilder(line.trim());
                while (logical.toString().endsWith("\\") && i + 1 < lines.size()) {
                    logical.setLength(logical.length() - 1);
                    logical.append(' ').append(lines.get(++i).trim());
                }
                String text = logical.toString();
                Matcher m = COMMAND.matcher(text);
                if (!m.find() || text.contains("<command>") || text.contains(" [-")) {
                    continue; // not ours, or a synopsis rather than an example
                }
                String next = i + 1 < lines.size() ? lines.get(i + 1).trim() : "";
                String error = text.startsWith("$ ") && next.startsWith("error: ") ? next : null;
                out.add(new Example(file, first + 1, text, tokens(m.group(1).replace("$R", R)), error));
            }
        }
        return out;
    }

    /** Shell words: quotes removed, up to an unquoted comment, pipe, redirect, ';' or '&' (or the end of sh '...'). */
    static List<String> tokens(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                // an unmatched quote ends a command embedded in sh '...'
                if (line.indexOf(c, i + 1) < 0) {
                    break;
                }
                quote = c;
                word = word == null ? new StringBuilder() : word;
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if ((c == '#' && word == null) || c == '|' || c == '>' || c == ';' || c == '&') {
                break;
            }
            word = word == null ? new StringBuilder() : word;
            word.append(c);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    @Test
    void shouldSplitShellWordsLikeAShell() {
        assertThat(tokens("purge -f 'app:^v1\\..*' --ago 30d   # dry run")).containsExactly("purge", "-f",
                "app:^v1\\..*", "--ago", "30d");
        assertThat(tokens("guard --image \"app:${V}\" --lock > g.json")).containsExactly("guard", "--image",
                "app:${V}", "--lock");
        assertThat(tokens("guard --image app:1 --mode block'")).containsExactly("guard", "--image", "app:1", "--mode",
                "block");
    }

    @Test
    void shouldParseEveryDocumentedCommandLine() throws Exception {
        // given
        List<Example> examples = examples();
        List<String> problems = new ArrayList<>();
        Set<String> commands = new LinkedHashSet<>();
        Set<String> inCliMd = new LinkedHashSet<>();

        // when
        for (Example example : examples) {
            if (example.expectedError() != null) {
                continue;
            }
            try {
                ParseResult parsed = cli().parseArgs(example.args().toArray(String[]::new));
                ParseResult leaf = parsed;
                while (leaf.hasSubcommand()) {
                    leaf = leaf.subcommand();
                }
                if (leaf.commandSpec().subcommands().size() > 1 && !leaf.isUsageHelpRequested()) {
                    problems.add(example + "  -> no subcommand of " + leaf.commandSpec().qualifiedName());
                }
                String name = leaf.commandSpec().qualifiedName(" ").replaceFirst("^acr-lifecycle ?", "");
                commands.add(name);
                if (example.file().getFileName().toString().equals("cli.md")) {
                    inCliMd.add(name);
                }
            } catch (CommandLine.ParameterException e) {
                problems.add(example + "  -> " + e.getMessage());
            }
        }

        // then
        assertThat(problems).isEmpty();
        assertThat(examples).hasSizeGreaterThan(30);
        // docs/cli.md has an example of every command
        for (String name : cli().getSubcommands().keySet()) {
            CommandLine command = cli().getSubcommands().get(name);
            for (String leaf : command.getSubcommands().isEmpty() || name.equals("help") ? List.of(name)
                    : command.getSubcommands().keySet().stream().filter(n -> !n.equals("help"))
                            .map(n -> name + " " + n).toList()) {
                if (!leaf.equals("help")) {
                    assertThat(inCliMd).as("docs/cli.md has an example of " + leaf).contains(leaf);
                }
            }
        }
        assertThat(commands).contains("soft-delete show", "soft-delete ensure", "purge", "restore", "list-deleted",
                "undo", "guard", "lock", "unlock", "usage", "emulator", "demo", "bench");
    }

    @Test
    void shouldFailDocumentedErrorTranscriptsWithTheDocumentedError() throws Exception {
        // given
        List<Example> transcripts = examples().stream().filter(e -> e.expectedError() != null).toList();

        // then
        assertThat(transcripts).isNotEmpty();
        for (Example example : transcripts) {
            CliRun run = CliRun.run(example.args().toArray(String[]::new));
            assertThat(run.exitCode()).as(example + "\n" + run).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).as(example.toString()).contains(example.expectedError());
        }
    }
}
