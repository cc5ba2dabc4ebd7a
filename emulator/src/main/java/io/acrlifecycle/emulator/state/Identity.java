package io.acrlifecycle.emulator.state;

/**
 * What a restart on the same state dir keeps so that clients keep working: the login server name, the admin
 * password and the token-signing key (tokens issued before a restart stay valid). Any of them may be null in a
 * saved state (then the emulator picks one).
 */
public record Identity(String loginServer, String adminPassword, byte[] tokenSecret) {
}
