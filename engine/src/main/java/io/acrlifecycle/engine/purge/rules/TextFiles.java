package io.acrlifecycle.engine.purge.rules;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a small text file a user names (a rules file, a running-images file) or says, naming the field and the file,
 * why it cannot be one: missing, a directory or device, larger than {@link #MAX_BYTES}, or not UTF-8 (a binary file;
 * the JDK's own message would be "Input length = 1"). Never quotes the content.
 */
final class TextFiles {
    static final long MAX_BYTES = 16L << 20;

    private TextFiles() {
    }

    static String read(Path file, String field, String accepted) {
        try {
            if (Files.isDirectory(file)) {
                throw bad(field, file, "is a directory", accepted);
            }
            if (!Files.exists(file)) {
                throw bad(field, file, "does not exist", accepted);
            }
            if (!Files.isRegularFile(file)) {
                throw bad(field, file, "is not a regular file", accepted);
            }
            if (Files.size(file) > MAX_BYTES) {
                throw bad(field, file, "is larger than " + (MAX_BYTES >> 20) + " MiB", accepted);
            }
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw bad(field, file, "is not UTF-8 text (a binary file?)", accepted);
        } catch (NoSuchFileException e) {
            throw bad(field, file, "does not exist", accepted);
        } catch (IOException e) {
            throw bad(field, file, "cannot be read (" + e.getClass().getSimpleName() + ")", accepted);
        }
    }

    private static IllegalArgumentException bad(String field, Path file, String why, String accepted) {
        return new IllegalArgumentException(field + ": '" + file + "' " + why + "; accepted: " + accepted);
    }
}
