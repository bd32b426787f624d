package org.ctims.roster.enrollment;

import java.time.LocalDate;

/** One student's enrollment at an organization, as the API shows it. */
public record EnrollmentView(String enrollmentId, String stn, String givenName, String familyName, LocalDate birthDate,
                             String gender, Integer grade, String email, String organizationPid, String teacherStaffId,
                             String teacherName, String division, String schoolYear) {
}
