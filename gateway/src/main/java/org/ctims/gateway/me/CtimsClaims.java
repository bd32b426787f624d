package org.ctims.gateway.me;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link SignedInUser} from the claims Keycloak puts in the ctims realm's tokens.
 * The same claims are in the access token (bearer callers) and, through the gateway client's
 * mappers, in the ID token (browser sessions), so one reader serves both.
 */
final class CtimsClaims {

    static final Set<String> CTIMS_ROLES =
            Set.of("teacher", "school-admin", "state-admin", "sis-integration", "report-consumer");

    private CtimsClaims() {
    }

    static SignedInUser toUser(Map<String, Object> claims) {
        String username = text(claims.get("preferred_username"));
        String name = text(claims.get("name"));
        return new SignedInUser(
                text(claims.get("sub")),
                username,
                name != null ? name : username,
                roles(claims.get("realm_access")),
                strings(claims.get("org_pids")).stream().map(SignedInUser.Organization::new).toList(),
                text(claims.get("staff_id")));
    }

    private static List<String> roles(Object realmAccess) {
        if (!(realmAccess instanceof Map<?, ?> access)) {
            return List.of();
        }
        return strings(access.get("roles")).stream().filter(CTIMS_ROLES::contains).sorted().toList();
    }

    // Keycloak writes a single-valued attribute as a string unless the mapper is multivalued; accept both.
    private static List<String> strings(Object value) {
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
