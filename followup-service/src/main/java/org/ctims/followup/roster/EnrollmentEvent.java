package org.ctims.followup.roster;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

import org.ctims.platform.SchoolYears;
import org.ctims.platform.events.RejectedEventException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What this service reads of an event on {@code roster.enrollments.v1} (schemas in
 * roster-service/src/main/resources/events/): a tolerant reader that ignores fields it does not
 * know and refuses events that miss what a report needs.
 */
record EnrollmentEvent(UUID enrollmentId, boolean removed, String schoolYear, String stn, String givenName,
                       String familyName, LocalDate birthDate, String gender, Integer grade, String email,
                       String organizationPid, String organizationName, String teacherStaffId, String teacherName,
                       String division) {

    static final String RECORDED = "ctims.roster.enrollment-recorded.v1";
    static final String REMOVED = "ctims.roster.enrollment-removed.v1";

    private static final JsonMapper json = JsonMapper.shared();
    private static final Pattern STN = Pattern.compile("^\\d{10}$");
    private static final Pattern PID = Pattern.compile("^\\d{1,20}$");

    static EnrollmentEvent parse(String type, byte[] payload) {
        boolean removed;
        if (RECORDED.equals(type)) {
            removed = false;
        } else if (REMOVED.equals(type)) {
            removed = true;
        } else {
            throw new RejectedEventException("Unknown event type '" + type + "' on the enrollment topic");
        }
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (JacksonException e) {
            throw new RejectedEventException("The payload is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new RejectedEventException("The payload is not a JSON object");
        }
        UUID id;
        try {
            id = UUID.fromString(required(root, "enrollmentId"));
        } catch (IllegalArgumentException e) {
            throw new RejectedEventException("enrollmentId is not a UUID");
        }
        String year = required(root, "schoolYear");
        if (!SchoolYears.isSchoolYear(year)) {
            throw new RejectedEventException("schoolYear '" + year + "' is not like 2018-2019");
        }
        JsonNode student = object(root, "student");
        String stn = required(student, "stn");
        if (!STN.matcher(stn).matches()) {
            throw new RejectedEventException("student.stn is not 10 digits");
        }
        LocalDate birthDate = null;
        String birth = optional(student, "birthDate");
        if (birth != null) {
            try {
                birthDate = LocalDate.parse(birth);
            } catch (DateTimeParseException e) {
                throw new RejectedEventException("student.birthDate is not a date");
            }
        }
        Integer grade = null;
        JsonNode g = student.get("grade");
        if (g != null && !g.isNull()) {
            if (!g.isIntegralNumber() || g.asInt() < 1 || g.asInt() > 13) {
                throw new RejectedEventException("student.grade is not a grade");
            }
            grade = g.asInt();
        }
        JsonNode organization = object(root, "organization");
        String pid = required(organization, "pid");
        if (!PID.matcher(pid).matches()) {
            throw new RejectedEventException("organization.pid is not a PID");
        }
        JsonNode teacher = object(root, "teacher");
        String staffId = required(teacher, "staffId");
        return new EnrollmentEvent(id, removed, year, stn, optional(student, "givenName"), optional(student, "familyName"),
                birthDate, optional(student, "gender"), grade, optional(student, "email"), pid,
                optional(organization, "name"), staffId, optional(teacher, "name"), optional(root, "division"));
    }

    private static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new RejectedEventException(field + " is missing");
        }
        return value;
    }

    private static String required(JsonNode node, String field) {
        String value = optional(node, field);
        if (value == null || value.isBlank()) {
            throw new RejectedEventException(field + " is missing");
        }
        return value;
    }

    private static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new RejectedEventException(field + " is not text");
        }
        return value.asString();
    }
}
