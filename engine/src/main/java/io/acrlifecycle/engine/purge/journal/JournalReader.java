package io.acrlifecycle.engine.purge.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.acrlifecycle.engine.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a purge journal one line at a time (a journal of 100,000 deletes is never held whole in memory) and refuses
 * a file that is not one, before anything is done with it:
 * <ul>
 * <li>a directory, a missing file, bytes that are not UTF-8 (a binary file);</li>
 * <li>no record at all (an empty file);</li>
 * <li>a JSON line whose {@code type} is not {@code run}, {@code intent} or {@code outcome} ({@code {}}, a report);</li>
 * <li>a line that is not JSON, unless it is a write torn by a crash: the last line, or a line that starts as every
 * record does ({@code {"type":"}) and was followed by a later run's records (reopening appends after a newline).</li>
 * </ul>
 */
public final class JournalReader {
    private static final Set<String> TYPES = Set.of(JournalRecord.RUN, JournalRecord.INTENT, JournalRecord.OUTCOME);
    static final int MAX_LINE = 1 << 20;
    private static final ObjectReader READER = Json.mapper().readerFor(JournalRecord.class);

    private JournalReader() {
    }

    /** Checks that {@code file} can be read as a journal (not a directory, readable) without reading it. */
    public static void checkReadable(Path file) {
        if (Files.isDirectory(file)) {
            throw new JournalException("journal: '" + file + "' is a directory, not a purge journal; "
                    + JournalException.ACCEPTED);
        }
        if (!Files.exists(file)) {
            throw new JournalException("journal: '" + file + "' does not exist; " + JournalException.ACCEPTED);
        }
        if (!Files.isRegularFile(file)) {
            // a device such as /dev/full or /dev/zero reads forever
            throw new JournalException("journal: '" + file + "' is not a regular file; " + JournalException.ACCEPTED);
        }
        if (!Files.isReadable(file)) {
            throw new JournalException("journal: '" + file + "' cannot be read (permissions)");
        }
    }

    /**
     * Streams every record of {@code file} to {@code each}, in file order.
     *
     * @return the number of records read
     * @throws JournalException when the file is not a journal (nothing was passed on for a file refused on its first
     *     lines; a file refused later may have passed records on, so callers collect before they act)
     */
    public static long forEach(Path file, Consumer<JournalRecord> each) {
        checkReadable(file);
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long records = 0;
        long lineNo = 0;
        String torn = null;
        long tornAt = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder),
                1 << 16)) {
            String line;
            while ((line = readLine(in, file, lineNo + 1)) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (torn != null) {
                    // a line that did not parse and was followed by more: only a torn record is forgiven
                    if (!torn.startsWith("{\"type\":\"")) {
                        throw notJson(file, tornAt);
                    }
                    torn = null;
                }
                JournalRecord r;
                try {
                    r = READER.readValue(line);
                } catch (JsonProcessingException e) {
                    torn = line;
                    tornAt = lineNo;
                    continue;
                }
                if (r == null || r.type() == null || !TYPES.contains(r.type())) {
                    throw new JournalException("journal: '" + file + "' is not a purge journal: line " + lineNo
                            + " is JSON but not a journal record (its \"type\" is missing or not run, intent or "
                            + "outcome); " + JournalException.ACCEPTED);
                }
                records++;
                each.accept(r);
            }
        } catch (CharacterCodingException e) {
            throw new JournalException("journal: '" + file + "' is not a purge journal: line " + (lineNo + 1)
                    + " is not UTF-8 text (a binary file?); " + JournalException.ACCEPTED, e);
        } catch (NoSuchFileException e) {
            throw new JournalException("journal: '" + file + "' does not exist; " + JournalException.ACCEPTED, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read purge journal " + file + ": " + e.getMessage(), e);
        }
        if (torn != null && records == 0) {
            // nothing but an unparseable line: a file that never was a journal, not a crash
            throw notJson(file, tornAt);
        }
        if (records == 0) {
            throw new JournalException("journal: '" + file + "' is not a purge journal: it is empty (no record); "
                    + JournalException.ACCEPTED);
        }
        return records;
    }

    /** A line of at most {@link #MAX_LINE} characters (a record is a few hundred): a file without newlines is refused. */
    private static String readLine(BufferedReader in, Path file, long lineNo) throws IOException {
        StringBuilder b = new StringBuilder(512);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                return b.toString();
            }
            if (b.length() == MAX_LINE) {
                throw new JournalException("journal: '" + file + "' is not a purge journal: line " + lineNo
                        + " is longer than " + MAX_LINE + " characters; " + JournalException.ACCEPTED);
            }
            b.append((char) c);
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static JournalException notJson(Path file, long lineNo) {
        return new JournalException("journal: '" + file + "' is not a purge journal: line " + lineNo
                + " is not a JSON record; " + JournalException.ACCEPTED);
    }
}
