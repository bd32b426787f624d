package org.ctims.gateway.me;

import java.util.List;

/**
 * Who is signed in, as the web client shows it.
 *
 * @param subject Keycloak's stable user id ({@code sub})
 * @param username the login name ({@code preferred_username})
 * @param name the display name
 * @param roles the CTIMS roles only (Keycloak's technical roles are left out)
 * @param organizations the schools the user acts for
 * @param staffId the state staff id, the link to the teacher in the SIS rosters; null if none
 */
public record SignedInUser(String subject, String username, String name, List<String> roles,
        List<Organization> organizations, String staffId) {

    /** A school by its PID; names come from the roster service. */
    public record Organization(String pid) {
    }
}
