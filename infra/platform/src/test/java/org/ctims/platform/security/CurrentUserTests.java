package org.ctims.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

class CurrentUserTests {

    private static CurrentUser user(Set<Role> roles, Set<String> pids) {
        return new CurrentUser("sub", "name", "Name", roles, pids, null);
    }

    @Test
    void aTeacherActsOnlyForTheirOwnSchools() {
        CurrentUser teacher = user(Set.of(Role.TEACHER), Set.of("10001"));

        assertThat(teacher.scope().includes("10001")).isTrue();
        assertThat(teacher.scope().includes("10002")).isFalse();
        assertThatThrownBy(() -> teacher.requireOrganization("10002"))
                .isInstanceOf(OrganizationNotInScopeException.class);
    }

    @Test
    void stateStaffAndReportConsumersSeeEveryOrganization() {
        assertThat(user(Set.of(Role.STATE_ADMIN), Set.of()).scope().all()).isTrue();
        assertThat(user(Set.of(Role.REPORT_CONSUMER), Set.of()).scope().includes("99999")).isTrue();
    }

    @Test
    void aSchoolAdministratorIsScopedToTheirSchoolsLikeATeacher() {
        OrganizationScope scope = user(Set.of(Role.SCHOOL_ADMIN), Set.of("10001", "10005")).scope();

        assertThat(scope.all()).isFalse();
        assertThat(scope.pidArray()).containsExactlyInAnyOrder("10001", "10005");
    }

    @Test
    void someoneWithoutSchoolsSeesNothing() {
        OrganizationScope scope = user(Set.of(Role.TEACHER), Set.of()).scope();

        assertThat(scope.includes("10001")).isFalse();
        assertThat(scope.pids()).isEmpty();
    }
}
