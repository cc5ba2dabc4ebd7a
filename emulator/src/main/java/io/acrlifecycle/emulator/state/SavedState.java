package io.acrlifecycle.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.base.Json;
import io.acrlifecycle.emulator.store.RegistryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The saved state as parts, the snapshot with the journal's records after it applied (a record replaces whole
 * parts: the meta part, the seed ids, a repository, a blob). Each part remembers where it was read, so a part that
 * does not decode is refused naming its file, line and field.
 */
final class SavedState {
    /** One part and where it came from. */
    record Part(JsonNode node, Path file, String where, String remedy, String field) {
        Part(JsonNode node, Path file, String where, String remedy) {
            this(node, file, where, remedy, "");
        }

        /** The same part, its errors prefixed by its own path in the file. */
        Part withWhere(String path) {
            return new Part(node, file, where, remedy, path);
        }

        <T> T decode(Supplier<T> decoder) {
            try {
                return decoder.get();
            } catch (IllegalArgumentException e) {
                throw StateFile.corrupt(file, where + e.getMessage(), remedy, e);
            }
        }
    }

    private static final String SNAPSHOT_REMEDY = "Move the file aside (or use another state dir) to start with an empty registry";
    private static final String JOURNAL_REMEDY = "Move " + StateDir.JOURNAL + " aside to start from " + StateDir.SNAPSHOT
            + " without the changes after it";

    private Part meta;
    private Part seedIds;
    /** Repositories split into items; with the part that last touched each (its file and line name errors). */
    private final Map<String, RepoItems> repos = new LinkedHashMap<>();
    private final Map<String, Part> repoSources = new LinkedHashMap<>();
    private final Map<String, Part> blobs = new LinkedHashMap<>();
    private final Map<String, Part> virtualBlobs = new LinkedHashMap<>();
    private final List<Part> legacyRetention = new ArrayList<>();
    private long lastSeq;

    Part meta() {
        return meta;
    }

    Part seedIds() {
        return seedIds;
    }

    long lastSeq() {
        return lastSeq;
    }

    static SavedState read(StateFile snapshot, Path journal) {
        SavedState s = new SavedState();
        JsonNode root = snapshot.read();
        if (root == null) {
            if (Files.exists(journal)) {
                throw StateFile.corrupt(journal, "has no " + StateDir.SNAPSHOT + " beside it (the journal holds only the"
                        + " changes after a snapshot)", "Move it aside to start with an empty registry", null);
            }
            Part empty = new Part(Json.object(), snapshot.path(), ": ", SNAPSHOT_REMEDY);
            s.meta = empty;
            s.seedIds = empty;
            return s;
        }
        s.snapshot(root, snapshot.path());
        if (Files.exists(journal)) {
            s.journal(journal);
        }
        return s;
    }

    private void snapshot(JsonNode root, Path file) {
        Part top = new Part(root, file, ": ", SNAPSHOT_REMEDY);
        meta = top;
        seedIds = new Part(top.decode(() -> Fields.object(root, "seedIds", "")), file, ": ", SNAPSHOT_REMEDY);
        Long seq = top.decode(() -> Fields.integer(root, "journalSeq", "", false));
        lastSeq = seq == null ? 0 : seq;
        JsonNode repositories = top.decode(() -> Fields.array(root, "repositories", ""));
        for (int i = 0; i < repositories.size(); i++) {
            String where = Fields.index("repositories", i);
            JsonNode r = repositories.get(i);
            String name = top.decode(() -> Fields.text(Fields.objectItem(r, where), "name", where, true));
            repos.put(name, top.decode(() -> RepoItems.split(r, where)));
            repoSources.put(name, new Part(r, file, ": ", SNAPSHOT_REMEDY).withWhere(where));
        }
        JsonNode b = top.decode(() -> Fields.object(root, "blobs", ""));
        if (b != null) {
            b.properties().forEach(e -> blobs.put(e.getKey(), new Part(e.getValue(), file, ": ", SNAPSHOT_REMEDY).withWhere("blobs." + e.getKey())));
        }
        JsonNode v = top.decode(() -> Fields.object(root, "virtualBlobs", ""));
        if (v != null) {
            v.properties().forEach(e -> virtualBlobs.put(e.getKey(),
                    new Part(e.getValue(), file, ": ", SNAPSHOT_REMEDY).withWhere("virtualBlobs." + e.getKey())));
        }
        JsonNode ret = top.decode(() -> Fields.array(root, "retention", ""));
        for (int i = 0; i < ret.size(); i++) {
            legacyRetention.add(new Part(ret.get(i), file, ": ", SNAPSHOT_REMEDY).withWhere(Fields.index("retention", i)));
        }
    }

    /**
     * Applies the journal's records after the snapshot's. A last line without its newline is a write that a crash cut
     * short: it was never acknowledged (the answer goes out after the whole line is written), so it is dropped.
     */
    private void journal(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read emulator state " + file, e);
        }
        int start = 0;
        int line = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            line++;
            String text = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            record(text, file, line);
        }
    }

    private void record(String text, Path file, int line) {
        String at = ": line " + line + ": ";
        JsonNode rec;
        try {
            rec = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw StateFile.corrupt(file, at + "not valid JSON: " + e.getMessage(), JOURNAL_REMEDY, e);
        }
        Part whole = new Part(rec, file, at, JOURNAL_REMEDY);
        long seq = whole.decode(() -> {
            Fields.objectItem(rec, "record");
            return Fields.integer(rec, "seq", "", true);
        });
        if (seq <= lastSeq) {
            return; // already in the snapshot (a compaction stopped before it emptied the journal)
        }
        lastSeq = seq;
        JsonNode m = whole.decode(() -> Fields.object(rec, "meta", ""));
        if (m != null) {
            meta = new Part(m, file, at + "meta.", JOURNAL_REMEDY);
        }
        JsonNode ids = whole.decode(() -> Fields.object(rec, "seedIds", ""));
        if (ids != null) {
            seedIds = new Part(ids, file, at, JOURNAL_REMEDY);
        }
        JsonNode changed = whole.decode(() -> Fields.object(rec, "repos", ""));
        if (changed != null) {
            changed.properties().forEach(e -> {
                String name = e.getKey();
                if (e.getValue().isNull()) {
                    repos.remove(name);
                    repoSources.remove(name);
                } else {
                    repos.put(name, whole.decode(() -> RepoItems.apply(repos.get(name), e.getValue(), "repos." + name)));
                    repoSources.put(name, whole.withWhere("repos." + name));
                }
            });
        }
        replace(whole, "blobs", blobs, JOURNAL_REMEDY);
        replace(whole, "virtualBlobs", virtualBlobs, JOURNAL_REMEDY);
    }

    private static void replace(Part whole, String field, Map<String, Part> into, String remedy) {
        JsonNode o = whole.decode(() -> Fields.object(whole.node(), field, ""));
        if (o == null) {
            return;
        }
        o.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                into.remove(e.getKey());
            } else {
                into.put(e.getKey(), new Part(e.getValue(), whole.file(), whole.where(), remedy).withWhere(field + "." + e.getKey()));
            }
        });
    }

    /** Decodes the data-plane parts into an empty store. */
    void decodeStore(RegistryStore store) {
        long maxSeq = 0;
        for (var e : blobs.entrySet()) {
            Part b = e.getValue();
            store.putBlob(e.getKey(), b.decode(() -> Fields.decode(Fields.textItem(b.node(), b.field()), b.field())));
        }
        for (var e : virtualBlobs.entrySet()) {
            Part v = e.getValue();
            store.putVirtualBlob(e.getKey(), v.decode(() -> {
                if (!v.node().isIntegralNumber()) {
                    throw Fields.wrong(v.field(), "an integer", v.node());
                }
                return v.node().longValue();
            }));
        }
        for (var e : repos.entrySet()) {
            Part source = repoSources.get(e.getKey());
            maxSeq = Math.max(maxSeq, source.decode(() -> StateCodec.repo(e.getValue().join(), source.field(), store)));
        }
        for (Part e : legacyRetention) {
            maxSeq = Math.max(maxSeq, e.decode(() -> StateCodec.retention(e.node(), e.field(), null, store)));
        }
        store.advanceSeqTo(maxSeq);
        store.takeChanges();
    }
}
