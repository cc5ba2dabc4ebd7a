package io.acrlifecycle.engine.registry;

/**
 * The {@code Link: </acr/v1/repo/_tags?last=x&n=100&orderby=>; rel="next"} header ACR and the distribution API send
 * on every page but the last.
 */
final class Links {
    private Links() {
    }

    /** The next-page path-and-query (relative to the endpoint), or null when there is no next page. */
    static String next(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        for (String part : header.split(",(?=\\s*<)")) {
            String p = part.trim();
            int lt = p.indexOf('<');
            int gt = p.indexOf('>', lt + 1);
            if (lt != 0 || gt < 0) {
                continue;
            }
            String params = p.substring(gt + 1).toLowerCase(java.util.Locale.ROOT).replace(" ", "");
            if (params.contains("rel=\"next\"") || params.contains("rel=next")) {
                String url = p.substring(lt + 1, gt).trim();
                return url.isEmpty() ? null : url;
            }
        }
        return null;
    }
}
