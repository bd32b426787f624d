package org.ctims.report.readmodel;

import static org.ctims.report.readmodel.EventFields.*;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.ctims.platform.events.RejectedEventException;
import org.ctims.report.accountability.EducationStatus;
import org.ctims.report.accountability.EmploymentStatus;
import tools.jackson.databind.JsonNode;

/**
 * What this service reads of {@code ctims.followup.report-saved.v1} on {@code followup.reports.v1}
 * (schema: followup-service/src/main/resources/events/report-saved.v1.schema.json): the report's
 * full current state. The flag events of the same topic (follow-up/certifications completed or
 * reopened) repeat what the report-saved before them already carried, so the read model ignores
 * them ({@link #parse} answers empty).
 */
record ReportEvent(UUID reportId, int version, String stn, String schoolYear, String organizationPid,
                   Integer grade, boolean removed, boolean deceased, String educationStatus,
                   String employmentStatus, Boolean tookCertificationTest, boolean followUpApplies,
                   boolean followUpComplete, boolean certificateComplete, String savedBy, Instant savedAt,
                   List<Certification> certifications) {

    static final String SAVED = "ctims.followup.report-saved.v1";
    static final Set<String> FLAGS = Set.of("ctims.followup.follow-up-completed.v1",
            "ctims.followup.follow-up-reopened.v1", "ctims.followup.certifications-completed.v1",
            "ctims.followup.certifications-reopened.v1");
    private static final Set<String> RESULTS = Set.of("passed", "not-passed", "not-taken");

    record Certification(String assessmentNumber, String clusterCode, String result) {
    }

    static Optional<ReportEvent> parse(String type, byte[] payload) {
        if (FLAGS.contains(type)) {
            return Optional.empty();
        }
        if (!SAVED.equals(type)) {
            throw new RejectedEventException("Unknown event type '" + type + "' on the report topic");
        }
        JsonNode root = root(payload);
        JsonNode v = root.get("version");
        if (v == null || !v.isIntegralNumber() || v.asInt() < 1) {
            throw new RejectedEventException("version is not a positive whole number");
        }
        JsonNode answers = object(root, "answers");
        String education = optional(answers, "educationStatus");
        if (education != null && EducationStatus.fromCode(education).isEmpty()) {
            throw new RejectedEventException("answers.educationStatus '" + education + "' is unknown");
        }
        String employment = optional(answers, "employmentStatus");
        if (employment != null && EmploymentStatus.fromCode(employment).isEmpty()) {
            throw new RejectedEventException("answers.employmentStatus '" + employment + "' is unknown");
        }
        JsonNode entries = root.get("certifications");
        if (entries == null || !entries.isArray()) {
            throw new RejectedEventException("certifications is missing");
        }
        List<Certification> certifications = new ArrayList<>();
        for (JsonNode entry : entries) {
            if (!entry.isObject()) {
                throw new RejectedEventException("certifications holds something that is not an entry");
            }
            String result = optional(entry, "result");
            if (result != null && !RESULTS.contains(result)) {
                throw new RejectedEventException("certifications[].result '" + result + "' is unknown");
            }
            certifications.add(new Certification(optional(entry, "assessmentNumber"), optional(entry, "clusterCode"), result));
        }
        JsonNode savedBy = root.get("lastSavedBy");
        String savedByName = savedBy != null && savedBy.isObject() ? optional(savedBy, "username") : null;
        return Optional.of(new ReportEvent(uuid(root, "id"), v.asInt(), matching(root, "stn", STN), schoolYearOf(root),
                matching(object(root, "organization"), "pid", PID), gradeOf(object(root, "student")),
                bool(root, "removed"), bool(answers, "deceased"), education, employment,
                optionalBool(answers, "tookCertificationTest"), bool(root, "followUpApplies"),
                bool(root, "followUpComplete"), bool(root, "certificateComplete"), savedByName,
                time(optional(root, "lastSavedAt")), List.copyOf(certifications)));
    }

    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new RejectedEventException("lastSavedAt is not a time");
        }
    }
}
