package io.acrlifecycle.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.cli.Io;
import io.acrlifecycle.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @Test
    void shouldTellTheStoryAndWriteTheReport(@TempDir Path dir) throws Exception {
        // given
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Io io = new Io(new PrintWriter(out, true), new PrintWriter(err, true), new ByteArrayInputStream(new byte[0]),
                Map.of(), false);

        // when
        int code = Main.run(io, "demo", "--out", dir.toString());

        // then
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("== 1. The registry", "shop/web", "Report: ");
        Path html = dir.resolve("demo.html");
        assertThat(html).exists();
        assertThat(Files.readString(html)).contains("<caption>repositories</caption>", "purge-nightly");
        assertThat(dir.resolve("demo.json")).exists();
    }
}
