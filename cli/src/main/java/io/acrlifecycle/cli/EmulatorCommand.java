package io.acrlifecycle.cli;

import io.acrlifecycle.cli.demo.DemoCommand;
import io.acrlifecycle.cli.demo.DemoSeed;
import io.acrlifecycle.emulator.AadTokenPolicy;
import io.acrlifecycle.emulator.AcrEmulator;
import io.acrlifecycle.emulator.EmulatorOptions;
import io.acrlifecycle.engine.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code emulator}: the standalone ACR emulator (same flags as the emulator's own main), until Ctrl+C. */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = {"Runs the local ACR emulator on 127.0.0.1 (HTTPS) until stopped with Ctrl+C.",
            "Prints the endpoint, login server, resource id, CA file and admin credentials (a throw-away registry).",
            "Point any command at it with --endpoint URL --ca-file CA -u ADMIN (password in $ACR_PASSWORD)."})
public class EmulatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "Port on 127.0.0.1 (default: a free one).")
    int port;

    @Option(names = "--seed", paramLabel = "FILE", description = "Load this seed (JSON, see docs/emulator.md).")
    Path seed;

    @Option(names = "--demo-seed", description = "Load the demo's registry (shop/web, shop/api, tools/base, a task).")
    boolean demoSeed;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Keep state, CA and certificates here across restarts (default: memory only).")
    Path stateDir;

    @Option(names = "--login-server", paramLabel = "NAME",
            description = "Login server name in tokens and payloads, e.g. myregistry.azurecr.io "
                    + "(default: 127.0.0.1:PORT).")
    String loginServer;

    @Option(names = "--admin-password", paramLabel = "PW",
            description = "The admin user's password (default: generated, or the one kept in --state-dir). A local "
                    + "throw-away registry's password, not a real secret.")
    String adminPassword;

    @Option(names = "--plain-http",
            description = "Serve plain HTTP instead of HTTPS (for curl or skopeo --tls-verify=false; the Azure SDK "
                    + "and this CLI refuse it).")
    boolean plainHttp;

    @Option(names = "--accept-any-aad-token",
            description = "Accept any unexpired JWT at /oauth2/exchange and on ARM (for az CLI with a fake AAD).")
    boolean acceptAnyAadToken;

    @Option(names = "--run-for", paramLabel = "DURATION", hidden = true,
            description = "Stop after this long (ISO-8601, e.g. PT5S); for tests and scripts.")
    Duration runFor;

    @Override
    public Integer call() throws Exception {
        Io io = ((Main) spec.root().userObject()).io();
        if (port < 0 || port > 65535) {
            throw CliException.usage("--port: " + port + " is not a port; accepted: 0..65535 (0 = a free port)");
        }
        if (seed != null && !java.nio.file.Files.isReadable(seed)) {
            throw CliException.usage("--seed: cannot read '" + seed + "'; accepted: a seed JSON file "
                    + "(docs/emulator.md), or --demo-seed");
        }
        EmulatorOptions options = EmulatorOptions.defaults().port(port).stateDir(stateDir);
        if (loginServer != null) {
            if (loginServer.isBlank() || !loginServer.equals(loginServer.toLowerCase(java.util.Locale.ROOT))) {
                throw CliException.usage("--login-server: '" + loginServer + "' is not a lowercase host name; "
                        + "accepted: e.g. myregistry.azurecr.io");
            }
            options = options.loginServer(loginServer);
        }
        if (adminPassword != null) {
            options = options.adminPassword(adminPassword);
        }
        options = options.plainHttp(plainHttp);
        if (acceptAnyAadToken) {
            options = options.aadTokenPolicy(AadTokenPolicy.ANY_UNEXPIRED_JWT);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (AcrEmulator emu = AcrEmulator.start(options)) {
            if (seed != null) {
                emu.seed(seed);
            }
            if (demoSeed) {
                emu.seed(DemoSeed.generate(DemoCommand.DEFAULT_SEED));
            }
            Thread hook = new Thread(stopped::countDown, "acr-lifecycle-emulator-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            print(io, emu);
            if (runFor != null) {
                stopped.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                stopped.await();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping: the hook ran, nothing to remove
            }
        }
        return ExitCodes.DONE;
    }

    private void print(Io io, AcrEmulator emu) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("endpoint", emu.endpoint().toString());
        info.put("loginServer", emu.loginServer());
        info.put("resourceId", emu.resourceId());
        info.put("caFile", emu.caCertificatePem().toString());
        info.put("trustStore", emu.trustStorePkcs12().toString());
        info.put("trustStorePassword", emu.trustStorePassword());
        info.put("adminUsername", emu.adminUsername());
        // a throw-away local registry: printing its generated password is how a user gets to use it
        info.put("adminPassword", emu.adminPassword());
        String token = emu.aadToken(Duration.ofHours(24));
        info.put("aadToken", token);
        if (output.json()) {
            io.out().println(Json.write(info));
        } else {
            io.out().println("ACR emulator running at " + emu.endpoint() + " (login server " + emu.loginServer() + ")");
            io.out().println("  resource id : " + emu.resourceId());
            io.out().println("  CA (PEM)    : " + emu.caCertificatePem());
            io.out().println("  admin user  : " + emu.adminUsername());
            io.out().println("  password    : " + emu.adminPassword());
            io.out().println("Point the commands at it (the AAD token reaches the data plane and ARM, 24 h):");
            io.out().println("  export AZURE_ACCESS_TOKEN='" + token + "'");
            io.out().println("  export ACR_RESOURCE_ID='" + emu.resourceId() + "'");
            io.out().println("  R='--endpoint " + emu.endpoint() + " --ca-file " + emu.caCertificatePem() + "'");
            io.out().println("  java -jar cli/target/acr-lifecycle.jar soft-delete show $R");
            io.out().println("or, data plane only, as the admin user:");
            io.out().println("  echo '" + emu.adminPassword() + "' | java -jar cli/target/acr-lifecycle.jar "
                    + "list-deleted $R -u " + emu.adminUsername() + " --password-stdin");
            io.out().println("Stop with Ctrl+C.");
        }
        io.out().flush();
    }
}
