package io.acrlifecycle.emulator;

import java.nio.file.Path;

/** How to start an emulator. Immutable; every setter returns a copy. */
public final class EmulatorOptions {
    private final String loginServer;
    private final int port;
    private final Path stateDir;
    private final boolean plainHttp;
    private final String adminPassword;
    private final AadTokenPolicy aadTokenPolicy;

    private EmulatorOptions(String loginServer, int port, Path stateDir, boolean plainHttp, String adminPassword,
            AadTokenPolicy aadTokenPolicy) {
        this.loginServer = loginServer;
        this.port = port;
        this.stateDir = stateDir;
        this.plainHttp = plainHttp;
        this.adminPassword = adminPassword;
        this.aadTokenPolicy = aadTokenPolicy;
    }

    /** Random port, HTTPS, login server {@code 127.0.0.1:PORT}, in-memory state, emulator-signed AAD tokens only. */
    public static EmulatorOptions defaults() {
        return new EmulatorOptions(null, 0, null, false, null, AadTokenPolicy.EMULATOR_SIGNED);
    }

    /** The registry's login server name (lowercase), e.g. {@code myregistry.azurecr.io}; null = {@code 127.0.0.1:PORT}. */
    public EmulatorOptions loginServer(String name) {
        if (name != null && (name.isBlank() || !name.equals(name.toLowerCase()))) {
            throw new IllegalArgumentException("loginServer: '" + name + "' must be a non-empty lowercase host name");
        }
        return new EmulatorOptions(name, port, stateDir, plainHttp, adminPassword, aadTokenPolicy);
    }

    /** 0 = a free port. */
    public EmulatorOptions port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " is not within 0..65535");
        }
        return new EmulatorOptions(loginServer, port, stateDir, plainHttp, adminPassword, aadTokenPolicy);
    }

    /** Where state, CA and certificates persist across restarts; null = memory only (files in a temp dir). */
    public EmulatorOptions stateDir(Path dir) {
        return new EmulatorOptions(loginServer, port, dir, plainHttp, adminPassword, aadTokenPolicy);
    }

    /** Plain HTTP instead of HTTPS (the Azure SDK refuses it; curl, skopeo with --tls-verify=false accept it). */
    public EmulatorOptions plainHttp(boolean plain) {
        return new EmulatorOptions(loginServer, port, stateDir, plain, adminPassword, aadTokenPolicy);
    }

    /** The admin user's password; null = generated (or the one persisted in the state dir). */
    public EmulatorOptions adminPassword(String password) {
        return new EmulatorOptions(loginServer, port, stateDir, plainHttp, password, aadTokenPolicy);
    }

    public EmulatorOptions aadTokenPolicy(AadTokenPolicy policy) {
        return new EmulatorOptions(loginServer, port, stateDir, plainHttp, adminPassword,
                policy == null ? AadTokenPolicy.EMULATOR_SIGNED : policy);
    }

    public String loginServer() {
        return loginServer;
    }

    public int port() {
        return port;
    }

    public Path stateDir() {
        return stateDir;
    }

    public boolean plainHttp() {
        return plainHttp;
    }

    public String adminPassword() {
        return adminPassword;
    }

    public AadTokenPolicy aadTokenPolicy() {
        return aadTokenPolicy;
    }
}
