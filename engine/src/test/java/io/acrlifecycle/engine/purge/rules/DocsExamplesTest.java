package io.acrlifecycle.engine.purge.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every YAML rules example in docs/rules.md and docs/purge.md parses. */
class DocsExamplesTest {

    @Test
    void shouldParseEveryRulesExampleInTheDocs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("running-images.txt"), "myregistry.azurecr.io/app:1.2\n");
        List<String> examples = new ArrayList<>();
        for (String doc : List.of("rules.md", "purge.md")) {
            Path p = Path.of("..", "docs", doc);
            Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(p));
            while (m.find()) {
                if (m.group(1).contains("rules:")) {
                    examples.add(m.group(1).replace("sha256:0123...cdef", "sha256:" + "0".repeat(64)));
                }
            }
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
        for (String yaml : examples) {
            assertThat(PurgeRules.parse(yaml, dir, "docs").rules()).isNotEmpty();
        }
    }
}
