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
    /** The {@code version} StateCodec writes. */
    public static final int VERSION = 1;

    private final Path file;

    public StateFile(Path file) {
        this.file = file;
    }

    /**
     * The saved state, or null when there is none. A leftover temp file is a write a crash cut short (the rename
     * never happened, so state.json is still the last good state): it is removed. A state.json that is not a state
     * this emulator wrote is refused rather than replaced by an empty registry at the next write.
     */
    public JsonNode read() {
        try {
            Files.deleteIfExists(temp());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the leftover temp file " + temp() + " of an interrupted write", e);
        }
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode root;
        try {
            root = Json.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read emulator state " + file, e);
        } catch (IllegalArgumentException e) {
            throw corrupt("is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isObject() || root.path("version").asInt(-1) != VERSION) {
            throw corrupt("is not a version " + VERSION + " emulator state (a JSON object with \"version\": " + VERSION + ")", null);
        }
        return root;
    }

    /** A state file that cannot be used: names it and says how to start anyway. */
    public IllegalStateException corrupt(String what, Throwable cause) {
        return new IllegalStateException("emulator state " + file + " " + what + "; the emulator did not start."
                + " Move the file aside (or use another state dir) to start with an empty registry", cause);
    }

    private Path temp() {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    public void write(JsonNode state) {
        Path tmp = temp();
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
