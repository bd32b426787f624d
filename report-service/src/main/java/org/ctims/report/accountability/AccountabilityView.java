package org.ctims.report.accountability;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /api/reports/accountability}: a school's figures and the same per
 * teacher and per division. Every rate has its numerator, denominator and exclusions;
 * {@code percent} is rounded to one decimal for display and null when the denominator is zero.
 * {@code organizationName} is the school's name as the roster gave it last (null if it gave none).
 */
public record AccountabilityView(String organizationPid, String organizationName, String schoolYear, long cohortSize,
                                 Placement placement,
                                 Credentials credentialAttainment, List<Row> byTeacher, List<Row> byDivision) {

    public record RateView(long numerator, long denominator, BigDecimal percent) {
        static RateView of(Rate rate) {
            return new RateView(rate.numerator(), rate.denominator(), rate.percent().orElse(null));
        }
    }

    public record Placement(long placed, long notPlaced, long nonRespondents, long excludedDeceased,
                            long excludedStillSecondary, List<String> stillSecondaryForReview,
                            RateView withNonRespondents, RateView withoutNonRespondents) {

        static Placement of(Placement3S1 p) {
            return new Placement(p.placed(), p.notPlaced(), p.nonRespondents(), p.excludedDeceased(),
                    p.excludedStillSecondary(), p.stillSecondaryForReview(),
                    RateView.of(p.withNonRespondents()), RateView.of(p.withoutNonRespondents()));
        }
    }

    /** 5S1, with {@code byCluster} rows (same denominator) for the clusters with at least one pass. */
    public record Credentials(long attained, long eligible, long excludedDeceased, RateView rate,
                              List<ClusterRate> byCluster) {

        static Credentials of(Accountability a) {
            return of(a, Map.of());
        }

        static Credentials of(Accountability a, Map<String, String> clusterNames) {
            CredentialAttainment5S1 c = a.credentials();
            return new Credentials(c.attained(), c.eligible(), c.excludedDeceased(), RateView.of(c.rate()),
                    a.credentialsByCluster().entrySet().stream()
                            .map(e -> new ClusterRate(e.getKey(), clusterNames.get(e.getKey()), RateView.of(e.getValue().rate())))
                            .toList());
        }
    }

    /** 5S1 of one career cluster: its code, its name on the year's list (null if it has none there), the rate. */
    public record ClusterRate(String cluster, String name, RateView rate) {
    }

    /** One teacher's, division's or school's figures: {@code key} is the staff id, division or PID. */
    public record Row(String key, String name, long cohortSize, Placement placement, Credentials credentialAttainment) {

        static Row of(String key, String name, Accountability a) {
            return new Row(key, name, a.cohortSize(), Placement.of(a.placement()), Credentials.of(a));
        }
    }

    static AccountabilityView of(String pid, String name, String year, Accountability a, Map<String, String> clusterNames,
                                 List<Row> byTeacher, List<Row> byDivision) {
        return new AccountabilityView(pid, name, year, a.cohortSize(), Placement.of(a.placement()),
                Credentials.of(a, clusterNames), List.copyOf(byTeacher), List.copyOf(byDivision));
    }
}
