package org.ctims.report.progress;

/**
 * Completion figures of a school, a teacher or the state, as the summaries count them: students
 * with an active enrollment, those in grade 12 (the follow-up applies), those of them with the
 * follow-up complete, and students with the certificate section complete.
 */
public record Figures(long students, long followUpApplicable, long followUpComplete, long certificateComplete) {

    public long followUpIncomplete() {
        return followUpApplicable - followUpComplete;
    }

    /** Every follow-up that applies is complete (and there is at least one). */
    boolean followUpAllComplete() {
        return followUpApplicable > 0 && followUpComplete == followUpApplicable;
    }
}
