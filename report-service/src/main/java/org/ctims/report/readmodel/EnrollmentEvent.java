package org.ctims.report.readmodel;

import static org.ctims.report.readmodel.EventFields.*;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.ctims.platform.events.RejectedEventException;
import tools.jackson.databind.JsonNode;

/**
 * What this service reads of {@code roster.enrollments.v1} (schemas in
 * roster-service/src/main/resources/events/): both types carry the enrollment's full facts.
 */
record EnrollmentEvent(UUID enrollmentId, boolean removed, String schoolYear, String stn, String givenName,
                       String familyName, LocalDate birthDate, String gender, Integer grade, String email,
                       String organizationPid, String organizationName, String teacherStaffId, String teacherName,
                       String division) {

    static final String RECORDED = "ctims.roster.enrollment-recorded.v1";
    static final String REMOVED = "ctims.roster.enrollment-removed.v1";

    static EnrollmentEvent parse(String type, byte[] payload) {
        boolean removed;
        if (RECORDED.equals(type)) {
            removed = false;
        } else if (REMOVED.equals(type)) {
            removed = true;
        } else {
            throw new RejectedEventException("Unknown event type '" + type + "' on the enrollment topic");
        }
        JsonNode root = root(payload);
        UUID id = uuid(root, "enrollmentId");
        String year = schoolYearOf(root);
        JsonNode student = object(root, "student");
        String stn = matching(student, "stn", STN);
        LocalDate birthDate = null;
        String birth = optional(student, "birthDate");
        if (birth != null) {
            try {
                birthDate = LocalDate.parse(birth);
            } catch (DateTimeParseException e) {
                throw new RejectedEventException("student.birthDate is not a date");
            }
        }
        JsonNode organization = object(root, "organization");
        String pid = matching(organization, "pid", PID);
        JsonNode teacher = object(root, "teacher");
        return new EnrollmentEvent(id, removed, year, stn, optional(student, "givenName"),
                optional(student, "familyName"), birthDate, optional(student, "gender"), gradeOf(student),
                optional(student, "email"), pid, optional(organization, "name"), required(teacher, "staffId"),
                optional(teacher, "name"), optional(root, "division"));
    }
}
