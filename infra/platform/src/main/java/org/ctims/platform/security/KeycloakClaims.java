package org.ctims.platform.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads a {@link CurrentUser} from the claims of a Keycloak access token of the realm {@code ctims}. */
public final class KeycloakClaims {

    private static final Pattern PID = Pattern.compile("\\d{1,12}");

    private KeycloakClaims() {
    }

    public static CurrentUser currentUser(Map<String, Object> claims) {
        String subject = text(claims.get("sub"));
        String username = firstText(claims, "preferred_username", "client_id", "azp", "sub");
        String displayName = firstText(claims, "name", "preferred_username", "client_id", "azp", "sub");
        return new CurrentUser(subject, username, displayName, roles(claims), organizationPids(claims),
                text(claims.get("staff_id")));
    }

    static Set<Role> roles(Map<String, Object> claims) {
        if (!(claims.get("realm_access") instanceof Map<?, ?> realmAccess)) {
            return Set.of();
        }
        return strings(realmAccess.get("roles")).stream()
                .flatMap(name -> Role.ofRealmName(name).stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** {@code org_pids} is a JSON array; a single value (one school) is accepted too. Non-PIDs are dropped. */
    static Set<String> organizationPids(Map<String, Object> claims) {
        return strings(claims.get("org_pids")).stream()
                .map(String::trim)
                .filter(pid -> PID.matcher(pid).matches())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> strings(Object value) {
        Set<String> result = new LinkedHashSet<>();
        if (value instanceof Collection<?> values) {
            values.forEach(v -> {
                if (v != null) {
                    result.add(v.toString());
                }
            });
        } else if (value != null) {
            result.add(value.toString());
        }
        return result;
    }

    private static String firstText(Map<String, Object> claims, String... names) {
        for (String name : names) {
            String value = text(claims.get(name));
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
