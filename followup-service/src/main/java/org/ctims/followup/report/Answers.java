package org.ctims.followup.report;

import java.util.List;

/**
 * The answers of a report as stored: valid by construction (only {@link AnswerRules} makes them
 * from input), possibly incomplete. {@code null} means "not answered" except for
 * {@code deceased}, which defaults to no.
 */
public record Answers(String email, boolean deceased, EducationStatus educationStatus,
                      EmploymentStatus employmentStatus, Boolean jobRelated, Boolean selfEmployed,
                      String jobTitle, String jobDuties, Boolean tookCertificationTest,
                      List<CertificationEntry> certifications) {

    /** A new report: nothing answered yet, e-mail from the roster if it had one. */
    public static Answers initial(String rosterEmail) {
        return new Answers(rosterEmail, false, null, null, null, null, null, null, null, List.of());
    }

    public Answers {
        certifications = List.copyOf(certifications);
    }
}
