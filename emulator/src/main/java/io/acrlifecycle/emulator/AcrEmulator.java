package io.acrlifecycle.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.acrlifecycle.emulator.arm.ArmApi;
import io.acrlifecycle.emulator.arm.RegistryResource;
import io.acrlifecycle.emulator.auth.AuthService;
import io.acrlifecycle.emulator.auth.Tokens;
import io.acrlifecycle.emulator.base.Json;
import io.acrlifecycle.emulator.http.AcrV1Handler;
import io.acrlifecycle.emulator.http.ArmHandler;
import io.acrlifecycle.emulator.http.Call;
import io.acrlifecycle.emulator.http.DeletedHandler;
import io.acrlifecycle.emulator.http.OAuthHandler;
import io.acrlifecycle.emulator.http.V2Handler;
import io.acrlifecycle.emulator.seed.SeedLoader;
import io.acrlifecycle.emulator.service.BlobService;
import io.acrlifecycle.emulator.service.ContentService;
import io.acrlifecycle.emulator.service.Env;
import io.acrlifecycle.emulator.service.RegistryService;
import io.acrlifecycle.emulator.service.Removals;
import io.acrlifecycle.emulator.service.RetentionService;
import io.acrlifecycle.emulator.service.SoftDeleteService;
import io.acrlifecycle.emulator.state.Identity;
import io.acrlifecycle.emulator.state.StateDir;
import io.acrlifecycle.emulator.state.StateParts;
import io.acrlifecycle.emulator.state.StatePersistence;
import io.acrlifecycle.emulator.store.RegistryStore;
import io.acrlifecycle.emulator.tls.TlsMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.Server;

/**
 * A local Azure Container Registry: data plane (/v2, /acr/v1, soft delete), OAuth2 and the ARM subset on one
 * HTTPS port of 127.0.0.1. See docs/emulator.md.
 */
public final class AcrEmulator implements AutoCloseable {
    public static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
    public static final String RESOURCE_GROUP = "rg";

    private final EmulatorOptions options;
    private final Server server;
    private final TlsMaterial tls;
    private final SSLContext clientContext;
    private final String loginServer;
    private final String registryName;
    private final URI endpoint;
    private final String adminPassword;
    private final EmulatorClock clock = new EmulatorClock();
    private final Faults faults = new Faults();
    private final RequestLog requestLog = new RequestLog();
    private final RegistryResource registry = new RegistryResource();
    private final Quotas quotas = new Quotas(registry::sku, clock::now);
    private final RegistryStore store;
    private final Env env;
    private final Removals removals;
    private final SoftDeleteService softDelete;
    private final RetentionService retention;
    private final AuthService auth;
    private final Tokens tokens;
    private final Map<String, Map<String, String>> seedIds = new ConcurrentHashMap<>();
    private final StatePersistence persistence;

    private AcrEmulator(EmulatorOptions o) throws IOException {
        this.options = o;
        Path dir = o.stateDir();
        // read and checked before the port is bound: a state dir that cannot be used leaves nothing running
        StateDir stateDir = dir == null ? null : StateDir.open(dir);
        Identity saved = stateDir == null ? new Identity(null, null, null) : stateDir.identity();
        store = stateDir == null ? new RegistryStore() : stateDir.store();
        // bound now, started at the end: the port names the login server and the certificate, made in between
        HttpTransport.Bound bound = HttpTransport.bind(o.port(), !o.plainHttp());
        server = bound.server();
        int port = bound.port();
        String savedLogin = saved.loginServer();
        loginServer = o.loginServer() != null ? o.loginServer()
                : savedLogin != null && o.port() != 0 ? savedLogin : "127.0.0.1:" + port;
        registryName = registryName(loginServer);
        endpoint = URI.create((o.plainHttp() ? "http" : "https") + "://127.0.0.1:" + port);
        String pw = o.adminPassword();
        if (pw == null) {
            pw = saved.adminPassword();
        }
        adminPassword = pw != null ? pw : randomPassword();
        byte[] secret = saved.tokenSecret() != null ? saved.tokenSecret() : Tokens.newSecret();
        tokens = new Tokens(secret);
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(loginServer.replaceFirst(":\\d+$", ""));
        Path tlsDir = stateDir != null ? stateDir.tlsDir() : Files.createTempDirectory("acr-emulator-tls");
        tls = TlsMaterial.create(tlsDir, dir != null, hosts);
        clientContext = tls.clientContext();
        bound.useTls(tls.serverContext());
        registry.reset(clock.now());
        env = new Env(store, registry, clock::now, loginServer);
        removals = new Removals(env);
        softDelete = new SoftDeleteService(env, removals);
        retention = new RetentionService(env, removals);
        auth = new AuthService(tokens, loginServer, registryName, adminPassword, registry,
                o.aadTokenPolicy() == AadTokenPolicy.ANY_UNEXPIRED_JWT, !o.plainHttp());
        RegistryService registryService = new RegistryService(env, removals);
        ContentService content = new ContentService(env, removals);
        BlobService blobs = new BlobService(env);
        ArmApi arm = new ArmApi(registry, resourceId(), loginServer, this::storageBytes, clock::now);
        FrontHandler front = new FrontHandler(this, new V2Handler(auth, content, registryService, blobs),
                new AcrV1Handler(auth, registryService), new DeletedHandler(auth, softDelete), new OAuthHandler(auth),
                new ArmHandler(auth, arm), new AdminHandler(this));
        server.setHandler(front);
        try {
            persistence = stateDir == null ? StatePersistence.inMemory(store)
                    : stateDir.attach(new StateParts(store, registry, auth, new Identity(loginServer, adminPassword, tokens.secret()),
                            clock::offset, seedIds), clock::restoreOffset);
        } catch (RuntimeException e) {
            // the port is already bound: free it, or a caller that retries after fixing the state finds it taken
            bound.unbind();
            throw e;
        }
        clock.onMove(() -> {
            housekeeping();
            persistIfDirty();
        });
        bound.start();
    }

    /**
     * Starts an emulator; the first start in a JVM also makes the CA (about a second), later ones are fast.
     *
     * @throws IllegalStateException when the port is in use or the state dir cannot be used, saying which
     */
    public static AcrEmulator start(EmulatorOptions options) {
        EmulatorOptions o = options == null ? EmulatorOptions.defaults() : options;
        try {
            return new AcrEmulator(o);
        } catch (IOException | RuntimeException e) {
            throw StartFailure.explain(e, o.port());
        }
    }

    public static AcrEmulator start() {
        return start(EmulatorOptions.defaults());
    }

    // ---- where and how to reach it

    /** {@code https://127.0.0.1:PORT}: data plane and ARM (paths under {@code /subscriptions/}). */
    public URI endpoint() {
        return endpoint;
    }

    public String loginServer() {
        return loginServer;
    }

    public String resourceId() {
        return "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RESOURCE_GROUP
                + "/providers/Microsoft.ContainerRegistry/registries/" + registryName;
    }

    /** An SSLContext that trusts the emulator's CA (for java.net.http and the Azure SDK's JDK client). */
    public SSLContext sslContext() {
        return clientContext;
    }

    public Path caCertificatePem() {
        return tls.caCertificatePem();
    }

    public Path trustStorePkcs12() {
        return tls.trustStorePkcs12();
    }

    public String trustStorePassword() {
        return TlsMaterial.TRUST_STORE_PASSWORD;
    }

    /** The admin user's name: the registry name, as in ACR. */
    public String adminUsername() {
        return registryName;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** Adds a repository-scoped token (ACR token + scope map): actions per repository name ({@code "*"} = all). */
    public void addScopedToken(String name, String password, Map<String, Set<String>> actions) {
        Map<String, Set<String>> copy = new HashMap<>();
        actions.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        auth.addScopedToken(new AuthService.ScopedToken(name, password, Map.copyOf(copy)));
        markDirty();
        persistIfDirty();
    }

    /** An AAD-like token valid for one hour, accepted at /oauth2/exchange and as ARM Bearer token. */
    public String aadToken() {
        return aadToken(Duration.ofHours(1));
    }

    /** Negative validity = already expired (refused with 401). */
    public String aadToken(Duration validity) {
        return auth.aadToken(validity);
    }

    // ---- control

    public EmulatorClock clock() {
        return clock;
    }

    public Faults faults() {
        return faults;
    }

    public RequestLog requestLog() {
        return requestLog;
    }

    /** The tier's read and write quotas (off until set: {@code quotas().set(QuotaSettings.documented())}). */
    public Quotas quotas() {
        return quotas;
    }

    public RegistryResource registry() {
        return registry;
    }

    /** Loads a seed (see docs/emulator.md) on top of the current state. */
    public void seed(String json) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("seed: not JSON: " + e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("seed: must be a JSON object with registry, tasks, repositories");
        }
        registry.applySeed(root.get("registry"), root.get("tasks"), clock.now());
        if (root.hasNonNull("quota")) {
            quotas.set(QuotaSettings.fromJson(root.get("quota"), quotas.settings()));
        }
        Map<String, Map<String, String>> ids = new SeedLoader(env, removals).loadRepositories(root.get("repositories"));
        ids.forEach((repo, m) -> seedIds.computeIfAbsent(repo, k -> new ConcurrentHashMap<>()).putAll(m));
        housekeeping();
        markDirty();
        persistIfDirty();
    }

    public void seed(Path file) {
        try {
            seed(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("seed: cannot read " + file, e);
        }
    }

    /** The digest of the seeded manifest with this {@code id} in {@code repo}. */
    public String digestOf(String repo, String id) {
        Map<String, String> m = seedIds.get(repo);
        String d = m == null ? null : m.get(id);
        if (d == null) {
            throw new IllegalArgumentException("digestOf: no seeded manifest with id '" + id + "' in repository '" + repo + "'");
        }
        return d;
    }

    /** Empty registry, default policies, no faults, no quota, empty log, no scoped tokens, clock back to system time. */
    public void reset() {
        store.locked(() -> {
            store.clear();
        });
        registry.reset(clock.now());
        seedIds.clear();
        faults.clear();
        quotas.reset();
        requestLog.clear();
        auth.clearScopedTokens();
        clock.reset();
        requestLog.clear();
        markDirty();
        persistIfDirty();
    }

    @Override
    public void close() {
        // Requests already answered may still be persisting: the stop lets them finish (up to 5 s), then what
        // is left is written, so a stop right after a push (SIGTERM of the standalone jar) keeps the push.
        HttpTransport.stop(server);
        persistence.close();
        if (options.stateDir() == null) {
            deleteQuietly(tls.directory());
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is harmless
        }
        dir.toFile().delete();
    }

    // ---- internals used by the front handler

    void housekeeping() {
        store.locked(() -> {
            var now = clock.now();
            softDelete.purgeDue(now);
            retention.runDue(now);
        });
    }

    void log(Call c, int status) {
        requestLog.add(new RequestLog.Entry(clock.now(), c.method(), c.path(), c.rawQuery(), status));
    }

    /** Seed ids or scoped tokens changed (the store and the ARM resource are tracked by the persistence itself). */
    void markDirty() {
        persistence.markChanged();
    }

    boolean isAdmin(String basic) {
        try {
            String d = new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8);
            return d.equals(registryName + ":" + adminPassword);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Saves what changed; runs before every answer, so what an answer acknowledges is saved (see docs/emulator.md). */
    void persistIfDirty() {
        persistence.commit();
    }

    private long storageBytes() {
        return store.storageBytes();
    }

    private static String registryName(String loginServer) {
        String host = loginServer.replaceFirst(":\\d+$", "");
        if (host.matches("[0-9.]+") || host.equals("localhost")) {
            return "emulator";
        }
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    private static String randomPassword() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
