package io.acrlifecycle.engine.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.engine.json.Json;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The restore journal of a point-in-time recovery: one JSON object per line. The first line names the registry and
 * {@code since}; an intent is forced to disk before its restore call, its outcome after the answer. A rerun with the
 * same file continues: it finishes what a killed run left half done (a temporary tag restored but not removed yet)
 * and counts what that run already brought back, so no call is sent twice for a finished item. A journal written for
 * another registry or another {@code since} is refused, so one file cannot steer a different recovery.
 */
public final class RecoveryJournal implements Closeable {
    static final String KIND = "acr-lifecycle restore-since journal";

    private final Path file;
    private final FileChannel channel;
    private final Map<String, JsonNode> openIntents = new LinkedHashMap<>();
    private int done;

    private RecoveryJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens the journal, creating it with a header, or continuing one written for the same registry and since. */
    public static RecoveryJournal open(Path file, String registry, Instant since) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("journal: " + file + " is a directory; accepted: a file path (it is "
                    + "created, or continued when it holds a restore journal of the same registry and since)");
        }
        List<JsonNode> existing = Files.exists(file) ? read(file) : List.of();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            RecoveryJournal journal = new RecoveryJournal(file, channel);
            if (existing.isEmpty()) {
                ObjectNode header = Json.mapper().createObjectNode().put("journal", KIND).put("version", 1)
                        .put("registry", registry).put("since", since.toString());
                journal.append(header);
            } else {
                journal.continueFrom(existing, registry, since);
            }
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("journal: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void continueFrom(List<JsonNode> records, String registry, Instant since) {
        JsonNode header = records.get(0);
        if (!KIND.equals(header.path("journal").asText())) {
            throw new IllegalArgumentException("journal: " + file + " is not a restore journal (its first line does "
                    + "not say '" + KIND + "'); accepted: a new file, or one an earlier restore --since wrote");
        }
        if (!registry.equalsIgnoreCase(header.path("registry").asText())
                || !since.toString().equals(header.path("since").asText())) {
            throw new IllegalArgumentException("journal: " + file + " belongs to the recovery of "
                    + header.path("registry").asText() + " since " + header.path("since").asText()
                    + "; this run is " + registry + " since " + since + "; use a new journal file");
        }
        for (JsonNode r : records.subList(1, records.size())) {
            String key = key(r.path("repository").asText(), r.path("digest").asText(), r.path("tag").asText());
            if (r.has("intent")) {
                openIntents.put(key, r);
            } else if (r.has("outcome")) {
                JsonNode intent = openIntents.remove(key);
                if ("RESTORED".equals(r.path("outcome").asText()) && intent != null
                        && !intent.path("temporary").asBoolean()) {
                    done++;
                }
            }
        }
    }

    /** Tags an earlier run of this journal restored. */
    public int restoredEarlier() {
        return done;
    }

    /** Intents of an earlier run that got no outcome (the run was killed between the two). */
    public List<JsonNode> unfinished() {
        return new ArrayList<>(openIntents.values());
    }

    /** Records and forces an intent before its call. */
    public void intent(String repository, String digest, String tag, boolean temporary) {
        append(Json.mapper().createObjectNode().put("intent", "restore").put("repository", repository)
                .put("digest", digest).put("tag", tag).put("temporary", temporary).put("at", Instant.now().toString()));
    }

    /** Records the outcome of an intent (for a temporary tag: its removal). */
    public void outcome(String repository, String digest, String tag, String outcome) {
        append(Json.mapper().createObjectNode().put("repository", repository).put("digest", digest).put("tag", tag)
                .put("outcome", outcome));
    }

    private void append(ObjectNode record) {
        byte[] line = (Json.write(record) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("journal: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<JsonNode> read(Path file) {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder()))) {
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(Json.mapper().readTree(line));
                } catch (IOException e) {
                    if (reader.ready()) {
                        throw new IllegalArgumentException("journal: " + file + " line " + n + " is not JSON; "
                                + "accepted: a restore journal (one JSON object per line)");
                    }
                    // a torn last line: the run was killed while writing it; its call was never sent
                }
            }
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("journal: " + file + " is not text (UTF-8); accepted: a restore "
                    + "journal (one JSON object per line)");
        } catch (IOException e) {
            throw new UncheckedIOException("journal: cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    static String key(String repository, String digest, String tag) {
        return repository + "@" + digest + "#" + tag;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("journal: cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
