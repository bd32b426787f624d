package org.ctims.followup.report;

/** The follow-up section is asked only about students who were seniors in the enrollment year. */
final class FollowUpApplicability {

    static final int SENIOR_GRADE = 12;

    private FollowUpApplicability() {
    }

    static boolean applies(Integer grade) {
        return grade != null && grade == SENIOR_GRADE;
    }
}
