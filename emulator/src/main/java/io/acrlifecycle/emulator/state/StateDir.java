package io.acrlifecycle.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.arm.RegistryResource;
import io.acrlifecycle.emulator.auth.AuthService;
import io.acrlifecycle.emulator.store.RegistryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A state dir: {@code state.json} (a snapshot), {@code state.journal} (the changes after it, one JSON line each)
 * and {@code tls/}. {@link #open} reads and checks everything before the emulator binds its port, so a state it
 * cannot use is refused with the file and the field named, and nothing is left running. {@link #attach} hands
 * the rest of the saved state to the running emulator and starts the journal. See docs/emulator.md.
 */
public final class StateDir {
    static final String SNAPSHOT = "state.json";
    static final String JOURNAL = "state.journal";

    private final Path dir;
    private final StateFile snapshot;
    private final Path journal;
    private final SavedState saved;
    private final RegistryStore store;
    private final Identity identity;
    private final List<AuthService.ScopedToken> tokens;
    private final Map<String, Map<String, String>> seedIds;
    private final JsonNode registry;
    private final Duration clockOffset;

    private StateDir(Path dir) {
        this.dir = dir;
        this.snapshot = new StateFile(dir.resolve(SNAPSHOT));
        this.journal = dir.resolve(JOURNAL);
        this.saved = SavedState.read(snapshot, journal);
        this.store = new RegistryStore();
        store.locked(() -> saved.decodeStore(store));
        JsonNode meta = saved.meta().node();
        this.identity = saved.meta().decode(() -> StateCodec.identity(meta));
        this.tokens = saved.meta().decode(() -> StateCodec.scopedTokens(meta));
        this.registry = saved.meta().decode(() -> checkedRegistry(meta));
        Long offset = saved.meta().decode(() -> Fields.integer(meta, "clockOffsetMillis", "", false));
        this.clockOffset = Duration.ofMillis(offset == null ? 0 : offset);
        this.seedIds = saved.seedIds().decode(() -> StateCodec.seedIds(saved.seedIds().node(), "seedIds"));
    }

    /**
     * Opens (creating it owner-only where the file system has POSIX permissions) and reads a state dir.
     *
     * @throws IllegalStateException naming the path when it is not a directory, and naming the file and the field
     *                               when a saved state cannot be used
     */
    public static StateDir open(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalStateException("state dir " + dir + " is not a directory (it is a file); give --state-dir a"
                    + " directory, which is created when missing");
        }
        try {
            createOwnerOnly(dir);
            createOwnerOnly(dir.resolve("tls"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create state dir " + dir + ": " + e, e);
        }
        return new StateDir(dir);
    }

    private static void createOwnerOnly(Path d) throws IOException {
        if (Files.isDirectory(d)) {
            return;
        }
        if (StateFile.posix()) {
            Files.createDirectories(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(d);
        }
    }

    private static JsonNode checkedRegistry(JsonNode meta) {
        JsonNode reg = Fields.object(meta, "registry", "");
        if (reg == null) {
            return null;
        }
        StateCodec.checkRegistry(reg, "registry");
        try {
            new RegistryResource().loadJson(reg);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("registry: " + e.getMessage(), e);
        }
        return reg;
    }

    /** The saved identity; fields are null for a new state dir. */
    public Identity identity() {
        return identity;
    }

    /** The data plane as saved (empty for a new state dir): the emulator's store from now on. */
    public RegistryStore store() {
        return store;
    }

    public Path tlsDir() {
        return dir.resolve("tls");
    }

    /**
     * Restores the rest of the saved state into the running emulator's parts, writes a fresh snapshot (the journal
     * so far folded in) and returns the journal that saves every change from now on.
     */
    public StatePersistence attach(StateParts parts, Consumer<Duration> restoreClockOffset) {
        if (registry != null) {
            parts.registry().loadJson(registry);
        }
        tokens.forEach(parts.auth()::addScopedToken);
        restoreClockOffset.accept(clockOffset);
        seedIds.forEach((repo, m) -> parts.seedIds().computeIfAbsent(repo, k -> new java.util.concurrent.ConcurrentHashMap<>()).putAll(m));
        try {
            return new Journal(snapshot, journal, parts, saved.lastSeq());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write emulator state in " + dir + ": " + e.getMessage(), e);
        }
    }
}
