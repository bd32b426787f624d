package org.ctims.roster.enrollment;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The payload of the events on {@code roster.enrollments.v1} (JSON Schemas in
 * {@code src/main/resources/events/}): one canonical enrollment of a student at an organization,
 * with a teacher, a division and a school year. The same shape is used by
 * {@value #RECORDED} ({@code change} = {@code added} or {@code changed}) and {@value #REMOVED}
 * ({@code change} = {@code removed}, carrying the last facts published). Keyed by STN, so one
 * student's events stay in order; {@code ce_subject} is the organization PID.
 *
 * @param enrollmentId stable id of this enrollment (a UUID derived from SIS and sourcedId): use it to match changes and removals
 * @param change {@code added}, {@code changed} or {@code removed}
 * @param schoolYear the enrollment's school year, e.g. {@code 2018-2019}
 * @param student who
 * @param organization where (PID and name)
 * @param teacher who teaches the class (state staff id, as in the {@code staff_id} claim)
 * @param division the CTE division/program
 * @param source where the enrollment came from (SIS and OneRoster sourcedIds)
 */
public record EnrollmentEvent(String enrollmentId, String change, String schoolYear, Student student,
                              Organization organization, Teacher teacher, String division, Source source) {

    /** Type of an added or changed enrollment. */
    public static final String RECORDED = "ctims.roster.enrollment-recorded.v1";
    /** Type of a removed enrollment. */
    public static final String REMOVED = "ctims.roster.enrollment-removed.v1";

    /** @param gender OneRoster's {@code sex}: male, female, other or unspecified; null when no demographics were sent */
    public record Student(String stn, String givenName, String familyName, LocalDate birthDate, String gender,
                          Integer grade, String email) {
    }

    public record Organization(String pid, String name) {
    }

    public record Teacher(String staffId, String name) {
    }

    public record Source(String sis, String sourcedId, String classSourcedId) {
    }

    static String enrollmentId(String sis, String sourcedId) {
        return UUID.nameUUIDFromBytes((sis + "\n" + sourcedId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static EnrollmentEvent of(EnrollmentFacts facts, String change) {
        return new EnrollmentEvent(enrollmentId(facts.sis(), facts.sourcedId()), change, facts.schoolYear(),
                new Student(facts.stn(), facts.givenName(), facts.familyName(), facts.birthDate(), facts.gender(),
                        facts.grade(), facts.email()),
                new Organization(facts.organizationPid(), facts.organizationName()),
                new Teacher(facts.teacherStaffId(), facts.teacherName()), facts.division(),
                new Source(facts.sis(), facts.sourcedId(), facts.classSourcedId()));
    }
}
