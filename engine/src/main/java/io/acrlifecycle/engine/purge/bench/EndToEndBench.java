package io.acrlifecycle.engine.purge.bench;

import io.acrlifecycle.engine.json.Json;
import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.purge.result.PurgeReport;
import io.acrlifecycle.engine.purge.PurgeRequest;
import io.acrlifecycle.engine.purge.PurgeService;
import io.acrlifecycle.engine.purge.undo.PurgeUndo;
import io.acrlifecycle.engine.purge.undo.RestoreServiceUndoRestorer;
import io.acrlifecycle.engine.purge.undo.UndoReport;
import io.acrlifecycle.engine.registry.Registry;
import io.acrlifecycle.engine.registry.Registries;
import io.acrlifecycle.engine.registry.RegistryConfig;
import io.acrlifecycle.engine.restore.RestoreService;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One repository of {@code tags} tags end to end, the way a user runs it: list and plan (a dry run), purge with a
 * journal, undo from that journal. The registry (the emulator, holding every tag) stays in this JVM; the engine's
 * side runs in a child JVM with {@code -Xmx256m}, so a plan or an executor that did not fit would fail the run
 * (OutOfMemoryError) instead of borrowing the emulator's heap. Reports each step's time, undo's throughput and the
 * child's peak heap.
 */
public final class EndToEndBench {
    private EndToEndBench() {
    }

    /** The child's figures. */
    public record EndToEnd(int tags, double listAndPlanSeconds, int planned, double purgeSeconds, int untagged,
            String purgeStatus, double undoSeconds, int restored, int undoFailed, double undoPerSecond,
            long peakHeapBytes, String maxHeap) {
    }

    /** Seeds {@code repository} with {@code tags} old tags (one manifest each), then runs the child. */
    public static EndToEnd run(BenchTarget target, int tags, int concurrency) {
        String repo = "e2e-" + tags;
        target.seed(repo, tags);
        BenchTarget.RawAccess raw = target.raw();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Path dir;
        try {
            dir = Files.createTempDirectory("acr-e2e");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temp dir: " + e.getMessage(), e);
        }
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                EndToEndBench.class.getName(), "--child", raw.endpoint().toString(), raw.loginServer(),
                raw.trustStore().toString(), repo, Integer.toString(tags), Integer.toString(concurrency),
                dir.resolve("purge.jsonl").toString());
        pb.redirectErrorStream(true);
        try {
            Process p = pb.start();
            // secrets go through stdin, never the command line (visible to every process on the machine)
            try (OutputStream in = p.getOutputStream()) {
                in.write((raw.username() + "\n" + raw.password() + "\n" + raw.trustStorePassword() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.HOURS)) {
                p.destroyForcibly();
                throw new IllegalStateException("the end-to-end child JVM did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("the end-to-end child JVM with -Xmx256m failed (exit " + p.exitValue()
                        + "): " + out);
            }
            return Json.mapper().readValue(out.substring(out.lastIndexOf("{\"tags\"")).trim(), EndToEnd.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the child JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            dir.resolve("purge.jsonl").toFile().delete();
            dir.toFile().delete();
        }
    }

    /** The child: {@code --child endpoint loginServer trustStore repository tags concurrency journal}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 8 || !args[0].equals("--child")) {
            throw new IllegalArgumentException("usage: --child ENDPOINT LOGIN_SERVER TRUST_STORE REPOSITORY TAGS"
                    + " CONCURRENCY JOURNAL (user, password, trust store password on stdin)");
        }
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String user = stdin.readLine();
        char[] password = stdin.readLine().toCharArray();
        char[] storePassword = stdin.readLine().toCharArray();
        String repo = args[4];
        int tags = Integer.parseInt(args[5]);
        int concurrency = Integer.parseInt(args[6]);
        Path journal = Path.of(args[7]);
        RegistryConfig config = RegistryConfig.builder().loginServer(args[2]).endpoint(URI.create(args[1]))
                .trustStore(Path.of(args[3]), storePassword).usernamePassword(user, password).build();
        try (Registry registry = Registries.open(config)) {
            PurgeRequest.Builder request = PurgeRequest.builder().filter(repo + ":.*").ago("0d")
                    .concurrency(concurrency).allowPermanentDelete(true).journal(journal);
            long t0 = System.nanoTime();
            PurgeReport dry = PurgeService.run(registry, request.dryRun(true).build(), null, EngineLog.SILENT);
            double planSeconds = (System.nanoTime() - t0) / 1e9;
            int planned = dry.plan().deletes();
            dry = null; // the plan is not held across the purge: the purge lists and plans again, as a user's run does
            long t1 = System.nanoTime();
            PurgeReport purge = PurgeService.run(registry, request.dryRun(false).build(), null, EngineLog.SILENT);
            double purgeSeconds = (System.nanoTime() - t1) / 1e9;
            long t2 = System.nanoTime();
            UndoReport undo = PurgeUndo.undo(journal, registry.loginServer(), new RestoreServiceUndoRestorer(new RestoreService(registry,
                    EngineLog.SILENT)));
            double undoSeconds = (System.nanoTime() - t2) / 1e9;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println(Json.write(new EndToEnd(tags, round(planSeconds), planned, round(purgeSeconds),
                    purge.totals().tagsUntagged(), purge.status().name(), round(undoSeconds),
                    undo.totals().restored(), undo.totals().failed(),
                    round(undo.totals().restored() / undoSeconds), peak,
                    Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m")));
        }
        System.exit(0);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
