package io.acrlifecycle.emulator.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** sha256 digests in the {@code sha256:<64 hex>} form. */
public final class Digests {
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    private Digests() {
    }

    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean isDigest(String ref) {
        return ref != null && DIGEST.matcher(ref).matches();
    }

    /** Looks like a digest of any algorithm ({@code alg:hex}), valid or not. */
    public static boolean looksLikeDigest(String ref) {
        return ref != null && ref.contains(":");
    }
}
