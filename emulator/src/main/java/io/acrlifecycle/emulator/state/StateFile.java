package io.acrlifecycle.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.base.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The snapshot {@code state.json}: written to a temp file (owner-only), fsynced, then atomically renamed, so a
 * crash never leaves half a state.
 */
final class StateFile {
    /** The {@code version} the emulator writes. */
    static final int VERSION = 1;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path file;

    StateFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /**
     * The saved state, or null when there is none. A leftover temp file is a write a crash cut short (the rename
     * never happened, so state.json is still the last good state): it is removed. A state.json that is not a state
     * this emulator wrote is refused rather than replaced by an empty registry at the next write.
     */
    JsonNode read() {
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
        if (!root.isObject() || !root.path("version").isIntegralNumber() || root.path("version").asInt() != VERSION) {
            throw corrupt("is not a version " + VERSION + " emulator state (a JSON object with \"version\": " + VERSION + ")", null);
        }
        return root;
    }

    /** A state file that cannot be used: names it and says how to start anyway. */
    IllegalStateException corrupt(String what, Throwable cause) {
        return corrupt(file, what, "Move the file aside (or use another state dir) to start with an empty registry", cause);
    }

    static IllegalStateException corrupt(Path file, String what, String remedy, Throwable cause) {
        return new IllegalStateException("emulator state " + file + (what.startsWith(":") ? "" : " ") + what
                + "; the emulator did not start. " + remedy, cause);
    }

    private Path temp() {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /** Writes {@code bytes} atomically; returns nothing until they are on disk. */
    void write(byte[] bytes) throws IOException {
        Path tmp = temp();
        Files.deleteIfExists(tmp);
        try (FileChannel ch = create(tmp, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(file.getParent());
    }

    /** Opens a new file readable and writable by its owner only (where the file system has POSIX permissions). */
    static FileChannel create(Path f, OpenOption... more) throws IOException {
        Set<OpenOption> opts = new java.util.HashSet<>(Set.of(more));
        opts.add(StandardOpenOption.CREATE);
        FileAttribute<?>[] attrs = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        return FileChannel.open(f, opts, attrs);
    }

    /** Makes the rename itself durable (best effort: not every platform can open a directory). */
    private static void syncDirectory(Path dir) {
        if (!POSIX || dir == null) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // the file's own fsync happened; the rename is durable at the next sync of the directory
        }
    }

    static boolean posix() {
        return POSIX;
    }
}
