package org.ctims.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KeycloakClaimsTests {

    @Test
    void aTeacherTokenGivesRolesSchoolsAndStaffId() {
        CurrentUser user = KeycloakClaims.currentUser(Map.of(
                "sub", "1b2c", "preferred_username", "teacher-a", "name", "Alice Adams",
                "realm_access", Map.of("roles", List.of("teacher", "default-roles-ctims", "offline_access")),
                "org_pids", List.of("10001", "10003"), "staff_id", "700001"));

        assertThat(user.subject()).isEqualTo("1b2c");
        assertThat(user.username()).isEqualTo("teacher-a");
        assertThat(user.displayName()).isEqualTo("Alice Adams");
        assertThat(user.roles()).containsExactly(Role.TEACHER);
        assertThat(user.organizationPids()).containsExactlyInAnyOrder("10001", "10003");
        assertThat(user.teacherStaffId()).contains("700001");
    }

    @Test
    void aSingleOrganizationClaimIsReadAsOneSchool() {
        CurrentUser user = KeycloakClaims.currentUser(Map.of("sub", "x", "org_pids", "10002"));

        assertThat(user.organizationPids()).containsExactly("10002");
    }

    @Test
    void valuesThatAreNotPidsAreIgnoredInsteadOfWideningTheScope() {
        CurrentUser user = KeycloakClaims.currentUser(Map.of("sub", "x",
                "realm_access", Map.of("roles", List.of("teacher")),
                "org_pids", List.of("10001", "*", "", "10002 OR 1=1")));

        assertThat(user.scope().pids()).containsExactly("10001");
        assertThat(user.scope().all()).isFalse();
    }

    @Test
    void aMachineClientIsNamedByItsClientId() {
        CurrentUser user = KeycloakClaims.currentUser(Map.of("sub", "svc-1", "azp", "sis-connector",
                "realm_access", Map.of("roles", List.of("sis-integration"))));

        assertThat(user.username()).isEqualTo("sis-connector");
        assertThat(user.roles()).containsExactly(Role.SIS_INTEGRATION);
        assertThat(user.teacherStaffId()).isEmpty();
    }

    @Test
    void aTokenWithoutRolesHasNone() {
        CurrentUser user = KeycloakClaims.currentUser(Map.of("sub", "x"));

        assertThat(user.roles()).isEmpty();
        assertThat(user.organizationPids()).isEmpty();
    }
}
