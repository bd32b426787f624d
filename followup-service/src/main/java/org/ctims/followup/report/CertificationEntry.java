package org.ctims.followup.report;

/**
 * One certification result of a report. Saving an entry that is not yet complete is allowed (a
 * teacher may pick the assessment first); the certificate is complete only when every entry has
 * all three parts.
 *
 * @param assessmentNumber the assessment's number on the report year's Approved Assessment List, or null
 * @param clusterCode the career cluster's code, or null
 * @param result the result, or null
 */
public record CertificationEntry(String assessmentNumber, String clusterCode, CertificationResult result) {

    boolean isComplete() {
        return assessmentNumber != null && clusterCode != null && result != null;
    }
}
