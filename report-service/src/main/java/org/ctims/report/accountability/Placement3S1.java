package org.ctims.report.accountability;

import java.util.List;

/**
 * 3S1 post-program placement of one cohort.
 *
 * @param placed               numerator
 * @param notPlaced            exited, answered, neither education nor employment
 * @param nonRespondents       follow-up incomplete or a status unknown
 * @param excludedDeceased     left out of every rate
 * @param excludedStillSecondary left out of the rates (not exited yet)
 * @param stillSecondaryForReview STNs of the still-secondary students, sorted, for review
 */
public record Placement3S1(long placed, long notPlaced, long nonRespondents, long excludedDeceased,
                           long excludedStillSecondary, List<String> stillSecondaryForReview) {

    public Placement3S1 {
        stillSecondaryForReview = List.copyOf(stillSecondaryForReview);
    }

    /** placed ÷ (placed + not placed + non-respondents): the official rate. */
    public Rate withNonRespondents() {
        return new Rate(placed, placed + notPlaced + nonRespondents);
    }

    /** placed ÷ (placed + not placed): the rate among those who answered. */
    public Rate withoutNonRespondents() {
        return new Rate(placed, placed + notPlaced);
    }
}
