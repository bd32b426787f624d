package org.ctims.followup.report;

import java.util.List;

/**
 * The answers as a caller sends them (codes as strings, so an unknown code is reported as a
 * field error rather than a parse failure). A save replaces all answers: a field left out is
 * "not answered".
 */
public record AnswersInput(String email, Boolean deceased, String educationStatus, String employmentStatus,
                           Boolean jobRelated, Boolean selfEmployed, String jobTitle, String jobDuties,
                           Boolean tookCertificationTest, List<EntryInput> certifications) {

    public AnswersInput {
        certifications = certifications == null ? List.of() : certifications;
    }

    /** One certification entry as sent. */
    public record EntryInput(String assessmentNumber, String clusterCode, String result) {
    }
}
