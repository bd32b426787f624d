package org.ctims.platform.security;

import java.util.Arrays;
import java.util.Optional;

/** The realm roles of CTIMS, as Keycloak names them in {@code realm_access.roles}. */
public enum Role {
    TEACHER("teacher"),
    SCHOOL_ADMIN("school-admin"),
    STATE_ADMIN("state-admin"),
    SIS_INTEGRATION("sis-integration"),
    REPORT_CONSUMER("report-consumer");

    private final String realmName;

    Role(String realmName) {
        this.realmName = realmName;
    }

    /** The role's name in the Keycloak realm. */
    public String realmName() {
        return realmName;
    }

    /** The Spring Security authority, for {@code hasRole('...')} checks: {@code ROLE_<realm name>}. */
    public String authority() {
        return "ROLE_" + realmName;
    }

    /** The role of a realm role name; roles that are not CTIMS's (Keycloak's own defaults) have none. */
    public static Optional<Role> ofRealmName(String name) {
        return Arrays.stream(values()).filter(r -> r.realmName.equals(name)).findFirst();
    }
}
