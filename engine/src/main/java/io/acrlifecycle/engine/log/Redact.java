package io.acrlifecycle.engine.log;

import java.util.regex.Pattern;

/**
 * Makes user-given URLs and host names safe to echo in a message: credentials in a URL's user-info
 * ({@code https://user:PW@host}) and its query and fragment (a SAS signature, a token) are replaced by {@code ***}.
 * Works on text that is not a valid URI too (a malformed URL is where a pasted secret most often hides).
 */
public final class Redact {
    // scheme://userinfo@ : everything up to the last '@' before the first '/', '?' or '#' after the scheme
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)?[^/?#]*@");
    private static final Pattern QUERY = Pattern.compile("[?#].*$");

    private Redact() {
    }

    /** True when {@code text} carries user-info (a user or password before an {@code @} in the authority). */
    public static boolean hasUserInfo(String text) {
        return text != null && USER_INFO.matcher(text).find();
    }

    /** {@code text} with user-info, query and fragment replaced by {@code ***}; null stays null. */
    public static String url(String text) {
        if (text == null) {
            return null;
        }
        String out = USER_INFO.matcher(text).replaceFirst(m -> java.util.regex.Matcher.quoteReplacement(
                (m.group(1) == null ? "" : m.group(1)) + "***@"));
        return QUERY.matcher(out).replaceFirst("?***");
    }
}
