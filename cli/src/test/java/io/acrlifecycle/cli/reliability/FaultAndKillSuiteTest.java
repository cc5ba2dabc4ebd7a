package io.acrlifecycle.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.cli.Io;
import io.acrlifecycle.cli.Main;
import io.acrlifecycle.cli.StaticTokenCredential;
import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.emulator.FaultRule;
import io.acrlifecycle.engine.json.Json;
import io.acrlifecycle.engine.model.ManifestInfo;
import io.acrlifecycle.engine.model.TagInfo;
import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.registry.Registries;
import io.acrlifecycle.engine.registry.RegistryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault and kill suite (issue 10): a purge runs against the emulator while it injects 429 storms (with and
 * without Retry-After), 5xx bursts, dropped connections (before the delete is applied, and after it: "delete
 * applied, response lost"), an AAD token that expires mid-run, ARM failing during a policy change, and the CLI killed
 * with SIGKILL at random points (a child JVM, {@code destroyForcibly}) and rerun. Every case asserts that
 * <ol>
 * <li>the final registry state equals the dry-run plan (every planned tag and manifest gone, nothing else);</li>
 * <li>the journal has an intent for every item that is gone;</li>
 * <li>undo from the journal brings back every tag and manifest (inside the soft-delete window).</li>
 * </ol>
 * The seed registry is generated from {@code -Dacrlc.faultSeed} (default below), printed with the figures.
 */
class FaultAndKillSuiteTest {
    static final long SEED = Long.getLong("acrlc.faultSeed", 20261203L);
    static final AtomicInteger FAULT_CASES = new AtomicInteger();
    static final AtomicInteger KILLS = new AtomicInteger();
    static final AtomicInteger RESTORED = new AtomicInteger();

    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    @TempDir
    Path dir;

    @AfterAll
    static void figures() {
        System.out.printf("fault-suite: seed=%d faultCasesSurvived=%d killsSurvived=%d manifestsAndTagsRestored=%d%n",
                SEED, FAULT_CASES.get(), KILLS.get(), RESTORED.get());
    }

    /**
     * Three repositories of old and new builds, untagged manifests, a multi-arch index, a locked image, and signed
     * builds (signatures, SBOMs with their own signature) whose referrers go with them.
     */
    static String seed(long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("{\"registry\": {\"softDelete\": {\"enabled\": true, \"retentionDays\": 7}},"
                + " \"repositories\": [");
        for (int repo = 0; repo < 3; repo++) {
            b.append(repo == 0 ? "" : ",").append("{\"name\": \"svc").append(repo).append("\", \"manifests\": [");
            List<String> m = new ArrayList<>();
            int images = 14 + r.nextInt(8);
            for (int k = 0; k < images; k++) {
                String tags = "\"b-" + k + "\"" + (r.nextInt(5) == 0 ? ", \"alias-" + k + "\"" : "");
                m.add("{\"id\": \"i" + k + "\", \"tags\": [" + tags + "], \"updated\": \"-" + (1 + r.nextInt(70))
                        + "d\", \"size\": " + (1000 + r.nextInt(9000)) + "}");
            }
            for (int k = 0; k < 3 + r.nextInt(3); k++) {
                m.add("{\"id\": \"u" + k + "\", \"updated\": \"-" + (35 + r.nextInt(30)) + "d\"}");
            }
            m.add("{\"id\": \"c1\", \"updated\": \"-60d\", \"os\": \"linux\", \"architecture\": \"amd64\"}");
            m.add("{\"id\": \"c2\", \"updated\": \"-60d\", \"os\": \"linux\", \"architecture\": \"arm64\"}");
            m.add("{\"id\": \"x\", \"mediaType\": \"application/vnd.oci.image.index.v1+json\", \"children\": [\"c1\","
                    + " \"c2\"], \"tags\": [\"multi\"], \"updated\": \"-" + (31 + r.nextInt(30)) + "d\"}");
            m.add("{\"id\": \"lk\", \"tags\": [\"b-locked\"], \"updated\": \"-90d\", \"locks\": {\"deleteEnabled\": false,"
                    + " \"writeEnabled\": false}}");
            // signed images: a signature on every third build, an SBOM with its own signature on every fifth; the
            // registry deletes them with their image, so the plan, journal and undo must account for them (cascades)
            for (int k = 0; k < images; k++) {
                if (k % 3 == 0) {
                    m.add("{\"id\": \"sig" + k + "\", \"subject\": \"i" + k + "\", \"artifactType\": "
                            + "\"application/vnd.cncf.notary.signature\", \"updated\": \"-1d\"}");
                }
                if (k % 5 == 0) {
                    m.add("{\"id\": \"sbom" + k + "\", \"subject\": \"i" + k + "\", \"artifactType\": "
                            + "\"application/spdx+json\", \"updated\": \"-1d\"}");
                    m.add("{\"id\": \"sbomsig" + k + "\", \"subject\": \"sbom" + k + "\", \"artifactType\": "
                            + "\"application/vnd.cncf.notary.signature\", \"updated\": \"-1d\"}");
                }
            }
            b.append(String.join(",", m)).append("]}");
        }
        return b.append("]}").toString();
    }

    static final String[] PURGE = {"purge", "-f", "svc.*:^(b|alias|multi)", "--ago", "30d", "--untagged"};

    // ---------------------------------------------------------------- the cases

    @Test
    void tooManyRequestsStormWithRetryAfter() throws Exception {
        survives("429 storm with Retry-After",
                e -> e.faults().add(FaultRule.status("DELETE", ".*", 429).retryAfterSeconds(1).rate(0.3).times(12)));
    }

    @Test
    void tooManyRequestsStormWithoutRetryAfter() throws Exception {
        survives("429 storm without Retry-After",
                e -> e.faults().add(FaultRule.status("DELETE", ".*", 429).rate(0.4).times(25)));
    }

    @Test
    void serverErrorBursts() throws Exception {
        survives("5xx bursts", e -> {
            e.faults().add(FaultRule.status("DELETE", ".*", 503).rate(0.3).times(15));
            e.faults().add(FaultRule.status("GET", "/acr/v1/.*", 500).rate(0.2).times(10));
        });
    }

    @Test
    void connectionsDroppedBeforeTheDelete() throws Exception {
        survives("dropped before the delete", e -> e.faults().add(FaultRule.drop("DELETE", ".*").rate(0.3).times(10)));
    }

    @Test
    void deleteAppliedResponseLost() throws Exception {
        survives("delete applied, response lost",
                e -> e.faults().add(FaultRule.dropAfterApply("DELETE", ".*").rate(0.3).times(10)));
    }

    @Test
    void aadTokenExpiresMidRun() throws Exception {
        // the AAD token lives 3 s; 40 ms per delete makes the run longer than that
        EMU.emulator().seed(seed(SEED));
        Snapshot before = snapshot();
        Plan plan = plan();
        Path journal = dir.resolve("token.jsonl");
        EMU.emulator().faults().add(FaultRule.latency("DELETE", ".*", Duration.ofMillis(40)));
        CliRun first = cli(Map.of("AZURE_ACCESS_TOKEN", EMU.emulator().aadToken(Duration.ofSeconds(3))), journal);
        if (first.exitCode() != 0) {
            // refused credential mid-run: said so (never "no response"), and a rerun with a fresh token finishes
            assertThat(first.err()).as(first.toString()).doesNotContain("no response from the registry");
            CliRun rerun = cli(Map.of("AZURE_ACCESS_TOKEN", EMU.emulator().aadToken()), journal);
            assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        }
        EMU.emulator().faults().clear();
        verify(before, plan, journal);
        FAULT_CASES.incrementAndGet();
    }

    @Test
    void armFailsDuringAPolicyChange() throws Exception {
        EMU.emulator().seed(seed(SEED));
        String[] ensure = {"soft-delete", "ensure", "--days", "5", "-o", "json"};
        // a burst the retries absorb: the change is made once
        EMU.emulator().faults().add(FaultRule.status(null, "/subscriptions/.*", 503).times(2));
        CliRun burst = run(ensure);
        EMU.emulator().faults().clear();
        assertThat(burst.exitCode()).as(burst.toString()).isZero();
        assertThat(EMU.emulator().registry().softDeleteRetentionDays()).isEqualTo(5);
        assertThat(EMU.emulator().registry().softDeleteEnabled()).isTrue();

        // ARM down for good during the change: exit 1, and the registry keeps the policy it had
        EMU.emulator().faults().add(FaultRule.status("PATCH", "/subscriptions/.*", 500));
        EMU.emulator().faults().add(FaultRule.status("PUT", "/subscriptions/.*", 500));
        CliRun down = run("soft-delete", "ensure", "--days", "9");
        EMU.emulator().faults().clear();
        assertThat(down.exitCode()).as(down.toString()).isEqualTo(1);
        assertThat(EMU.emulator().registry().softDeleteRetentionDays()).isEqualTo(5);
        assertThat(EMU.emulator().registry().softDeleteEnabled()).isTrue();
        FAULT_CASES.incrementAndGet();
    }

    @Test
    void killedWithSigkillAtRandomPointsThenRerunAndUndone() throws Exception {
        Random r = new Random(SEED);
        for (int round = 0; round < 3; round++) {
            EMU.emulator().seed(seed(SEED + round));
            Snapshot before = snapshot();
            Plan plan = plan();
            Path journal = dir.resolve("kill-" + round + ".jsonl");
            EMU.emulator().faults().add(FaultRule.latency("DELETE", ".*", Duration.ofMillis(30)));
            // a random point inside the deletes: after the k-th DELETE reached the registry, plus up to 100 ms
            int planned = plan.requests(); // DELETEs the run sends: a deleted image takes its tags and referrers
            // within the first three quarters, so the +100 ms below cannot let the run finish before the kill
            int k = 1 + r.nextInt(Math.max(1, planned * 3 / 4));
            long extra = r.nextInt(100);
            Process child = childCli(journal);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (child.isAlive() && EMU.emulator().requestLog().count("DELETE", ".*") < k
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            boolean ended = child.waitFor(extra, TimeUnit.MILLISECONDS);
            if (!ended) {
                child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            long deletesBeforeKill = EMU.emulator().requestLog().count("DELETE", ".*");
            System.out.printf("kill round %d: %s after DELETE %d of %d planned (+%d ms); %d DELETEs had been sent%n",
                    round, ended ? "exited on its own" : "SIGKILL", k, planned, extra, deletesBeforeKill);
            assertThat(ended).as("the child was still running when killed, round " + round).isFalse();
            CliRun rerun = cli(env(), journal);
            assertThat(rerun.exitCode()).as("rerun after kill, round " + round + "\n" + rerun).isZero();
            EMU.emulator().faults().clear();
            verify(before, plan, journal);
            KILLS.incrementAndGet();
        }
    }

    // ---------------------------------------------------------------- the checks

    private void survives(String name, Consumer<AcrEmulator> faults) throws Exception {
        EMU.emulator().seed(seed(SEED));
        Snapshot before = snapshot();
        Plan plan = plan();
        Path journal = dir.resolve("purge.jsonl");
        faults.accept(EMU.emulator());
        CliRun purge = cli(env(), journal);
        long dropped = EMU.emulator().requestLog().entries().stream().filter(e -> e.status() == 0).count();
        EMU.emulator().faults().clear();
        if (purge.exitCode() != 0) {
            // a delete that kept failing stops the run: the rerun with the same journal finishes it
            CliRun rerun = cli(env(), journal);
            assertThat(rerun.exitCode()).as(purge + "\nrerun:\n" + rerun).isZero();
        }
        long injected = EMU.emulator().requestLog().entries().stream().filter(e -> e.status() == 0
                || e.status() == 429 || e.status() >= 500).count();
        System.out.printf("fault case %s: first run exit %d, %d fault(s) injected (%d connection(s) dropped)%n",
                name, purge.exitCode(), injected, dropped);
        verify(before, plan, journal);
        FAULT_CASES.incrementAndGet();
    }

    private void verify(Snapshot before, Plan plan, Path journal) throws Exception {
        // 1. the registry is what the plan said
        Snapshot after = snapshot();
        Set<String> expectedManifests = new TreeSet<>(before.manifests);
        expectedManifests.removeAll(plan.deletes);
        Set<String> expectedTags = new TreeSet<>(before.tags);
        expectedTags.removeAll(plan.untags);
        expectedTags.removeIf(t -> plan.deletes.contains(t.substring(0, t.indexOf(':')) + t.substring(t.indexOf('@'))));
        assertThat(after.manifests).as("manifests after the purge").isEqualTo(expectedManifests);
        assertThat(after.tags).as("tags after the purge").isEqualTo(expectedTags);

        // 2. the journal has an intent for every item that is gone
        Set<String> intents = new TreeSet<>();
        for (String line : Files.readAllLines(journal)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode r;
            try {
                r = Json.mapper().readTree(line);
            } catch (Exception torn) {
                continue;
            }
            if ("intent".equals(r.path("type").asText())) {
                intents.add(r.path("id").asText());
            }
        }
        for (String m : before.manifests) {
            if (!after.manifests.contains(m)) {
                assertThat(intents).as("journal intent for removed " + m).contains("manifest:" + m);
            }
        }
        for (String t : before.tags) {
            if (!after.tags.contains(t)) {
                String repo = t.substring(0, t.indexOf(':'));
                String manifest = repo + t.substring(t.indexOf('@'));
                assertThat(intents.contains("tag:" + t) || intents.contains("manifest:" + manifest))
                        .as("journal intent for removed tag " + t).isTrue();
            }
        }

        // 3. undo brings everything back
        CliRun undo = run("undo", "--journal", journal.toString());
        assertThat(undo.exitCode()).as(undo.toString()).isZero();
        Snapshot undone = snapshot();
        assertThat(undone.manifests).as("manifests after undo").isEqualTo(before.manifests);
        assertThat(undone.tags).as("tags after undo").isEqualTo(before.tags);
        RESTORED.addAndGet(before.manifests.size() - after.manifests.size() + before.tags.size() - after.tags.size());
    }

    record Snapshot(Set<String> manifests, Set<String> tags) {
    }

    /** Live manifests ({@code repo@digest}) and tags ({@code repo:tag@digest}), read over HTTPS. */
    private Snapshot snapshot() {
        AcrEmulator emu = EMU.emulator();
        try (AcrRegistry reg = Registries.open(RegistryConfig.builder().loginServer(emu.loginServer())
                .endpoint(emu.endpoint()).resourceId(emu.resourceId()).sslContext(emu.sslContext())
                .credential(new StaticTokenCredential(emu.aadToken())).build())) {
            Set<String> manifests = new TreeSet<>();
            Set<String> tags = new TreeSet<>();
            for (String repo : reg.repositories()) {
                for (ManifestInfo m : reg.manifests(repo)) {
                    manifests.add(repo + "@" + m.digest());
                }
                for (TagInfo t : reg.tags(repo, false)) {
                    tags.add(repo + ":" + t.name() + "@" + t.digest());
                }
            }
            return new Snapshot(manifests, tags);
        }
    }

    /** {@code requests}: the DELETE calls the run sends (tags of a deleted image and its referrers go with it). */
    record Plan(Set<String> untags, Set<String> deletes, int requests) {
    }

    /** The dry run's plan: tags to untag ({@code repo:tag@digest}) and manifests to delete ({@code repo@digest}). */
    private Plan plan() throws Exception {
        List<String> args = new ArrayList<>(List.of(PURGE));
        args.addAll(List.of("-o", "json"));
        CliRun dry = run(args.toArray(String[]::new));
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        JsonNode repos = Json.mapper().readTree(dry.out()).at("/result/plan/repositories");
        Set<String> untags = new TreeSet<>();
        Set<String> deletes = new TreeSet<>();
        Set<String> roots = new TreeSet<>();
        for (JsonNode repo : repos) {
            for (JsonNode t : repo.path("untag")) {
                untags.add(t.path("repository").asText() + ":" + t.path("tag").asText() + "@"
                        + t.path("digest").asText());
            }
            for (JsonNode m : repo.path("delete")) {
                deletes.add(m.path("repository").asText() + "@" + m.path("digest").asText());
                roots.add(m.path("repository").asText() + "@" + m.path("digest").asText());
                for (JsonNode c : m.path("cascade")) { // referrers the registry deletes with it
                    deletes.add(c.path("repository").asText() + "@" + c.path("digest").asText());
                }
            }
        }
        assertThat(untags).as("the plan untags something").isNotEmpty();
        assertThat(deletes).as("the plan deletes something").isNotEmpty();
        EMU.emulator().requestLog().clear();
        long separateUntags = untags.stream().filter(t -> !roots.contains(t.substring(0, t.indexOf(':'))
                + t.substring(t.indexOf('@')))).count();
        return new Plan(untags, deletes, (int) separateUntags + roots.size());
    }

    // ---------------------------------------------------------------- running the CLI

    private Map<String, String> env() {
        return Map.of("AZURE_ACCESS_TOKEN", EMU.emulator().aadToken());
    }

    private List<String> connection() {
        AcrEmulator emu = EMU.emulator();
        return List.of("--endpoint", emu.endpoint().toString(), "--ca-file", emu.caCertificatePem().toString(),
                "--resource-id", emu.resourceId());
    }

    private CliRun run(String... commandAndFlags) {
        List<String> args = new ArrayList<>(List.of(commandAndFlags));
        args.addAll(connection());
        return CliRun.run(env(), args);
    }

    private CliRun cli(Map<String, String> env, Path journal) {
        List<String> args = new ArrayList<>(List.of(PURGE));
        args.addAll(List.of("--journal", journal.toString(), "--execute", "-q"));
        args.addAll(connection());
        return CliRun.run(env, args);
    }

    /** The same purge in a child JVM running the CLI's Main from this test's classpath. */
    private Process childCli(Path journal) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.acrlifecycle.cli.Main"));
        cmd.addAll(List.of(PURGE));
        cmd.addAll(List.of("--journal", journal.toString(), "--execute", "-q"));
        cmd.addAll(connection());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child-" + journal.getFileName() + ".log").toFile());
        pb.environment().put("AZURE_ACCESS_TOKEN", EMU.emulator().aadToken());
        return pb.start();
    }

    /** In-process CLI run with captured output (the cli package's CliRun is package-private). */
    record CliRun(int exitCode, String out, String err) {
        static CliRun run(Map<String, String> env, List<String> args) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            Io io = new Io(new java.io.PrintWriter(out, true),
                    new java.io.PrintWriter(err, true), new java.io.ByteArrayInputStream(new byte[0]),
                    new HashMap<>(env), false);
            int code = Main.run(io, args.toArray(String[]::new));
            return new CliRun(code, out.toString(), err.toString());
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }
}
