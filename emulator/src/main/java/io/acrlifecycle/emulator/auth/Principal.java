package io.acrlifecycle.emulator.auth;

import java.util.Map;
import java.util.Set;

/** Who is calling: the admin user, an AAD identity, a repository-scoped token, or anonymous (pull only). */
public record Principal(Kind kind, String name, Map<String, Set<String>> repositoryActions) {
    public enum Kind { ADMIN, AAD, SCOPED, ANONYMOUS }

    public static final Principal ANONYMOUS = new Principal(Kind.ANONYMOUS, "anonymous", Map.of());

    public static Principal admin(String name) {
        return new Principal(Kind.ADMIN, name, Map.of());
    }

    public static Principal aad(String name) {
        return new Principal(Kind.AAD, name, Map.of());
    }

    /** Whether this principal may do {@code action} on {@code type:name}. */
    public boolean allows(String type, String resource, String action) {
        switch (kind) {
            case ADMIN:
            case AAD:
                return true;
            case ANONYMOUS:
                // Anonymous pull covers data-plane reads only, never catalog listing, writes or soft delete.
                return "repository".equals(type) && ("pull".equals(action) || "metadata_read".equals(action));
            default:
                if (!"repository".equals(type)) {
                    return false;
                }
                Set<String> actions = repositoryActions.get(resource);
                if (actions == null) {
                    actions = repositoryActions.get("*");
                }
                if (actions == null) {
                    return false;
                }
                return "*".equals(action) ? actions.contains("*") : actions.contains(action) || actions.contains("*");
        }
    }
}
