package io.acrlifecycle.engine.guard;

import io.acrlifecycle.engine.model.ImageRef;
import java.util.Locale;

/**
 * Does the registry named in an image reference ({@code other.azurecr.io/app:1}) match the registry the guard is
 * connected to? Checked before any call: answering for another registry's image would vouch for the wrong thing.
 */
final class RegistryNames {
    private RegistryNames() {
    }

    /** Throws when {@code image} names a registry other than {@code loginServer}; no registry prefix passes. */
    static void requireConnected(final ImageRef image, final String loginServer) {
        if (image.registry() == null || loginServer == null || same(image.registry(), loginServer)) {
            return;
        }
        throw new IllegalArgumentException("image: '" + image + "' names registry " + image.registry()
                + ", but the guard is connected to registry " + loginServer + "; check the image on the registry it"
                + " names (connect to " + image.registry() + "), or give the image as it is in " + loginServer
                + " (e.g. " + withoutRegistry(image) + " or " + loginServer + "/" + withoutRegistry(image) + ")");
    }

    /**
     * Case-insensitive; {@code :443} is the HTTPS default; a bare registry name ({@code myregistry}) matches its
     * login server in any cloud ({@code myregistry.azurecr.io}, {@code .cn}, {@code .us}).
     */
    static boolean same(final String a, final String b) {
        String x = normalize(a);
        String y = normalize(b);
        if (x.equals(y)) {
            return true;
        }
        return bare(x) && x.equals(acrName(y)) || bare(y) && y.equals(acrName(x));
    }

    private static String normalize(final String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        n = n.replaceFirst("^https?://", "").replaceFirst("/+$", "");
        return n.endsWith(":443") ? n.substring(0, n.length() - 4) : n;
    }

    private static boolean bare(final String name) {
        return !name.contains(".") && !name.contains(":");
    }

    // "myregistry" for myregistry.azurecr.io / .cn / .us; null for any other host
    private static String acrName(final String host) {
        for (String suffix : new String[] {".azurecr.io", ".azurecr.cn", ".azurecr.us"}) {
            if (host.endsWith(suffix)) {
                return host.substring(0, host.length() - suffix.length());
            }
        }
        return null;
    }

    private static String withoutRegistry(final ImageRef image) {
        return new ImageRef(null, image.repository(), image.tag(), image.digest()).toString();
    }
}
