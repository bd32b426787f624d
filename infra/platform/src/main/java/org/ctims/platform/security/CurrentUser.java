package org.ctims.platform.security;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling: a signed-in person or a machine client, as the Keycloak token says.
 * Controllers take it as a method parameter; queries scope themselves with {@link #scope()}.
 *
 * @param subject the token's {@code sub}: stable id of the user or client
 * @param username the sign-in name ({@code preferred_username}), or the client id of a machine client
 * @param displayName the person's name as Keycloak knows it, else the username
 * @param roles the CTIMS realm roles
 * @param organizationPids the organizations the caller acts for ({@code org_pids})
 * @param staffId the teacher's state staff id ({@code staff_id}), linking them to the SIS rosters; may be null
 */
public record CurrentUser(String subject, String username, String displayName, Set<Role> roles,
                          Set<String> organizationPids, String staffId) {

    public CurrentUser {
        roles = Set.copyOf(roles);
        organizationPids = Set.copyOf(organizationPids);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public Optional<String> teacherStaffId() {
        return Optional.ofNullable(staffId);
    }

    /** State staff and report consumers see every organization; everyone else only their own. */
    public OrganizationScope scope() {
        if (hasRole(Role.STATE_ADMIN) || hasRole(Role.REPORT_CONSUMER)) {
            return OrganizationScope.everyOrganization();
        }
        return OrganizationScope.only(organizationPids);
    }

    /**
     * Refuses a request naming an organization the caller does not act for. Use for an
     * organization given in the request (a filter parameter); for an entity looked up by id,
     * filter the query with {@link #scope()} instead, so another school's id answers 404.
     */
    public void requireOrganization(String pid) {
        if (!scope().includes(pid)) {
            throw new OrganizationNotInScopeException(pid);
        }
    }
}
