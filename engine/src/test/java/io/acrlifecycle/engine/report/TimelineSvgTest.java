package io.acrlifecycle.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The timeline chart: well-formed inline SVG, a bar pair and tooltip per point, day ticks, a fixed legend. */
class TimelineSvgTest {

    private static final Instant FROM = Instant.parse("2026-12-01T00:30:00Z");

    @Test
    void shouldDrawABarPairWithATooltipPerPointOnADayAxis() throws Exception {
        Timeline t = new Timeline("Deletions <per run>", FROM, FROM.plusSeconds(7 * 86400),
                List.of("scheduled acr purge run", "retention policy", "soft-delete expiry"),
                List.of(new Timeline.Point(Instant.parse("2026-12-01T01:00:00Z"), "scheduled acr purge run",
                        "task a", 12, 3 * 1024 * 1024),
                        new Timeline.Point(Instant.parse("2026-12-05T00:30:00Z"), "soft-delete expiry",
                                "soft-delete expiry (7 days)", 1, 1024)));

        String html = TimelineSvg.render(t);
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>") + 6);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));

        // two rows of bars + three legend squares
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(2 * 2 + 3);
        assertThat(svg).contains("2026-12-01 01:00 UTC task a: 12 deletion(s), 3.0 MiB")
                .contains(">Dec 2<", ">Dec 8<").doesNotContain(">Dec 9<")
                .contains(">retention policy<").contains("Deletions &lt;per run&gt;");
        assertThat(html).startsWith("<figure class=\"timeline\">");
    }

    @Test
    void shouldSayWhenNothingIsDeleted() {
        String html = TimelineSvg.render(new Timeline(null, FROM, FROM.plusSeconds(86400), List.of(), List.of()));

        assertThat(html).contains("nothing is deleted in the window");
    }
}
