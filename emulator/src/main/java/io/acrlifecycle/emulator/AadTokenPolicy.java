package io.acrlifecycle.emulator;

/** Which AAD tokens the emulator accepts at {@code /oauth2/exchange} and as ARM {@code Bearer} tokens. */
public enum AadTokenPolicy {
    /** Only unexpired tokens minted by {@link AcrEmulator#aadToken()} of this emulator (default). */
    EMULATOR_SIGNED,
    /** Any unexpired JWT-shaped token (with a numeric {@code exp}), e.g. from a fake AAD used with az CLI. */
    ANY_UNEXPIRED_JWT
}
