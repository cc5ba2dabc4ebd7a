package io.acrlifecycle.emulator.service;

import io.acrlifecycle.emulator.base.AcrErrors;
import java.util.regex.Pattern;

/** Repository and tag name rules of the distribution spec. */
public final class Names {
    private static final Pattern REPO = Pattern.compile(
            "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    private Names() {
    }

    public static void checkRepository(String name) {
        if (name == null || name.length() > 256 || !REPO.matcher(name).matches()) {
            throw AcrErrors.nameInvalid(String.valueOf(name));
        }
    }

    public static void checkTag(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw AcrErrors.tagInvalid(String.valueOf(tag));
        }
    }
}
