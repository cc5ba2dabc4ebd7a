package io.acrlifecycle.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The state file: written to a temp file, fsynced, then atomically renamed, so a crash never leaves half a state. */
public final class StateFile {
    private final Path file;

    public StateFile(Path file) {
        this.file = file;
    }

    public JsonNode read() {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return Json.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read emulator state " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("emulator state " + file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    public void write(JsonNode state) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            byte[] bytes = Json.MAPPER.writeValueAsBytes(state);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write emulator state " + file, e);
        }
    }
}
