package io.acrlifecycle.emulator.service;

/** {@code n}, {@code last} and {@code orderby} of a listing call, already validated. */
public record ListParams(String last, int n, String orderby) {
    public static final int DEFAULT_N = 100;
}
