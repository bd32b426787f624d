package org.ctims.followup.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A report as the API answers it (and as the {@code report-saved} event carries it): the student, the
 * answers with codes, both completion flags and what is still missing.
 */
public record ReportView(UUID id, int version, String stn, String schoolYear, Organization organization,
                         Student student, List<Teacher> teachers, boolean removed, AnswersView answers,
                         List<Entry> certifications, boolean followUpApplies, boolean followUpComplete,
                         boolean certificateComplete, List<String> missing, Saver lastSavedBy, Instant lastSavedAt) {

    public record Organization(String pid, String name) {
    }

    public record Student(String givenName, String familyName, LocalDate birthDate, String gender, Integer grade) {
    }

    /** One of the student's CTE teachers at the organization; {@code removed} once the roster dropped the enrollment. */
    public record Teacher(String staffId, String name, String division, boolean removed) {
    }

    public record AnswersView(String email, boolean deceased, String educationStatus, String employmentStatus,
                              Boolean jobRelated, Boolean selfEmployed, String jobTitle, String jobDuties,
                              Boolean tookCertificationTest) {
    }

    public record Entry(String assessmentNumber, String clusterCode, String result) {
    }

    /** Who saved: the sign-in name and the display name. */
    public record Saver(String username, String name) {
    }

    static ReportView of(StoredReport r) {
        Answers a = r.answers();
        Completion c = Completion.of(r.grade(), a);
        return new ReportView(r.id(), r.version(), r.stn(), r.schoolYear(),
                new Organization(r.organizationPid(), r.organizationName()),
                new Student(r.givenName(), r.familyName(), r.birthDate(), r.gender(), r.grade()),
                r.teachers().stream().map(t -> new Teacher(t.staffId(), t.name(), t.division(), t.removed())).toList(),
                r.removed(),
                new AnswersView(a.email(), a.deceased(),
                        a.educationStatus() == null ? null : a.educationStatus().code(),
                        a.employmentStatus() == null ? null : a.employmentStatus().code(),
                        a.jobRelated(), a.selfEmployed(), a.jobTitle(), a.jobDuties(), a.tookCertificationTest()),
                a.certifications().stream().map(e -> new Entry(e.assessmentNumber(), e.clusterCode(),
                        e.result() == null ? null : e.result().code())).toList(),
                c.followUpApplies(), c.followUpComplete(), c.certificateComplete(), c.missing(),
                r.lastSavedBy() == null ? null : new Saver(r.lastSavedBy(), r.lastSavedByName()), r.lastSavedAt());
    }
}
