package io.acrlifecycle.engine.purge.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.acrlifecycle.engine.json.Json;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The append-only purge journal: one JSON object per line. An intent is written and forced to disk
 * ({@link FileChannel#force}) before its delete is sent; the outcome is queued after the answer and written (and
 * forced) with the next batch of intents, on {@link #sync} (the executor syncs at the end of every phase) or on
 * close: losing it only makes a rerun send an idempotent delete again. An outcome after close is a bug in the
 * caller and throws instead of being dropped. File I/O is shielded from the caller's interrupt flag (an interrupt
 * would otherwise close the channel and lose the journal's tail).
 * Concurrent writers share one force (group commit): a thread whose bytes were already forced by another does not
 * force again.
 *
 * <p>Reading tolerates a torn last line (a crash mid-write); reopening appends after a newline.
 */
public final class PurgeJournal implements Closeable {
    private final Path file;
    private final FileChannel channel;
    private final Map<String, String> lastOutcome = new HashMap<>();
    private final Map<String, JournalRecord> openIntents = new LinkedHashMap<>();
    private final Object writeLock = new Object();
    private final java.util.concurrent.ConcurrentLinkedQueue<JournalRecord> pendingOutcomes =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Object forceLock = new Object();
    private long written;
    private long forced;
    private volatile boolean closed;

    private PurgeJournal(Path file, FileChannel channel, List<JournalRecord> existing) {
        this.file = file;
        this.channel = channel;
        for (JournalRecord r : existing) {
            track(r);
        }
    }

    /** Opens (creating if needed) a journal, reading what earlier runs recorded. */
    public static PurgeJournal open(Path file) {
        try {
            List<JournalRecord> existing = Files.exists(file) ? read(file) : List.of();
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            long size = ch.size();
            ch.position(size);
            PurgeJournal j = new PurgeJournal(file, ch, existing);
            j.written = size;
            j.forced = size;
            if (size > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                ch.read(last, size - 1);
                if (last.get(0) != '\n') {
                    j.append("\n".getBytes(StandardCharsets.UTF_8), true);
                }
            }
            return j;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open purge journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every readable record of a journal file; an unreadable line (torn by a crash) is skipped. */
    public static List<JournalRecord> read(Path file) {
        List<JournalRecord> out = new ArrayList<>();
        forEach(file, out::add);
        return out;
    }

    /**
     * Each readable record of a journal file in order, read line by line: a journal of a big purge (two records per
     * item) is never held whole in memory, as lines or as records. An unreadable line (torn by a crash) is skipped.
     */
    public static void forEach(Path file, java.util.function.Consumer<JournalRecord> action) {
        try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JournalRecord r;
                try {
                    r = Json.mapper().readValue(line, JournalRecord.class);
                } catch (JsonProcessingException e) {
                    continue; // a partial line from a crash: the intent it would have recorded was never followed by a delete
                }
                action.accept(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read purge journal " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** True when an earlier run recorded that this item is gone (DELETED or NOT_FOUND). */
    public synchronized boolean isDone(String id) {
        return JournalRecord.isDone(lastOutcome.get(id));
    }

    /** Intents with no outcome yet: the crash window. A rerun re-checks or redoes them. */
    public synchronized List<JournalRecord> openIntents() {
        return Collections.unmodifiableList(new ArrayList<>(openIntents.values()));
    }

    public void run(JournalRecord r) {
        write(r, true);
    }

    /** Records the intent and forces it to disk; returns only when it is durable. */
    public void intent(JournalRecord r) {
        write(r, true);
    }

    /**
     * Records several intents with one force (the executor journals a chunk ahead of sending it); outcomes queued
     * since the last call are written first, in the same force.
     */
    public void intents(List<JournalRecord> records) {
        flushOutcomes();
        for (int i = 0; i < records.size(); i++) {
            write(records.get(i), i == records.size() - 1);
        }
    }

    /**
     * Records an outcome. It is queued and written with the next intents (or on {@link #sync}/{@link #close}), so
     * that workers never wait on the file while another thread forces it; losing it in a crash only makes a rerun
     * send an idempotent delete again.
     */
    public void outcome(JournalRecord r) {
        ensureOpen();
        synchronized (this) {
            track(r);
        }
        pendingOutcomes.add(r);
    }

    /** Writes queued outcomes and forces everything to disk. */
    public void sync() {
        ensureOpen();
        flushOutcomes();
        append(new byte[0], true);
    }

    private void flushOutcomes() {
        JournalRecord r;
        while ((r = pendingOutcomes.poll()) != null) {
            append(encode(r), false);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("purge journal " + file + " is closed; this record would be lost");
        }
    }

    private void write(JournalRecord r, boolean force) {
        ensureOpen();
        byte[] line = encode(r);
        synchronized (this) {
            track(r);
        }
        append(line, force);
    }

    private static byte[] encode(JournalRecord r) {
        try {
            return (Json.mapper().writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode journal record", e);
        }
    }

    private void append(byte[] line, boolean force) {
        // an interrupted thread's FileChannel I/O closes the channel (ClosedByInterruptException): clear, restore
        boolean interrupted = Thread.interrupted();
        try {
            appendUninterrupted(line, force);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void appendUninterrupted(byte[] line, boolean force) {
        long end;
        try {
            synchronized (writeLock) {
                ByteBuffer b = ByteBuffer.wrap(line);
                while (b.hasRemaining()) {
                    channel.write(b);
                }
                written += line.length;
                end = written;
            }
            if (force) {
                synchronized (forceLock) {
                    if (forced < end) {
                        long target;
                        synchronized (writeLock) {
                            target = written;
                        }
                        channel.force(false);
                        forced = target;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write purge journal " + file + ": " + e.getMessage(), e);
        }
    }

    private void track(JournalRecord r) {
        if (r.id() == null) {
            return;
        }
        if (JournalRecord.INTENT.equals(r.type())) {
            openIntents.put(r.id(), r);
        } else if (JournalRecord.OUTCOME.equals(r.type())) {
            openIntents.remove(r.id());
            lastOutcome.put(r.id(), r.outcome());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (channel.isOpen()) {
            flushOutcomes();
        }
        closed = true;
        boolean interrupted = Thread.interrupted();
        try {
            if (channel.isOpen()) {
                channel.force(false);
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close purge journal " + file + ": " + e.getMessage(), e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
