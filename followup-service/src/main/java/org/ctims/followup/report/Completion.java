package org.ctims.followup.report;

import java.util.ArrayList;
import java.util.List;

/**
 * How complete a report is.
 *
 * @param followUpApplies the student was in grade 12 in the enrollment year
 * @param followUpComplete every required answer of the follow-up section is given (false when it does not apply)
 * @param certificateComplete the certification question is answered and, when yes, every entry is complete
 * @param missing the required answers still missing, as field paths of the API
 *                (e.g. {@code employmentStatus}, {@code certifications[0].result})
 */
public record Completion(boolean followUpApplies, boolean followUpComplete, boolean certificateComplete,
                         List<String> missing) {

    public Completion {
        missing = List.copyOf(missing);
    }

    public static Completion of(Integer grade, Answers a) {
        boolean applies = FollowUpApplicability.applies(grade);
        List<String> followUp = new ArrayList<>();
        if (applies && !a.deceased()) {
            if (a.educationStatus() == null) {
                followUp.add("educationStatus");
            }
            if (a.employmentStatus() == null) {
                followUp.add("employmentStatus");
            } else {
                if (a.employmentStatus().civilianEmployed() && a.jobRelated() == null) {
                    followUp.add("jobRelated");
                }
                if (a.employmentStatus().civilianEmployed() && a.selfEmployed() == null) {
                    followUp.add("selfEmployed");
                }
                if (a.employmentStatus().employed() && a.jobTitle() == null) {
                    followUp.add("jobTitle");
                }
            }
        }
        List<String> certificate = new ArrayList<>();
        if (a.tookCertificationTest() == null) {
            certificate.add("tookCertificationTest");
        } else if (a.tookCertificationTest()) {
            if (a.certifications().isEmpty()) {
                certificate.add("certifications");
            }
            for (int i = 0; i < a.certifications().size(); i++) {
                CertificationEntry e = a.certifications().get(i);
                if (e.assessmentNumber() == null) {
                    certificate.add("certifications[" + i + "].assessmentNumber");
                }
                if (e.clusterCode() == null) {
                    certificate.add("certifications[" + i + "].clusterCode");
                }
                if (e.result() == null) {
                    certificate.add("certifications[" + i + "].result");
                }
            }
        }
        // The certification question and "at least one entry when yes" are rows of the
        // follow-up section too (mandatory also for deceased students); the entries' own
        // parts only decide the certificate.
        boolean questionDone = a.tookCertificationTest() != null
                && (!a.tookCertificationTest() || !a.certifications().isEmpty());
        boolean followUpComplete = applies && followUp.isEmpty() && questionDone;
        List<String> missing = new ArrayList<>(followUp);
        missing.addAll(certificate);
        return new Completion(applies, followUpComplete, certificate.isEmpty(), missing);
    }
}
