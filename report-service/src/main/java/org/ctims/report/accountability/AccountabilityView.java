package org.ctims.report.accountability;

import java.math.BigDecimal;
import java.util.List;

/**
 * The answer of {@code GET /api/reports/accountability}: every rate with its numerator,
 * denominator and exclusions; {@code percent} is rounded to one decimal for display and null when
 * the denominator is zero.
 */
public record AccountabilityView(String organizationPid, String schoolYear, long cohortSize, Placement placement,
                                 Credentials credentialAttainment) {

    public record RateView(long numerator, long denominator, BigDecimal percent) {
        static RateView of(Rate rate) {
            return new RateView(rate.numerator(), rate.denominator(), rate.percent().orElse(null));
        }
    }

    public record Placement(long placed, long notPlaced, long nonRespondents, long excludedDeceased,
                            long excludedStillSecondary, List<String> stillSecondaryForReview,
                            RateView withNonRespondents, RateView withoutNonRespondents) {
    }

    public record Credentials(long attained, long eligible, long excludedDeceased, RateView rate) {
    }

    static AccountabilityView of(String pid, String year, Accountability a) {
        Placement3S1 p = a.placement();
        CredentialAttainment5S1 c = a.credentials();
        return new AccountabilityView(pid, year, a.cohortSize(),
                new Placement(p.placed(), p.notPlaced(), p.nonRespondents(), p.excludedDeceased(),
                        p.excludedStillSecondary(), p.stillSecondaryForReview(),
                        RateView.of(p.withNonRespondents()), RateView.of(p.withoutNonRespondents())),
                new Credentials(c.attained(), c.eligible(), c.excludedDeceased(), RateView.of(c.rate())));
    }
}
