package org.ctims.roster.enrollment;

import java.time.LocalDate;

/**
 * A resolved enrollment: student x organization x teacher x division x school year, as published.
 * Identified by the SIS and the sourcedId of the student's OneRoster enrollment.
 */
record EnrollmentFacts(String sis, String sourcedId, String stn, String givenName, String familyName, LocalDate birthDate,
                       String gender, Integer grade, String email, String organizationPid, String organizationName,
                       String teacherStaffId, String teacherName, String division, String schoolYear,
                       String classSourcedId) {
}
