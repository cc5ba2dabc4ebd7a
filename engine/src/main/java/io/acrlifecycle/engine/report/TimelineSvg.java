package io.acrlifecycle.engine.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Draws a {@link Timeline} as inline SVG (the HTML report loads nothing): a row of bars for the count and one for
 * the bytes, on a shared UTC time axis with a tick per day (per week beyond a month), a colour per series with a
 * legend, and a tooltip on every bar. Bars are at least 3 px wide so a single run stays visible.
 */
final class TimelineSvg {

    private static final int WIDTH = 960;
    private static final int LEFT = 70;
    private static final int RIGHT = 16;
    private static final int ROW = 110;
    private static final int GAP = 34;
    private static final String[] COLOURS = {"#0969da", "#9a6700", "#cf222e", "#8250df", "#1a7f37"};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TimelineSvg() {
    }

    static String render(final Timeline t) {
        List<String> series = List.copyOf(seriesOf(t));
        int plot = WIDTH - LEFT - RIGHT;
        int top1 = 18;
        int top2 = top1 + ROW + GAP;
        int axis = top2 + ROW;
        int height = axis + 30 + 18 * ((series.size() + 3) / 4);
        long span = Math.max(1, Duration.between(t.from(), t.until()).toMillis());
        int maxCount = t.points().stream().mapToInt(Timeline.Point::count).max().orElse(0);
        long maxBytes = t.points().stream().mapToLong(Timeline.Point::bytes).max().orElse(0);
        StringBuilder s = new StringBuilder(4096);
        s.append("<figure class=\"timeline\">\n");
        if (t.caption() != null) {
            s.append("<figcaption>").append(HtmlReport.escape(t.caption())).append("</figcaption>\n");
        }
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" font-family=\"system-ui,sans-serif\" font-size=\"11\">\n");
        s.append("<title>").append(HtmlReport.escape(t.caption() == null ? "timeline" : t.caption()))
                .append("</title>\n");
        frame(s, top1, "deletions", maxCount == 0 ? "0" : String.valueOf(maxCount));
        frame(s, top2, "bytes", Sizes.human(maxBytes));
        ticks(s, t, plot, span, top1, axis);
        double lastLabel = Double.NEGATIVE_INFINITY;
        for (Timeline.Point p : t.points()) {
            double x = LEFT + plot * (double) Duration.between(t.from(), p.at()).toMillis() / span;
            String colour = COLOURS[series.indexOf(p.series()) % COLOURS.length];
            String tip = TIME.format(p.at()) + " " + p.label() + ": " + p.count() + " deletion(s), "
                    + Sizes.human(p.bytes());
            double h1 = bar(s, x, top1, maxCount == 0 ? 0 : (double) p.count() / maxCount, colour, tip);
            double h2 = bar(s, x, top2, maxBytes == 0 ? 0 : (double) p.bytes() / maxBytes, colour, tip);
            // the values over the bars, where they do not collide: small runs next to a big one stay readable
            if (x - lastLabel >= 44) {
                if (p.count() > 0) {
                    label(s, x, top1 + ROW - h1, String.valueOf(p.count()));
                }
                if (p.bytes() > 0) {
                    label(s, x, top2 + ROW - h2, Sizes.human(p.bytes()));
                }
                lastLabel = x;
            }
        }
        int ly = axis + 30;
        for (int i = 0; i < series.size(); i++) {
            int lx = LEFT + (i % 4) * 210;
            int y = ly + (i / 4) * 18;
            s.append("<rect x=\"").append(lx).append("\" y=\"").append(y - 9).append("\" width=\"10\" height=\"10\""
                    + " fill=\"").append(COLOURS[i % COLOURS.length]).append("\"/>")
                    .append("<text x=\"").append(lx + 14).append("\" y=\"").append(y).append("\">")
                    .append(HtmlReport.escape(series.get(i))).append("</text>\n");
        }
        if (t.points().isEmpty()) {
            s.append("<text x=\"").append(LEFT + plot / 2).append("\" y=\"").append(top1 + ROW / 2)
                    .append("\" text-anchor=\"middle\" fill=\"#57606a\">nothing is deleted in the window</text>\n");
        }
        s.append("</svg>\n</figure>\n");
        return s.toString();
    }

    private static Set<String> seriesOf(final Timeline t) {
        Set<String> out = new LinkedHashSet<>(t.series());
        t.points().forEach(p -> out.add(p.series()));
        return out;
    }

    // A row's frame: its baseline, its name and the value its full height stands for.
    private static void frame(final StringBuilder s, final int top, final String name, final String max) {
        int bottom = top + ROW;
        s.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"#8c959f\"/>\n")
                .append("<line x1=\"").append(LEFT).append("\" y1=\"").append(top).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(top).append("\" stroke=\"#eaeef2\"/>\n")
                .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(top + 4)
                .append("\" text-anchor=\"end\">").append(HtmlReport.escape(max)).append("</text>\n")
                .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(bottom)
                .append("\" text-anchor=\"end\">0</text>\n")
                .append("<text x=\"").append(LEFT).append("\" y=\"").append(top - 5).append("\" font-weight=\"600\">")
                .append(HtmlReport.escape(name)).append("</text>\n");
    }

    // A tick and a date under the axis at each UTC midnight (each Monday when the window is longer than a month).
    private static void ticks(final StringBuilder s, final Timeline t, final int plot, final long span,
            final int top, final int axis) {
        boolean weekly = Duration.ofMillis(span).toDays() > 31;
        LocalDate day = t.from().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1);
        for (; !day.atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(t.until()); day = day.plusDays(1)) {
            if (weekly && day.getDayOfWeek() != java.time.DayOfWeek.MONDAY) {
                continue;
            }
            Instant at = day.atStartOfDay().toInstant(ZoneOffset.UTC);
            double x = LEFT + plot * (double) Duration.between(t.from(), at).toMillis() / span;
            s.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(top).append("\" x2=\"").append(fmt(x))
                    .append("\" y2=\"").append(axis + 4).append("\" stroke=\"#eaeef2\"/>")
                    .append("<text x=\"").append(fmt(x)).append("\" y=\"").append(axis + 16)
                    .append("\" text-anchor=\"middle\" fill=\"#57606a\">").append(DAY.format(day)).append("</text>\n");
        }
    }

    private static double bar(final StringBuilder s, final double x, final int top, final double ratio,
            final String colour, final String tip) {
        double h = ratio <= 0 ? 0 : Math.max(3, (ROW - 14) * ratio);
        s.append("<rect x=\"").append(fmt(x - 1.5)).append("\" y=\"").append(fmt(top + ROW - h))
                .append("\" width=\"3\" height=\"").append(fmt(h)).append("\" fill=\"").append(colour)
                .append("\"><title>").append(HtmlReport.escape(tip)).append("</title></rect>\n");
        return h;
    }

    private static void label(final StringBuilder s, final double x, final double y, final String text) {
        s.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y - 3))
                .append("\" text-anchor=\"middle\" font-size=\"10\" fill=\"#1b1f24\">")
                .append(HtmlReport.escape(text)).append("</text>\n");
    }

    private static String fmt(final double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
