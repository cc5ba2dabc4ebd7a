package io.acrlifecycle.engine.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders a {@link Report} as ONE self-contained HTML file: inline CSS, no script, no external asset (a
 * Content-Security-Policy of {@code default-src 'none'} makes the browser enforce it), every piece of text escaped.
 * Registry content (tag names, reasons, error messages) comes from users and servers, so nothing is trusted.
 */
public final class HtmlReport {

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:76rem;\
            padding:0 1rem;color:#1b1f24;background:#fff}
            h1{font-size:1.6rem;margin-bottom:.2rem}
            h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
            .meta{color:#57606a;margin-top:0}
            .badge{display:inline-block;font-size:.75rem;font-weight:600;padding:.1rem .5rem;border-radius:1rem;\
            margin-left:.5rem;vertical-align:middle;color:#fff;white-space:nowrap}
            .done,.pass{background:#1a7f37}.dry-run,.info{background:#0969da}.warn{background:#9a6700}\
            .blocked,.refused,.failed{background:#cf222e}
            dl.facts{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem;margin:.6rem 0}
            dl.facts dt{color:#57606a}dl.facts dd{margin:0;font-weight:600;overflow-wrap:anywhere}
            .scroll{overflow-x:auto;margin-bottom:.8rem}
            table{border-collapse:collapse;width:100%;font-size:.85rem}
            caption{text-align:left;font-weight:600;padding:.3rem 0}
            th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
            th{background:#f6f8fa;white-space:nowrap}tr:nth-child(even) td{background:#fbfcfd}
            td{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:nowrap}
            td.long{white-space:normal;overflow-wrap:anywhere;min-width:16rem}
            span.digest{text-decoration:underline dotted #8c959f;cursor:help}
            table.summary td{font-family:inherit}table.summary td.long{font-family:inherit}
            details{margin-bottom:.8rem}details>summary{cursor:pointer;font-weight:600;padding:.3rem 0}
            ul.notes{padding-left:1.2rem}figure.timeline{margin:.8rem 0}figure.timeline svg{max-width:100%;height:auto}
            figure.timeline figcaption{font-weight:600;padding:.3rem 0}footer{margin-top:3rem;color:#57606a;font-size:.8rem}
            """;


    private HtmlReport() {
    }

    /** The whole document as a string. */
    public static String render(Report report) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(report.title())).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(escape(report.title())).append("</h1>\n<p class=\"meta\">");
        if (report.registry() != null) {
            html.append("Registry <strong>").append(escape(report.registry())).append("</strong> &middot; ");
        }
        html.append("generated ").append(escape(timestamp(report))).append("</p>\n");
        if (!report.sections().isEmpty()) {
            // also for one step: its outcome and headline are what a reader wants before the detail
            summary(html, report.sections());
        }
        for (int i = 0; i < report.sections().size(); i++) {
            section(html, i + 1, report.sections().get(i));
        }
        html.append("<footer>Written by acr-lifecycle. This file is self-contained: it loads nothing.</footer>\n")
                .append("</body>\n</html>\n");
        return html.toString();
    }

    /** Writes the document (UTF-8), creating parent directories. */
    public static Path write(Report report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(report), StandardCharsets.UTF_8);
        return file;
    }

    /** The report's first screen: one row per step with its outcome and headline, each linked to its section. */
    private static void summary(StringBuilder html, List<Section> sections) {
        html.append("<nav>\n<table class=\"summary\">\n<caption>Summary</caption>\n")
                .append("<thead><tr><th>#</th><th>step</th><th>outcome</th><th>what happened</th></tr></thead>\n")
                .append("<tbody>\n");
        for (int i = 0; i < sections.size(); i++) {
            Section section = sections.get(i);
            html.append("<tr><td>").append(i + 1).append("</td><td><a href=\"#s").append(i + 1).append("\">")
                    .append(escape(section.title())).append("</a></td><td>").append(badge(section.outcome()))
                    .append("</td><td class=\"long\">").append(escape(section.headline())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</nav>\n");
    }

    private static String badge(Section.Outcome outcome) {
        return "<span class=\"badge " + outcome.label().replace(' ', '-') + "\">" + escape(outcome.label())
                + "</span>";
    }

    private static void section(StringBuilder html, int number, Section section) {
        html.append("<section id=\"s").append(number).append("\">\n<h2>").append(number).append(". ")
                .append(escape(section.title())).append(badge(section.outcome())).append("</h2>\n");
        if (!section.facts().isEmpty()) {
            html.append("<dl class=\"facts\">\n");
            for (Section.Fact fact : section.facts()) {
                html.append("<dt>").append(escape(fact.label())).append("</dt><dd>").append(escape(fact.value()))
                        .append("</dd>\n");
            }
            html.append("</dl>\n");
        }
        if (!section.notes().isEmpty()) {
            html.append("<ul class=\"notes\">\n");
            for (String note : section.notes()) {
                html.append("<li>").append(escape(note)).append("</li>\n");
            }
            html.append("</ul>\n");
        }
        if (section.timeline() != null) {
            html.append(TimelineSvg.render(section.timeline()));
        }
        for (Table table : section.tables()) {
            table(html, table);
        }
        html.append("</section>\n");
    }

    /**
     * A table. Short values (tags, sizes, kinds, outcomes, times) never wrap, so "build-509" and "90.8 MiB" stay
     * whole; only columns holding long text (a reason, a message) wrap, at spaces first. A cell that is a full digest
     * shows its first 12 hex digits, with the whole digest as its tooltip. The table scrolls sideways rather than
     * squeezing a column when the page is narrow.
     */
    private static void table(StringBuilder html, Table table) {
        boolean[] longColumn = longColumns(table);
        StringBuilder t = new StringBuilder();
        if (table.collapsed()) {
            t.append("<details>\n<summary>").append(escape(table.caption())).append(" (")
                    .append(table.rows().size()).append(")</summary>\n");
        }
        t.append("<div class=\"scroll\"><table>\n");
        if (table.caption() != null && !table.collapsed()) {
            t.append("<caption>").append(escape(table.caption())).append("</caption>\n");
        }
        t.append("<thead><tr>");
        for (String column : table.columns()) {
            t.append("<th>").append(escape(column)).append("</th>");
        }
        t.append("</tr></thead>\n<tbody>\n");
        if (table.rows().isEmpty()) {
            t.append("<tr><td colspan=\"").append(Math.max(1, table.columns().size()))
                    .append("\">(none)</td></tr>\n");
        }
        for (List<String> row : table.rows()) {
            t.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                t.append(longColumn[c] ? "<td class=\"long\">" : "<td>").append(cell(row.get(c))).append("</td>");
            }
            t.append("</tr>\n");
        }
        t.append("</tbody>\n</table></div>\n");
        if (table.collapsed()) {
            t.append("</details>\n");
        }
        html.append(t);
    }

    /** Longer than this (after digests are shortened), a value is prose and its column may wrap. */
    static final int SHORT_CELL = 32;
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+:[0-9a-f]{32,}");

    private static boolean[] longColumns(Table table) {
        boolean[] long_ = new boolean[table.columns().size()];
        for (List<String> row : table.rows()) {
            for (int c = 0; c < row.size(); c++) {
                String value = row.get(c);
                long_[c] |= !DIGEST.matcher(value).matches() && value.length() > SHORT_CELL;
            }
        }
        return long_;
    }

    private static String cell(String value) {
        if (DIGEST.matcher(value).matches()) {
            return "<span class=\"digest\" title=\"" + escape(value) + "\">"
                    + escape(PurgeSections.shortDigest(value)) + "</span>";
        }
        return escape(value);
    }

    private static String timestamp(Report report) {
        return DateTimeFormatter.ISO_INSTANT.format(report.generatedAt().truncatedTo(ChronoUnit.SECONDS));
    }

    /** HTML-escapes text for element content and double- or single-quoted attributes. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // control characters other than tab/newline would make the file invalid
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append("&#xFFFD;");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
