package io.acrlifecycle.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    private static final Instant AT = Instant.parse("2026-11-26T22:30:00.123Z");

    @Test
    void shouldRenderSectionsFactsAndTablesPerRepository() {
        // given
        Report report = new Report("Purge report", "demo.azurecr.io", AT, List.of(
                Section.builder("Purge dry run").outcome(Section.Outcome.DRY_RUN)
                        .fact("tags to delete", 12).fact("bytes reclaimed", Sizes.human(3L << 30))
                        .note("Nothing was deleted.")
                        .table(Table.builder("shop/web", "tag", "plan", "result").row("build-1", "delete", "deleted")
                                .build())
                        .table(Table.builder("shop/api", "tag", "plan", "result").build())
                        .build(),
                Section.builder("Guard").outcome(Section.Outcome.BLOCK).build()));

        // when
        String html = HtmlReport.render(report);

        // then
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<title>Purge report</title>")
                .contains("demo.azurecr.io")
                .contains("2026-11-26T22:30:00Z")
                .contains("<caption>shop/web</caption>", "<caption>shop/api</caption>")
                .contains("<td>build-1</td><td>delete</td><td>deleted</td>")
                .contains("<dt>bytes reclaimed</dt><dd>3.0 GiB</dd>")
                .contains("<li>Nothing was deleted.</li>")
                .contains("class=\"badge dry-run\"", "class=\"badge blocked\"")
                .contains("(none)")
                .contains("href=\"#s2\"");
    }

    @Test
    void shouldOpenWithASummaryOfEveryStepLinkedToItsSection() {
        // given
        Report report = new Report("demo", null, AT, List.of(
                Section.builder("Purge").outcome(Section.Outcome.DONE).summary("deleted 3 of 3 manifests").build(),
                Section.builder("Usage").fact("storage used", "1.0 GiB").fact("soft-deleted", 2).fact("x", 1)
                        .build()));

        // when
        String html = HtmlReport.render(report);

        // then: the summary comes before the first section, one row per step, its headline or first two facts
        assertThat(html.indexOf("<caption>Summary</caption>")).isPositive().isLessThan(html.indexOf("<section"));
        assertThat(html).contains("<td><a href=\"#s1\">Purge</a></td><td><span class=\"badge done\">done</span>"
                        + "</td><td class=\"long\">deleted 3 of 3 manifests</td>")
                .contains("<a href=\"#s2\">Usage</a>", "storage used: 1.0 GiB; soft-deleted: 2</td>");
    }

    @Test
    void shouldSummariseASingleStepToo() {
        // given a command's report: one section
        Report report = new Report("acr-lifecycle purge", "r.azurecr.io", AT, List.of(Section.builder("Purge")
                .outcome(Section.Outcome.DRY_RUN).summary("would untag 2 tags").build()));

        // then
        assertThat(HtmlReport.render(report)).contains("<caption>Summary</caption>",
                "<td class=\"long\">would untag 2 tags</td>");
    }

    @Test
    void shouldKeepShortValuesWholeAndWrapOnlyLongText() {
        // given a purge-like table: short tag, size, kind, plan, result; a long reason
        String reason = "acr-purge: loses its last tag(s) [build-500] in this run, not after cutoff (ago 30d)";
        Table table = Table.builder("shop/api", "item", "kind", "tags", "size", "plan", "result", "reason")
                .row(":build-509", "tag", "build-509", "90.8 MiB", "untag", "dry run", reason).build();

        // when
        String html = HtmlReport.render(new Report("r", null, AT, List.of(Section.builder("s").table(table).build())));

        // then: short cells carry no class (td is nowrap), the reason's cell may wrap
        assertThat(html).contains("<td>:build-509</td><td>tag</td><td>build-509</td><td>90.8 MiB</td><td>untag</td>"
                + "<td>dry run</td><td class=\"long\">" + HtmlReport.escape(reason) + "</td>");
        assertThat(html).containsPattern("(?s)\\btd\\{[^}]*white-space:nowrap")
                .containsPattern("td\\.long\\{[^}]*white-space:normal")
                .doesNotContain("break-all");
    }

    @Test
    void shouldShortenAFullDigestKeepingItAsTheTooltip() {
        // given
        String digest = "sha256:" + "ab".repeat(32);
        Table table = Table.builder("t", "digest", "note").row(digest, "x").build();

        // when
        String html = HtmlReport.render(new Report("r", null, AT, List.of(Section.builder("s").table(table).build())));

        // then: the column stays short (nowrap), the full digest is one hover away
        assertThat(html).contains("<td><span class=\"digest\" title=\"" + digest + "\">sha256:abababababab…</span>"
                + "</td><td>x</td>");
    }

    @Test
    void shouldFoldACollapsedTableUnderItsCaption() {
        // given
        Table spared = Table.builder("app: spared", "tag", "reason").collapsed().row("v1", "kept").row("v2", "kept")
                .build();

        // when
        String html = HtmlReport.render(new Report("r", null, AT, List.of(Section.builder("s").table(spared).build())));

        // then: no script needed, <details> opens on click
        assertThat(html).contains("<details>\n<summary>app: spared (2)</summary>\n<div class=\"scroll\"><table>")
                .contains("</table></div>\n</details>");
    }

    @Test
    void shouldLoadNoExternalAssetAndRunNoScript() {
        // given
        Report report = new Report("r", null, AT, List.of(Section.builder("s").build()));

        // when
        String html = HtmlReport.render(report);

        // then
        assertThat(html).contains("default-src 'none'")
                .doesNotContain("<script", "<link", "src=\"http", "href=\"http", "@import", "url(");
    }

    @Test
    void shouldEscapeEveryPieceOfRegistryContent() {
        // given a tag name and an error message crafted to inject markup
        String evil = "<script>alert('x')</script>&\"";
        Report report = new Report(evil, evil, AT, List.of(Section.builder(evil).fact(evil, evil).note(evil)
                .table(Table.builder(evil, evil).row(evil).build()).build()));

        // when
        String html = HtmlReport.render(report);

        // then
        assertThat(html).doesNotContain("<script>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
    }

    @Test
    void shouldReplaceControlCharacters() {
        assertThat(HtmlReport.escape("a\u0000b\tc\n")).isEqualTo("a&#xFFFD;b\tc\n");
    }

    @Test
    void shouldWriteTheFileCreatingDirectories(@TempDir Path dir) throws Exception {
        // given
        Path file = dir.resolve("nested/report.html");

        // when
        HtmlReport.write(new Report("r", "x", AT, List.of()), file);

        // then
        assertThat(Files.readString(file)).contains("<h1>r</h1>");
    }

    @Test
    void shouldPadShortRowsAndRefuseLongOnes() {
        // given
        Table padded = Table.builder("t", "a", "b").row("1").build();

        // then
        assertThat(padded.rows()).containsExactly(List.of("1", ""));
        assertThatThrownBy(() -> Table.builder("t", "a").row("1", "2").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row has 2 cells");
    }

    @Test
    void shouldFormatSizesForPeople() {
        assertThat(Sizes.human(512)).isEqualTo("512 B");
        assertThat(Sizes.human(1536)).isEqualTo("1.5 KiB");
        assertThat(Sizes.human(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
        assertThat(Sizes.human(-1)).isEqualTo("unknown");
    }
}
