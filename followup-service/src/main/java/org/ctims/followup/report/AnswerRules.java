package org.ctims.followup.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.ctims.followup.report.AnswersInput.EntryInput;
import org.ctims.platform.web.FieldViolation;

/**
 * The rules of DOMAIN.md "The yearly student report" for one save: turns what a caller sent into
 * valid {@link Answers}, or lists every field that breaks a rule. Incomplete answers are valid;
 * invalid ones (unknown code, an answer to a question that does not apply or is locked by
 * "deceased", a malformed e-mail, an assessment or cluster not on the year's list, the same
 * assessment twice, text too long) are not.
 */
public final class AnswerRules {

    public static final int MAX_EMAIL = 254;
    public static final int MAX_JOB_TITLE = 200;
    public static final int MAX_JOB_DUTIES = 2000;
    public static final int MAX_CERTIFICATIONS = 100;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");

    private AnswerRules() {
    }

    /** The outcome: either {@code answers} (no violations) or the violations. */
    public record Outcome(Answers answers, List<FieldViolation> violations) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    /**
     * @param grade the student's grade in the enrollment year (null when the roster does not know it)
     * @param stored the answers stored now: an assessment that has since been retired stays valid where it was already used
     */
    public static Outcome check(Integer grade, AnswersInput in, AssessmentList list, Answers stored) {
        List<FieldViolation> v = new ArrayList<>();
        boolean applies = FollowUpApplicability.applies(grade);
        boolean deceased = Boolean.TRUE.equals(in.deceased());

        String email = blankToNull(in.email());
        if (email != null && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
            v.add(new FieldViolation("email", "is not a valid e-mail address"));
        }
        if (deceased && !applies) {
            v.add(notForThisGrade("deceased"));
        }

        EducationStatus education = null;
        String educationCode = blankToNull(in.educationStatus());
        if (educationCode != null) {
            Optional<EducationStatus> parsed = EducationStatus.ofCode(educationCode);
            if (parsed.isEmpty()) {
                v.add(new FieldViolation("educationStatus", "unknown education status '" + educationCode + "'"));
            } else if (checkAsked("educationStatus", applies, deceased, v)) {
                education = parsed.get();
            }
        }

        EmploymentStatus employment = null;
        String employmentCode = blankToNull(in.employmentStatus());
        boolean employmentKnown = true;
        if (employmentCode != null) {
            Optional<EmploymentStatus> parsed = EmploymentStatus.ofCode(employmentCode);
            if (parsed.isEmpty()) {
                employmentKnown = false;
                v.add(new FieldViolation("employmentStatus", "unknown employment status '" + employmentCode + "'"));
            } else if (checkAsked("employmentStatus", applies, deceased, v)) {
                employment = parsed.get();
            }
        }

        boolean civilian = employment != null && employment.civilianEmployed();
        boolean employed = employment != null && employment.employed();
        Boolean jobRelated = dependent("jobRelated", in.jobRelated(), civilian, employmentKnown,
                "applies only when employed as a civilian (full- or part-time)", applies, deceased, v);
        Boolean selfEmployed = dependent("selfEmployed", in.selfEmployed(), civilian, employmentKnown,
                "applies only when employed as a civilian (full- or part-time)", applies, deceased, v);
        String jobTitle = dependent("jobTitle", blankToNull(in.jobTitle()), employed, employmentKnown,
                "applies only when employed", applies, deceased, v);
        if (jobTitle != null && jobTitle.length() > MAX_JOB_TITLE) {
            v.add(new FieldViolation("jobTitle", "is longer than " + MAX_JOB_TITLE + " characters"));
        }
        String jobDuties = dependent("jobDuties", blankToNull(in.jobDuties()), employed, employmentKnown,
                "applies only when employed", applies, deceased, v);
        if (jobDuties != null && jobDuties.length() > MAX_JOB_DUTIES) {
            v.add(new FieldViolation("jobDuties", "is longer than " + MAX_JOB_DUTIES + " characters"));
        }

        List<CertificationEntry> entries = entries(in, list, stored, v);

        Answers answers = new Answers(email, deceased, education, employment, jobRelated, selfEmployed,
                jobTitle, jobDuties, in.tookCertificationTest(), entries);
        return v.isEmpty() ? new Outcome(answers, List.of()) : new Outcome(null, List.copyOf(v));
    }

    /** A follow-up question: refused for other grades and when locked by "deceased". */
    private static boolean checkAsked(String field, boolean applies, boolean deceased, List<FieldViolation> v) {
        if (!applies) {
            v.add(notForThisGrade(field));
            return false;
        }
        if (deceased) {
            v.add(new FieldViolation(field, "is locked because the student is deceased"));
            return false;
        }
        return true;
    }

    /** A question that applies only for some employment statuses. */
    private static <T> T dependent(String field, T value, boolean applicable, boolean employmentKnown, String why,
                                   boolean applies, boolean deceased, List<FieldViolation> v) {
        if (value == null || !checkAsked(field, applies, deceased, v)) {
            return null;
        }
        // With an unknown employment code its own error says enough; do not pile up a second one.
        if (!applicable && employmentKnown) {
            v.add(new FieldViolation(field, why));
            return null;
        }
        return applicable ? value : null;
    }

    private static List<CertificationEntry> entries(AnswersInput in, AssessmentList list, Answers stored,
                                                    List<FieldViolation> v) {
        List<EntryInput> sent = in.certifications();
        if (sent.isEmpty()) {
            return List.of();
        }
        if (!Boolean.TRUE.equals(in.tookCertificationTest())) {
            v.add(new FieldViolation("certifications", "only when 'took a certification test' is yes"));
            return List.of();
        }
        if (sent.size() > MAX_CERTIFICATIONS) {
            v.add(new FieldViolation("certifications", "at most " + MAX_CERTIFICATIONS + " entries"));
            return List.of();
        }
        Set<String> alreadyUsed = new HashSet<>();
        stored.certifications().forEach(e -> alreadyUsed.add(e.assessmentNumber()));
        Set<String> seen = new HashSet<>();
        List<CertificationEntry> entries = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            EntryInput e = sent.get(i) == null ? new EntryInput(null, null, null) : sent.get(i);
            String path = "certifications[" + i + "].";
            String number = blankToNull(e.assessmentNumber());
            String cluster = blankToNull(e.clusterCode());
            Optional<AssessmentList.ListedAssessment> assessment = Optional.empty();
            if (number != null) {
                assessment = list.assessment(number);
                if (assessment.isEmpty()) {
                    v.add(new FieldViolation(path + "assessmentNumber", "'" + number + "' is not on the Approved Assessment List of the report's year"));
                } else if (assessment.get().retired() && !alreadyUsed.contains(number)) {
                    v.add(new FieldViolation(path + "assessmentNumber", "'" + number + "' was retired from the Approved Assessment List of the report's year"));
                }
                if (!seen.add(number)) {
                    v.add(new FieldViolation(path + "assessmentNumber", "the same assessment is already entered"));
                }
            }
            if (cluster == null && assessment.isPresent() && assessment.get().clusters().size() == 1) {
                // The guidebook fills the only possible cluster in for the user.
                cluster = assessment.get().clusters().iterator().next();
            } else if (cluster != null) {
                if (assessment.isPresent() && !assessment.get().clusters().contains(cluster)) {
                    v.add(new FieldViolation(path + "clusterCode", "'" + cluster + "' is not a cluster of assessment " + number));
                } else if (!list.hasCluster(cluster) && !(assessment.isPresent() && alreadyUsed.contains(number))) {
                    v.add(new FieldViolation(path + "clusterCode", "'" + cluster + "' is not a career cluster of the report's year"));
                }
            }
            CertificationResult result = null;
            String resultCode = blankToNull(e.result());
            if (resultCode != null) {
                result = CertificationResult.ofCode(resultCode).orElse(null);
                if (result == null) {
                    v.add(new FieldViolation(path + "result", "unknown result '" + resultCode + "'"));
                }
            }
            entries.add(new CertificationEntry(number, cluster, result));
        }
        return entries;
    }

    private static FieldViolation notForThisGrade(String field) {
        return new FieldViolation(field, "does not apply: the follow-up is asked only about students in grade 12 in the enrollment year");
    }

    private static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
