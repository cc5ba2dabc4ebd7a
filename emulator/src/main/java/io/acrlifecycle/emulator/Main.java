package io.acrlifecycle.emulator;

import io.acrlifecycle.emulator.base.Json;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone emulator: {@code java -jar acr-emulator.jar [--port N] [--seed FILE] [--state-dir DIR]
 * [--login-server NAME] [--plain-http]}. Prints one JSON line (endpoint, credentials, CA file) and runs until stopped.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmulatorOptions o = EmulatorOptions.defaults();
        Path seed = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--port" -> o = o.port(Integer.parseInt(value(args, ++i, a)));
                    case "--seed" -> seed = Path.of(value(args, ++i, a));
                    case "--state-dir" -> o = o.stateDir(Path.of(value(args, ++i, a)));
                    case "--login-server" -> o = o.loginServer(value(args, ++i, a));
                    case "--admin-password" -> o = o.adminPassword(value(args, ++i, a));
                    case "--accept-any-aad-token" -> o = o.aadTokenPolicy(AadTokenPolicy.ANY_UNEXPIRED_JWT);
                    case "--plain-http" -> o = o.plainHttp(true);
                    case "--help", "-h" -> {
                        System.out.println(usage());
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("acr-emulator: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        AcrEmulator emu;
        try {
            emu = AcrEmulator.start(o);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // e.g. a state dir whose state.json is not a state the emulator wrote: one clear line, no stack trace
            System.err.println("acr-emulator: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (seed != null) {
            emu.seed(seed);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emu.close();
            stopped.countDown();
        }, "acr-emulator-shutdown"));
        var line = Json.object().put("endpoint", emu.endpoint().toString()).put("loginServer", emu.loginServer())
                .put("resourceId", emu.resourceId()).put("caFile", emu.caCertificatePem().toString())
                .put("trustStore", emu.trustStorePkcs12().toString()).put("trustStorePassword", emu.trustStorePassword())
                .put("adminUsername", emu.adminUsername()).put("adminPassword", emu.adminPassword())
                .put("aadToken", emu.aadToken(java.time.Duration.ofHours(24)));
        System.out.println(Json.write(line));
        System.out.flush();
        stopped.await();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String usage() {
        return "usage: java -jar acr-emulator.jar [--port N] [--seed FILE] [--state-dir DIR] [--login-server NAME]"
                + " [--admin-password PW] [--accept-any-aad-token] [--plain-http]";
    }
}
