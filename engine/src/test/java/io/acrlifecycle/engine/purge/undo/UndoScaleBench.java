package io.acrlifecycle.engine.purge.undo;

import io.acrlifecycle.engine.json.Json;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.model.DeleteOutcome;
import io.acrlifecycle.engine.model.DeletedManifest;
import io.acrlifecycle.engine.model.RegistryPolicies;
import io.acrlifecycle.engine.purge.journal.JournalRecord;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.restore.RestoreService;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Undo of a large journal in a small heap (issue 10, finding 4). {@link #writeJournal} writes a purge journal of
 * {@code n} manifest deletes in {@link #REPOSITORIES} repositories: of every ten, seven tagged images (each untagged,
 * then deleted), one index and its two platform children. {@link #main} (run in a child JVM with {@code -Xmx256m} by
 * {@code UndoScaleTest}, or by hand) plans the undo of that journal and restores it through the real
 * {@link RestoreService} against a registry answering from memory (every journaled manifest soft-deleted; restore
 * calls counted), then prints one line of figures.
 */
public final class UndoScaleBench {
    static final String REGISTRY = "bench.azurecr.io";
    static final int REPOSITORIES = 10;

    private UndoScaleBench() {
    }

    static String digest(long i) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("m" + i).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String repository(long i) {
        return "team" + (i % REPOSITORIES) + "/app";
    }

    /** Manifest {@code i} (0-based) of ten: 0..6 images, 7 an index of 8 and 9. */
    static void writeJournal(Path file, long n) throws IOException {
        Instant at = Instant.parse("2026-11-26T01:00:00Z");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            line(w, new JournalRecord("run", "bench", at, null, null, REGISTRY, null, null, null, null, null, null,
                    "bench", "planned", null, null, null, null));
            for (long i = 0; i < n; i++) {
                long slot = i % 10;
                String repo = repository(i / 10);
                String d = digest(i);
                List<String> tags = slot < 7 ? List.of("build-" + i) : slot == 7 ? List.of("multi-" + i) : List.of();
                for (String tag : tags) {
                    JournalRecord untag = new JournalRecord("intent", "bench", at, "tag:" + repo + ":" + tag + "@" + d,
                            "untag", REGISTRY, repo, d, tag, null, null, null, "bench", "older than 30d", null, null,
                            null, null);
                    line(w, untag);
                    line(w, outcome(untag, at));
                }
                List<String> children = slot == 7 ? List.of(digest(i + 1), digest(i + 2)) : List.of();
                JournalRecord delete = new JournalRecord("intent", "bench", at, "manifest:" + repo + "@" + d, "delete",
                        REGISTRY, repo, d, null, tags, "application/vnd.oci.image.manifest.v1+json", 1024L, "bench",
                        "untagged in this run", null, children, null, null);
                line(w, delete);
                line(w, outcome(delete, at));
            }
        }
    }

    private static JournalRecord outcome(JournalRecord intent, Instant at) {
        return new JournalRecord("outcome", "bench", at, intent.id(), intent.op(), null, intent.repository(),
                intent.digest(), intent.tag(), null, null, null, null, null, null, null, "DELETED", null);
    }

    private static void line(BufferedWriter w, JournalRecord r) throws IOException {
        w.write(Json.mapper().writeValueAsString(r));
        w.write('\n');
    }

    public static void main(String[] args) throws IOException {
        Path journal = Path.of(args[0]);
        long n = Long.parseLong(args[1]);
        if (!Files.exists(journal)) {
            writeJournal(journal, n);
        }
        long start = System.nanoTime();
        AtomicLong firstRequest = new AtomicLong();
        AtomicLong restores = new AtomicLong();
        Registry registry = registry(n, start, firstRequest, restores);
        PurgeUndo.Plan plan = PurgeUndo.plan(journal).checkRegistry(REGISTRY);
        long planned = System.nanoTime();
        UndoReport report = PurgeUndo.undo(plan, new RestoreServiceUndoRestorer(new RestoreService(registry,
                EngineLog.SILENT)));
        long end = System.nanoTime();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("undo-scale: manifests=%d journalMB=%.1f targets=%d restored=%d restoreCalls=%d "
                        + "planMs=%d firstRequestMs=%d totalMs=%d peakHeapMB=%d maxHeapMB=%d%n", n,
                Files.size(journal) / 1e6, report.totals().targets(), report.totals().restored(), restores.get(),
                (planned - start) / 1_000_000, (firstRequest.get() - start) / 1_000_000, (end - start) / 1_000_000,
                peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        System.exit(report.totals().restored() == n ? 0 : 3);
    }

    /** Every journaled manifest is soft-deleted; nothing is live; restore calls are counted, the first one timed. */
    private static Registry registry(long n, long start, AtomicLong firstRequest, AtomicLong restores) {
        return (Registry) Proxy.newProxyInstance(UndoScaleBench.class.getClassLoader(), new Class<?>[] {Registry.class},
                (proxy, method, a) -> switch (method.getName()) {
                    case "loginServer" -> REGISTRY;
                    case "manifest", "tag" -> Optional.empty();
                    case "deletedTags" -> List.of();
                    case "deletedManifests" -> deleted((String) a[0], n);
                    case "policies" -> new RegistryPolicies("Premium", true, 7, false, 0, false, false);
                    case "deleteTag" -> DeleteOutcome.DELETED;
                    case "restore" -> {
                        if (restores.getAndIncrement() == 0) {
                            firstRequest.set(System.nanoTime());
                        }
                        yield null;
                    }
                    case "close" -> null;
                    case "toString" -> "UndoScaleBench registry";
                    case "hashCode" -> 0;
                    case "equals" -> proxy == a[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static List<DeletedManifest> deleted(String repository, long n) {
        List<DeletedManifest> out = new ArrayList<>();
        Instant at = Instant.now().minusSeconds(3600);
        for (long i = 0; i < n; i++) {
            if (repository(i / 10).equals(repository)) {
                out.add(new DeletedManifest(repository, digest(i), List.of(), null, at, at.plusSeconds(86400 * 7),
                        1024));
            }
        }
        return out;
    }
}
