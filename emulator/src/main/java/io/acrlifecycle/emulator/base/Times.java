package io.acrlifecycle.emulator.base;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** ACR's timestamp form: 7 fraction digits and {@code Z} ({@code 2021-04-02T22:02:52.5006059Z}). */
public final class Times {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String format(Instant t) {
        return t == null ? null : FORMAT.format(t);
    }
}
